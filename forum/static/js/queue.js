// Review queue: blur sensitive content until asked, keep the waiting clocks current, and add items that
// arrive live (Socket.IO `review_alert`) without a reload. Everything works without this script too.
(function () {
  "use strict";

  function setUpBlur() {
    document.querySelectorAll("details[data-blur]").forEach(function (details) {
      var body = details.querySelector(".reveal-body");
      if (!body) { return; }
      details.open = true;
      body.classList.add("blurred");
      body.setAttribute("aria-hidden", "true");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button secondary reveal-button";
      button.textContent = "Show the content";
      button.addEventListener("click", function () {
        body.classList.remove("blurred");
        body.removeAttribute("aria-hidden");
        button.remove();
      });
      body.parentNode.insertBefore(button, body);
    });
  }

  function ago(iso) {
    var seconds = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
    var minutes = Math.floor(seconds / 60);
    if (minutes < 1) { return "under a minute"; }
    if (minutes < 60) { return minutes + " min"; }
    var hours = Math.floor(minutes / 60);
    if (hours < 48) { return hours + " h " + (minutes % 60) + " min"; }
    return Math.floor(hours / 24) + " days";
  }

  function tickClocks() {
    document.querySelectorAll("[data-clock]").forEach(function (el) {
      var iso = el.getAttribute("data-since");
      var time = el.querySelector("time");
      if (iso && time) { time.textContent = ago(iso) + " ago"; }
    });
  }

  function matchesFilters(list, alert) {
    if ((list.dataset.status || "pending") !== "pending") { return false; }
    if (list.dataset.group && String(alert.group_id) !== list.dataset.group) { return false; }
    if (list.dataset.category && alert.category !== list.dataset.category) { return false; }
    return true;
  }

  function validAlert(alert) {
    return alert && Number.isInteger(alert.review_id) && alert.review_id > 0 &&
      typeof alert.priority === "string" && typeof alert.category === "string";
  }

  function addItem(list, alert) {
    if (!validAlert(alert) || !matchesFilters(list, alert) || document.getElementById("review-" + alert.review_id)) {
      return;
    }
    var rooms = {};
    try { rooms = JSON.parse(list.dataset.rooms || "{}"); } catch (e) { rooms = {}; }
    var room = alert.group_id != null ? rooms[String(alert.group_id)] : null;
    var url = (list.dataset.itemUrl || "").replace(/\/0$/, "/" + alert.review_id);
    var item = document.createElement("li");
    item.id = "review-" + alert.review_id;
    item.className = "card queue-item live-new prio-" + alert.priority.replace(/[^a-z]/g, "");
    var text = document.createElement("span");
    text.textContent = "New " + alert.priority + " item: " + (alert.category || "review").replace(/_/g, " ") +
      (room ? " in " + room : "") + ". ";
    var link = document.createElement("a");
    link.className = "button";
    link.href = url;
    link.textContent = "Open";
    item.appendChild(text);
    item.appendChild(link);
    var empty = list.querySelector(".empty");
    if (empty) { empty.remove(); }
    list.insertBefore(item, list.firstChild);
    var banner = document.getElementById("live-banner");
    if (banner) {
      banner.textContent = alert.priority === "urgent"
        ? "An urgent item just arrived" + (room ? " in " + room : "") + ". It is at the top of the queue."
        : "A new item arrived. It is at the top of the queue.";
      banner.hidden = false;
    }
  }

  function connectLive() {
    var list = document.getElementById("queue");
    if (!list || typeof window.io !== "function") { return; }
    var socket = window.io();
    socket.on("review_alert", function (alert) { addItem(list, alert); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpBlur();
    tickClocks();
    window.setInterval(tickClocks, 15000);
    connectLive();
  });
})();

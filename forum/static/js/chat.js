/* Hearth live chat. User text reaches the page only as textContent or as HTML the server sanitised. */
(function () {
  "use strict";
  var root = document.getElementById("chat");
  if (!root || typeof window.io !== "function") { return; }

  var slug = root.dataset.group;
  var groupId = Number(root.dataset.groupId);
  var me = Number(root.dataset.userId);
  var canModerate = root.dataset.canModerate === "true";
  var $ = function (id) { return document.getElementById(id); };
  var log = $("chat-log"), form = $("chat-form"), input = $("chat-text"), errorBox = $("chat-error");
  var older = $("chat-older"), conn = $("chat-connection"), stateLine = $("chat-state");
  var typingLine = $("chat-typing"), presence = $("chat-presence");

  var byId = new Map();      // server id -> <li>
  var pending = new Map();   // client_key -> {text, li, state}
  var lastId = 0, oldestId = null, joined = false, loadingOlder = false;
  var typingTimer = null, lastTypingSent = 0;

  var socket = window.io({ transports: ["websocket", "polling"] });

  function setText(el, text) { if (el) { el.textContent = text || ""; } }
  function newKey() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function timeOf(iso) {
    var d = new Date(iso);
    return isNaN(d) ? "" : d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }
  function nearBottom() { return log.scrollHeight - log.scrollTop - log.clientHeight < 80; }
  function scrollDown() { log.scrollTop = log.scrollHeight; }

  /* --- rendering ------------------------------------------------------------------------------------------ */
  function button(label, onClick) {
    var b = document.createElement("button");
    b.type = "button"; b.className = "link"; b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  function messageItem(m) {
    var li = document.createElement("li");
    li.className = "chat-msg";
    var head = document.createElement("div");
    head.className = "chat-msg-head";
    var author = document.createElement("span");
    author.className = "chat-author"; author.textContent = m.author;
    var time = document.createElement("time");
    time.className = "muted"; time.dateTime = m.created_at || ""; time.textContent = timeOf(m.created_at);
    var status = document.createElement("span");
    status.className = "chat-status badge"; status.hidden = true;
    head.append(author, time, status);
    var body = document.createElement("div");
    body.className = "chat-text";
    var note = document.createElement("p");
    note.className = "chat-note muted"; note.hidden = true;
    var actions = document.createElement("div");
    actions.className = "chat-actions";
    li.append(head, body, note, actions);
    return li;
  }

  function fill(li, m) {
    li.dataset.id = m.id;
    li.querySelector(".chat-text").innerHTML = m.html; /* server-sanitised (bleach allow-list), never raw input */
    var status = li.querySelector(".chat-status"), note = li.querySelector(".chat-note");
    li.classList.toggle("is-pending", m.status === "held");
    li.classList.toggle("is-hidden", m.status === "hidden");
    li.classList.remove("is-failed");
    status.hidden = m.status === "visible";
    /* a held message reaches its author and the room's moderators: each is told who else can see it */
    var held = m.author_id === me ? "Pending review: only you can see this" : "Pending review: only moderators can see this";
    setText(status, m.status === "held" ? held : m.status === "hidden" ? "Hidden" : "");
    note.hidden = !m.note;
    setText(note, m.note || "");
    addActions(li, m);
  }

  function addActions(li, m) {
    var actions = li.querySelector(".chat-actions");
    actions.replaceChildren();
    if ((m.status !== "visible" && !canModerate) || m.removed) { return; }
    if (m.author_id !== me) { actions.append(button("Report", function () { showFlag(li, m); })); }
    if (canModerate && m.status !== "hidden") { actions.append(button("Hide", function () { hide(m); })); }
    if (canModerate && m.author_id && m.author_id !== me) {
      actions.append(button("Mute " + m.author, function () { showMute(li, m); }));
    }
  }

  function place(li, id) {
    /* Keep the log in id order; local messages still sending stay at the end. */
    var node = log.lastElementChild;
    while (node && (!node.dataset.id || Number(node.dataset.id) > id)) { node = node.previousElementSibling; }
    log.insertBefore(li, node ? node.nextSibling : log.firstChild);
  }

  function addMessage(m) {
    if (m.group_id !== groupId) { return; }
    var stick = nearBottom();
    var li = byId.get(m.id);
    if (!li) { li = messageItem(m); byId.set(m.id, li); place(li, m.id); }
    fill(li, m);
    lastId = Math.max(lastId, m.id);
    oldestId = oldestId === null ? m.id : Math.min(oldestId, m.id);
    if (stick) { scrollDown(); }
  }

  var here = new Set();
  function renderPresence(handles) {
    if (handles) { here = new Set(handles); }
    presence.replaceChildren();
    Array.from(here).sort(function (a, b) { return a.localeCompare(b); }).forEach(function (h) {
      var li = document.createElement("li"); li.textContent = h; presence.append(li);
    });
  }

  function applyState(ack) {
    form.hidden = !ack.can_send;
    stateLine.hidden = ack.state === "open";
    setText(stateLine, ack.reason);
    if (!ack.can_send && ack.state === "open") {
      stateLine.hidden = false;
      setText(stateLine, "You can read this chat, but you can't send messages here right now.");
    }
  }

  /* --- joining, catching up, older messages ------------------------------------------------------------ */
  function join() {
    socket.emit("join", { group: slug }, function (ack) {
      if (!ack || !ack.ok) { joined = false; form.hidden = true; setText(conn, ack ? ack.error : "Could not join."); return; }
      joined = true;
      setText(conn, "Connected");
      applyState(ack);
      renderPresence(ack.presence);
      if (lastId === 0) {
        ack.messages.forEach(addMessage);
        older.hidden = !ack.more;
        scrollDown();
      } else {
        catchUp();
      }
      pending.forEach(function (p, key) { if (p.state !== "sending") { sendNow(key); } });
    });
  }

  function catchUp(first) {
    var ask = { group: slug, after_id: lastId };
    if (first !== false && oldestId !== null) { ask.from_id = oldestId; }  /* and what was hidden meanwhile */
    socket.emit("since", ask, function (ack) {
      if (!ack || !ack.ok) { return; }
      (ack.hidden || []).forEach(function (ev) { markHidden(ev.id, ev); });  /* as message_hidden events */
      ack.messages.forEach(addMessage);
      if (ack.more) { catchUp(false); }
    });
  }

  function loadOlder() {
    if (loadingOlder || oldestId === null) { return; }
    loadingOlder = true;
    var before = log.scrollHeight;
    socket.emit("history", { group: slug, before_id: oldestId }, function (ack) {
      loadingOlder = false;
      if (!ack || !ack.ok) { return; }
      ack.messages.forEach(addMessage);
      older.hidden = !ack.more;
      log.scrollTop = log.scrollHeight - before;
    });
  }
  older.addEventListener("click", loadOlder);
  log.addEventListener("scroll", function () { if (log.scrollTop === 0 && !older.hidden) { loadOlder(); } });

  /* --- sending: sending / sent / failed, retried with the same key ------------------------------------- */
  function markLocal(p, state, text) {
    p.state = state;
    p.li.classList.toggle("is-failed", state === "failed");
    var status = p.li.querySelector(".chat-status");
    status.hidden = false;
    setText(status, text);
    var actions = p.li.querySelector(".chat-actions");
    actions.replaceChildren();
    if (state === "failed") { actions.append(button("Retry", function () { sendNow(p.key); })); }
  }

  function refused(key, p, error) {
    /* Sending again cannot help (muted, read-only, closed, not a member): say why, offer no Retry, and read the
       room's state afresh so the form hides when this member cannot send. */
    pending.delete(key);
    markLocal(p, "refused", "Not sent: " + error);
    p.li.classList.add("is-failed");
    if (joined) { join(); }
  }

  function sendNow(key) {
    var p = pending.get(key);
    if (!p) { return; }
    if (!socket.connected || !joined) { markLocal(p, "waiting", "Waiting for the connection…"); return; }
    markLocal(p, "sending", "Sending…");
    socket.timeout(10000).emit("send", { group: slug, text: p.text, client_key: key }, function (err, ack) {
      if (err) { markLocal(p, "waiting", "No answer yet; will retry"); return; }
      if (!ack.ok && !ack.retryable) { refused(key, p, ack.error); return; }
      if (!ack.ok) { markLocal(p, "failed", "Not sent: " + ack.error); return; }
      pending.delete(key);
      p.li.remove();
      addMessage(ack.message);
    });
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var text = input.value.trim();
    setText(errorBox, "");
    if (!text) { setText(errorBox, "Write something before sending."); input.focus(); return; }
    var key = newKey();
    var li = messageItem({ author: root.dataset.handle, created_at: new Date().toISOString() });
    li.querySelector(".chat-text").textContent = text; /* our own text, shown as plain text until the server answers */
    log.append(li);
    pending.set(key, { key: key, text: text, li: li, state: "new" });
    input.value = "";
    scrollDown();
    sendNow(key);
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); form.requestSubmit(); }
  });
  input.addEventListener("input", function () {
    var now = Date.now();
    if (joined && now - lastTypingSent > 3000) { lastTypingSent = now; socket.emit("typing", { group: slug }); }
  });

  /* --- flag, hide, mute -------------------------------------------------------------------------------- */
  function inlineForm(li, label, field, submitLabel, onSubmit) {
    var actions = li.querySelector(".chat-actions");
    actions.replaceChildren();
    var id = "f" + newKey().slice(0, 8);
    var lab = document.createElement("label");
    lab.htmlFor = id; lab.textContent = label;
    field.id = id;
    var result = document.createElement("span");
    result.setAttribute("role", "status");
    actions.append(lab, field, button(submitLabel, function () { onSubmit(field.value, result); }), result);
    field.focus();
  }

  function showFlag(li, m) {
    var select = document.createElement("select");
    select.append($("chat-flag-options").content.cloneNode(true));
    inlineForm(li, "What is wrong?", select, "Send report", function (value, result) {
      var note = li.querySelector(".chat-flag-note");
      socket.emit("flag", { message_id: m.id, report_type: value, note: note.value }, function (ack) {
        setText(result, ack && ack.ok ? "Thank you. A moderator will look at it." : (ack ? ack.error : "Not sent."));
      });
    });
    var note = document.createElement("input");
    note.type = "text"; note.maxLength = 500; note.className = "chat-flag-note"; note.id = select.id + "-note";
    var label = document.createElement("label");
    label.htmlFor = note.id; label.textContent = "Note (needed for “something else”)";
    select.after(label, note);
  }

  function hide(m) {
    socket.emit("hide", { message_id: m.id }, function (ack) {
      if (!ack || !ack.ok) { setText(conn, ack ? ack.error : "Could not hide."); }
    });
  }

  function showMute(li, m) {
    var minutes = document.createElement("input");
    minutes.type = "number"; minutes.min = "1"; minutes.max = "10080"; minutes.value = "60";
    inlineForm(li, "Minutes", minutes, "Mute", function (value, result) {
      socket.emit("mute", { group: slug, handle: m.author, minutes: parseInt(value, 10) }, function (ack) {
        setText(result, ack && ack.ok ? m.author + " is muted." : (ack ? ack.error : "Not done."));
      });
    });
  }

  /* --- server events ----------------------------------------------------------------------------------- */
  socket.on("connect", function () { setText(conn, "Connected"); join(); });
  socket.on("disconnect", function (reason) {
    joined = false;
    setText(conn, reason === "io server disconnect" ? "Disconnected. Please log in again." : "Reconnecting…");
  });
  socket.on("connect_error", function () { setText(conn, "Can't connect right now; retrying…"); });
  socket.on("chat_message", addMessage);
  socket.on("message_hidden", function (ev) { if (ev.group_id === groupId) { markHidden(ev.id, ev); } });
  /* several at once (an account's erased lines): one event with their ids, each marked as a single one is */
  socket.on("messages_hidden", function (ev) {
    if (ev.group_id === groupId) { (ev.ids || []).forEach(function (id) { markHidden(id, ev); }); }
  });
  function markHidden(id, ev) {
    var li = byId.get(id);
    if (!li) { return; }
    if (ev && typeof ev.text === "string") { markReplaced(li, ev); return; }
    if (canModerate) { li.classList.add("is-hidden"); setText(li.querySelector(".chat-status"), "Hidden"); li.querySelector(".chat-status").hidden = false; return; }
    li.querySelector(".chat-text").textContent = "Hidden by a moderator.";
    li.classList.add("is-hidden");
    li.querySelector(".chat-actions").replaceChildren();
  }
  function markReplaced(li, ev) {
    /* Erased by its author when they left: the words go for everyone (moderators too); nothing left to act on. */
    li.querySelector(".chat-text").textContent = ev.text;
    if (typeof ev.author === "string") { setText(li.querySelector(".chat-author"), ev.author); }
    li.querySelector(".chat-note").hidden = true;
    li.querySelector(".chat-actions").replaceChildren();
  }
  socket.on("presence", function (ev) {
    /* deltas: {joined: handle} or {left: handle}; the full list comes with the join answer */
    if (ev.group_id !== groupId) { return; }
    if (ev.joined) { here.add(ev.joined); }
    if (ev.left) { here.delete(ev.left); }
    renderPresence(null);
  });
  socket.on("typing", function (ev) {
    if (ev.group_id !== groupId) { return; }
    setText(typingLine, ev.handle + " is typing…");
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () { setText(typingLine, ""); }, 4000);
  });
  socket.on("resource_card", function (card) {
    /* a member at risk, or one worried about someone else (card.steps: how to help them) */
    setText($("chat-card-title"), card.title);
    setText($("chat-card-message"), card.message);
    setText($("chat-card-told"), card.told);
    var steps = $("chat-card-steps");
    steps.replaceChildren();
    card.steps.forEach(function (step) {
      var li = document.createElement("li"); li.textContent = step; steps.append(li);
    });
    steps.hidden = card.steps.length === 0;
    var list = $("chat-card-resources");
    list.replaceChildren();
    card.resources.forEach(function (r) {
      var li = document.createElement("li");
      var name = document.createElement("strong"); name.textContent = r.name;
      li.append(name, document.createTextNode(
        [r.phone && ": call " + r.phone, r.text && ", " + r.text, r.web && ", " + r.web, r.hours && " (" + r.hours + ")"]
          .filter(Boolean).join("")));
      list.append(li);
    });
    $("chat-card").hidden = false;
    $("chat-card").scrollIntoView();
  });
  socket.on("removed", function (ev) {
    if (ev.group_id !== groupId) { return; }
    joined = false;
    var why = { muted: "A moderator muted you in this room for a while.", banned: "You can no longer take part in this room.",
                left: "You left this group.", joined: "Welcome! You can now take part.",
                role: "Your role in this room changed." }[ev.reason] || "Your place in this room changed.";
    setText(conn, why);
    form.hidden = true;
    setTimeout(join, 500); /* the join checks the permissions afresh */
  });
  socket.on("review_alert", function (ev) {
    if (canModerate && ev.group_id === groupId) { setText(conn, "A new item (" + ev.priority + ") is waiting in the review queue."); }
  });
})();

// A tiny stand-in DOM to run forum/static/js/queue.js under node: no browser needed.
"use strict";
const fs = require("fs");
const vm = require("vm");

function el(tag) {
  return {
    tagName: tag, children: [], classList: { items: new Set(), add(c) { this.items.add(c); }, remove(c) { this.items.delete(c); } },
    dataset: {}, attrs: {}, hidden: true, textContent: "", id: "", className: "", href: "",
    appendChild(c) { this.children.push(c); c.parentNode = this; return c; },
    insertBefore(c, ref) { const i = ref ? this.children.indexOf(ref) : -1; this.children.splice(i < 0 ? this.children.length : i, 0, c); c.parentNode = this; return c; },
    querySelector() { return null; }, querySelectorAll() { return []; },
    setAttribute(k, v) { this.attrs[k] = v; }, getAttribute(k) { return this.attrs[k]; }, removeAttribute(k) { delete this.attrs[k]; },
    remove() { const p = this.parentNode; if (p) { p.children.splice(p.children.indexOf(this), 1); } },
    get firstChild() { return this.children[0] || null; },
  };
}

const list = el("ol");
list.dataset = JSON.parse(process.argv[3]);
const banner = el("p");
const byId = { queue: list, "live-banner": banner };
let ready = null;
let handler = null;
const document = {
  addEventListener(name, fn) { if (name === "DOMContentLoaded") { ready = fn; } },
  querySelectorAll() { return []; },
  getElementById(id) { return byId[id] || list.children.find((c) => c.id === id) || null; },
  createElement: el,
};
const window = {
  io() { return { on(name, fn) { if (name === "review_alert") { handler = fn; } } }; },
  setInterval() {},
};
vm.runInNewContext(fs.readFileSync(process.argv[2], "utf8"), { document, window, Date, JSON, Number, Math, String });
ready();
for (const alert of JSON.parse(process.argv[4])) { handler(alert); }
console.log(JSON.stringify({
  items: list.children.map((c) => ({ id: c.id, text: c.children.map((x) => x.textContent).join(""), href: (c.children[1] || {}).href })),
  banner: banner.hidden ? null : banner.textContent,
}));

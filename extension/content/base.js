// Bounce Doctor content scripts share one namespace in the extension's isolated world.
// This file comes first: the browser API, a few DOM helpers, and the timing record.
'use strict';

(() => {
  const bd = (globalThis.bounceDoctor = globalThis.bounceDoctor || {});
  if (bd.base) return;
  bd.base = true;

  bd.api = globalThis.browser ?? globalThis.chrome;

  // The first element under `root` matching any of `selectors`, tried in order: the first
  // selector is the stable one (role, aria, data-*), later ones are fallbacks.
  bd.first = (root, selectors) => {
    for (const s of selectors) {
      const el = root.querySelector(s);
      if (el) return el;
    }
    return null;
  };

  // Like closest() with fallbacks.
  bd.closest = (el, selectors) => {
    for (const s of selectors) {
      const hit = el.closest(s);
      if (hit) return hit;
    }
    return null;
  };

  // Elements under (or equal to) `node` matching `selector`, in document order.
  bd.within = (node, selector) => {
    const out = node.matches(selector) ? [node] : [];
    for (const el of node.querySelectorAll(selector)) out.push(el);
    return out;
  };

  // The text of a message body with its line structure, like innerText but without forcing
  // a layout of the page: block elements and <br> end lines, other whitespace collapses.
  const BLOCK = new Set(['P', 'DIV', 'BR', 'TR', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TABLE', 'PRE',
    'BLOCKQUOTE', 'UL', 'OL', 'DL', 'DT', 'DD', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'HR', 'CENTER', 'ADDRESS']);
  const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'HEAD', 'TITLE']);
  bd.textOf = (root, limit = 1_000_000) => {
    const out = [];
    let size = 0;
    const walk = (node, pre) => {
      for (let n = node.firstChild; n && size < limit; n = n.nextSibling) {
        if (n.nodeType === 3) {
          const t = pre ? n.data : n.data.replace(/[ \t\n\r\f]+/g, ' ');
          out.push(t);
          size += t.length;
        } else if (n.nodeType === 1 && !SKIP.has(n.tagName)) {
          const block = BLOCK.has(n.tagName);
          if (block) out.push('\n');
          walk(n, pre || n.tagName === 'PRE');
          if (block) out.push('\n');
          else if (n.tagName === 'TD' || n.tagName === 'TH') out.push(' ');
        }
      }
    };
    walk(root, false);
    return out.join('').split('\n').map((l) => l.trim()).filter((l, i, a) => l || (i > 0 && a[i - 1])).join('\n').trim();
  };

  // Main-thread time spent by the content script, per message, for the bench command
  // (`./build.sh size`): read through the DevTools protocol, never shown to the page.
  const records = [];
  bd.timing = {
    records,
    add(kind, ms) {
      if (records.length >= 1000) records.shift();
      records.push({ kind, ms });
    },
  };
})();

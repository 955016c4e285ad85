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

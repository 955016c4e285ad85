// Evidence highlight: find an evidence line of the diagnosis in the message body and wrap
// the text nodes it covers in <mark>. Matching ignores whitespace (the body's line breaks
// and the core's trimmed lines differ). Nothing else in the message is touched, and
// unmark() puts the text nodes back as they were.
'use strict';

(() => {
  const bd = (globalThis.bounceDoctor = globalThis.bounceDoctor || {});
  const MARK_ATTR = 'data-bounce-doctor-mark';
  const MAX_NODES = 20_000; // a huge message is not walked further than this ...
  const MAX_CHARS = 300_000; // ... or this: the evidence of a bounce is near its top

  // Text of `root` without whitespace, and for each of its characters the text node and
  // offset it came from.
  function index(root) {
    const chars = [];
    const where = [];
    const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement?.closest('script,style,template') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    let count = 0;
    for (let n = walker.nextNode(); n && count < MAX_NODES && chars.length < MAX_CHARS; n = walker.nextNode(), count++) {
      const data = n.data;
      for (let i = 0; i < data.length; i++) {
        const c = data[i];
        if (c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\u00a0' || c === '\f') continue;
        chars.push(c);
        where.push(n, i);
      }
    }
    return { text: chars.join(''), where };
  }

  const squeeze = (s) => s.replace(/[\s\u00a0]+/g, '');

  // How to undo each mark: the original text node and the parts split off it.
  const undo = new WeakMap();

  // Wraps [start, end) of text node `node` in a <mark>; returns the mark. `node` keeps the
  // text before the mark (or moves into the mark when start is 0).
  function wrap(node, start, end) {
    const doc = node.ownerDocument;
    const middle = start > 0 ? node.splitText(start) : node;
    const tail = end - start < middle.data.length ? middle.splitText(end - start) : null;
    const mark = doc.createElement('mark');
    mark.setAttribute(MARK_ATTR, '');
    mark.className = 'bd-evidence';
    middle.parentNode.insertBefore(mark, middle);
    mark.appendChild(middle);
    undo.set(mark, { node, middle, tail });
    return mark;
  }

  // Highlights the first occurrence of each evidence text under `root`. Returns the marks.
  function mark(root, texts) {
    const marks = [];
    const wanted = texts.map(squeeze).filter((t) => t.length >= 3);
    if (!wanted.length) return marks;
    const { text, where } = index(root);
    const spans = [];
    for (const w of wanted) {
      const at = text.indexOf(w);
      if (at >= 0) spans.push([at, at + w.length]);
    }
    // Collect (node, start, end) pieces first, then split: splitting moves offsets.
    const pieces = new Map();
    for (const [from, to] of spans) {
      for (let k = from; k < to; k++) {
        const node = where[2 * k];
        const off = where[2 * k + 1];
        const p = pieces.get(node);
        if (!p) pieces.set(node, [off, off + 1]);
        else { p[0] = Math.min(p[0], off); p[1] = Math.max(p[1], off + 1); }
      }
    }
    for (const [node, [start, end]] of pieces) {
      if (node.parentElement?.hasAttribute(MARK_ATTR)) continue;
      marks.push(wrap(node, start, end));
    }
    return marks;
  }

  // Removes our marks under `root` and joins the split text nodes back into the original.
  function unmark(root) {
    for (const m of root.querySelectorAll(`mark[${MARK_ATTR}]`)) {
      const u = undo.get(m);
      if (!u || u.middle.parentNode !== m) {
        m.replaceWith(...m.childNodes);
        continue;
      }
      if (u.middle === u.node) m.parentNode.insertBefore(u.node, m);
      else u.node.data += u.middle.data;
      if (u.tail && u.tail.parentNode) {
        u.node.data += u.tail.data;
        u.tail.remove();
      }
      m.remove();
    }
  }

  bd.highlight = { mark, unmark, MARK_ATTR };
})();

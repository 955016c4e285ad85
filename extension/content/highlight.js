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

  const squeeze = (s) => s.replace(/\s+/g, '');

  // The text nodes under `root` with their text squeezed (whitespace removed), and where each
  // node's squeezed text starts in the concatenation `text`.
  function index(root) {
    const nodes = [];
    const parts = [];
    const starts = [];
    let size = 0;
    const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n && nodes.length < MAX_NODES && size < MAX_CHARS; n = walker.nextNode()) {
      const tag = n.parentElement?.tagName;
      if (tag === 'SCRIPT' || tag === 'STYLE') continue;
      const part = squeeze(n.data);
      if (!part) continue;
      nodes.push(n);
      parts.push(part);
      starts.push(size);
      size += part.length;
    }
    return { nodes, parts, starts, text: parts.join('') };
  }

  // Offset in `data` of its k-th non-whitespace character.
  function rawOffset(data, k) {
    for (let i = 0, seen = 0; i < data.length; i++) {
      if (/\s/.test(data[i])) continue;
      if (seen++ === k) return i;
    }
    return data.length;
  }

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
    const { nodes, parts, starts, text } = index(root);
    const spans = [];
    for (const w of wanted) {
      const at = text.indexOf(w);
      if (at >= 0) spans.push([at, at + w.length]);
    }
    // Collect (node, start, end) pieces first, then split: splitting moves offsets.
    const pieces = new Map();
    for (const [from, to] of spans) {
      for (let j = 0; j < nodes.length && starts[j] < to; j++) {
        const end = starts[j] + parts[j].length;
        if (end <= from) continue;
        const data = nodes[j].data;
        const a = rawOffset(data, Math.max(from, starts[j]) - starts[j]);
        const b = rawOffset(data, Math.min(to, end) - starts[j] - 1) + 1;
        const p = pieces.get(nodes[j]);
        if (!p) pieces.set(nodes[j], [a, b]);
        else { p[0] = Math.min(p[0], a); p[1] = Math.max(p[1], b); }
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

// The input with the evidence highlighted. Evidence carries 1-based `line` and UTF-8 byte
// offsets `start`/`end` into the input; here they become <mark>s in a view of the text, one
// element per line (line numbers from CSS). Big inputs show only the lines around evidence.

const FULL_VIEW_LINES = 3000;
const CONTEXT_LINES = 3;

// UTF-16 index in `text` for each UTF-8 byte offset in `offsets` (sorted ascending).
function byteToIndex(text, offsets) {
  const out = new Map();
  let k = 0;
  let bytes = 0;
  let i = 0;
  while (k < offsets.length) {
    if (bytes >= offsets[k] || i >= text.length) {
      out.set(offsets[k++], i);
      continue;
    }
    const cp = text.codePointAt(i);
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp > 0xffff ? 2 : 1;
  }
  return out;
}

function lineStarts(text) {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * Ranges { from, to, why } (UTF-16, merged, sorted) to highlight in `text`. `exact` says the
 * byte offsets refer to this very text (it is the input's exact UTF-8 reading); otherwise only
 * the evidence lines are highlighted.
 */
export function evidenceRanges(text, evidence, exact) {
  const starts = lineStarts(text);
  const lineRange = (n) => (n >= 1 && n <= starts.length
    ? { from: starts[n - 1], to: n < starts.length ? starts[n] - 1 : text.length }
    : null);
  const offsets = [];
  if (exact) for (const e of evidence) if (e.start !== null && e.end !== null) offsets.push(e.start, e.end);
  const idx = byteToIndex(text, [...new Set(offsets)].sort((a, b) => a - b));
  const ranges = [];
  for (const e of evidence) {
    let r = null;
    if (exact && e.start !== null && e.end !== null && e.end > e.start) r = { from: idx.get(e.start), to: idx.get(e.end) };
    else if (e.line) r = lineRange(e.line);
    if (r && r.to > r.from) ranges.push({ ...r, why: e.why });
  }
  ranges.sort((a, b) => a.from - b.from);
  const merged = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.from <= last.to) {
      last.to = Math.max(last.to, r.to);
      if (!last.why.includes(r.why)) last.why += `; ${r.why}`;
    } else merged.push({ ...r });
  }
  return merged;
}

/** <pre class="bd-source"> showing `text` with `ranges` marked. */
export function renderSource(doc, text, ranges) {
  const starts = lineStarts(text);
  const count = starts.length;
  const lineOf = (pos) => {
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= pos) lo = mid; else hi = mid - 1;
    }
    return lo;
  };
  let shown;
  if (count <= FULL_VIEW_LINES) shown = starts.map((_, i) => i);
  else {
    const set = new Set();
    for (const r of ranges) {
      const a = Math.max(0, lineOf(r.from) - CONTEXT_LINES);
      const b = Math.min(count - 1, lineOf(Math.max(r.from, r.to - 1)) + CONTEXT_LINES);
      for (let i = a; i <= b; i++) set.add(i);
    }
    shown = [...set].sort((x, y) => x - y);
  }
  const pre = doc.createElement('pre');
  pre.className = 'bd-source';
  pre.tabIndex = 0;
  let r = 0;
  let prev = -1;
  for (const i of shown) {
    if (i !== prev + 1) {
      const gap = doc.createElement('span');
      gap.className = 'bd-gap';
      gap.textContent = `\u2026 ${i - prev - 1} lines not shown`;
      pre.append(gap);
    }
    prev = i;
    const from = starts[i];
    let to = i + 1 < count ? starts[i + 1] - 1 : text.length;
    if (text[to - 1] === '\r') to -= 1;
    const line = doc.createElement('span');
    line.className = 'bd-line';
    line.dataset.n = String(i + 1);
    while (r < ranges.length && ranges[r].to <= from) r++;
    let pos = from;
    for (let k = r; k < ranges.length && ranges[k].from < to; k++) {
      const a = Math.max(ranges[k].from, from);
      const b = Math.min(ranges[k].to, to);
      if (a > pos) line.append(doc.createTextNode(text.slice(pos, a)));
      if (b > a) {
        const mark = doc.createElement('mark');
        mark.className = 'bd-mark';
        mark.title = ranges[k].why;
        mark.textContent = text.slice(a, b);
        line.append(mark);
      }
      pos = Math.max(pos, b);
    }
    if (pos < to) line.append(doc.createTextNode(text.slice(pos, to)));
    pre.append(line);
  }
  if (prev < count - 1 && shown.length) {
    const gap = doc.createElement('span');
    gap.className = 'bd-gap';
    gap.textContent = `\u2026 ${count - 1 - prev} lines not shown`;
    pre.append(gap);
  }
  return pre;
}

/** Scrolls the view to line `n` and marks it for a moment. */
export function showLine(pre, n) {
  const line = pre.querySelector(`[data-n="${Number(n)}"]`);
  if (!line) return false;
  line.scrollIntoView({ block: 'center', behavior: 'smooth' });
  line.classList.add('bd-line-flash');
  setTimeout(() => line.classList.remove('bd-line-flash'), 1500);
  pre.focus({ preventScroll: true });
  return true;
}

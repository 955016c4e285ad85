// The page: paste, open or drop a bounce and read the diagnosis; evidence highlighted in the
// input; copy as text or Markdown; share links that keep the input in the URL fragment; works
// offline after the first visit (service worker). Nothing is sent anywhere.

import { loadCore, latestOnly } from './core.js';
import { wireInput } from './input.js';
import { evidenceRanges, renderSource, showLine } from './highlight.js';
import { encodeFragment, decodeFragment } from './share.js';
import { EXAMPLES } from './examples.js';
import { renderReport, reportSentence, reportToText, reportToMarkdown } from './ui/render.js';

const $ = (id) => document.getElementById(id);
const ui = {
  input: $('bd-input'),
  file: $('bd-file'),
  clear: $('bd-clear'),
  examples: $('bd-examples'),
  result: $('bd-result'),
  status: $('bd-status'),
  error: $('bd-error'),
  tools: $('bd-tools'),
  sourceView: $('bd-source-view'),
  source: $('bd-source'),
  fileNote: $('bd-file-note'),
  shareUrl: $('bd-share-url'),
  copied: $('bd-copied'),
};

let current = null; // { report, source }
const diagnoseLatest = latestOnly();

function setError(message) {
  ui.error.hidden = !message;
  ui.error.textContent = message || '';
}

function clearResult() {
  current = null;
  ui.result.replaceChildren();
  ui.tools.hidden = true;
  ui.sourceView.hidden = true;
  ui.source.replaceChildren();
  ui.shareUrl.value = '';
  ui.copied.textContent = '';
  ui.status.textContent = '';
}

function showSource(source, report) {
  const evidence = report.results.flatMap((d) => d.evidence);
  if (source.text === null || source.text === undefined || !evidence.length) {
    ui.sourceView.hidden = true;
    return null;
  }
  // Byte offsets fit the shown text when it is the exact reading of the input: always for
  // typed text; for a file only when it is valid UTF-8.
  let exact = !source.bytes;
  if (source.bytes) {
    try {
      new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(source.bytes);
      exact = true;
    } catch { exact = false; }
  }
  const pre = renderSource(document, source.text, evidenceRanges(source.text, evidence, exact));
  pre.setAttribute('aria-label', 'Your input with the evidence highlighted');
  ui.source.replaceChildren(pre);
  ui.sourceView.hidden = false;
  const first = pre.querySelector('.bd-mark');
  if (first) pre.scrollTop = Math.max(0, first.offsetTop - pre.clientHeight / 3);
  return pre;
}

async function diagnose(source) {
  ui.fileNote.textContent = source.name
    ? `Diagnosed the file ${source.name} (${Math.max(1, Math.round(source.bytes.byteLength / 1024))} KB)${source.text === null ? ', too big to show here' : ''}.`
    : '';
  const empty = !source.bytes && !source.text.trim();
  const answer = await diagnoseLatest(empty ? '' : source.bytes || source.text);
  if (!answer) return; // a newer input arrived meanwhile
  const { report, error } = answer;
  if (empty) {
    setError('');
    clearResult();
    return;
  }
  if (error) {
    clearResult();
    setError(error);
    return;
  }
  setError('');
  current = { report, source };
  let pre = null;
  const view = renderReport(report, {
    level: 3,
    onEvidence: (e) => pre && e.line && showLine(pre, e.line),
  });
  ui.result.replaceChildren(view);
  pre = showSource(source, report);
  ui.tools.hidden = false;
  ui.shareUrl.value = '';
  ui.copied.textContent = '';
  ui.status.textContent = reportSentence(report);
}

async function copy(text, what) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Clipboard API refused (e.g. no permission): copy through a selected textarea.
    const t = document.createElement('textarea');
    t.value = text;
    t.setAttribute('readonly', '');
    t.className = 'bd-offscreen';
    document.body.append(t);
    t.select();
    const ok = document.execCommand('copy');
    t.remove();
    if (!ok) {
      ui.copied.textContent = `Could not copy ${what}: your browser refused.`;
      return;
    }
  }
  ui.copied.textContent = `Copied ${what}.`;
}

async function share() {
  const fragment = await encodeFragment(ui.input.value);
  const url = location.href.replace(/#.*$/, '') + fragment;
  ui.shareUrl.value = url;
  await copy(url, 'the share link');
}

async function fromFragment() {
  if (!location.hash) return false;
  try {
    const text = await decodeFragment(location.hash);
    if (text === null) return false;
    input.setText(text, 'link');
    return true;
  } catch (e) {
    setError(`This share link is damaged: ${e.message || e}`);
    return false;
  }
}

const input = wireInput({
  textarea: ui.input,
  fileInput: ui.file,
  dropTarget: document.body,
  onSource: (source) => diagnose(source),
  onError: setError,
});

for (const ex of EXAMPLES) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'bd-button bd-example';
  b.dataset.example = ex.id;
  b.textContent = ex.title;
  b.addEventListener('click', () => {
    input.setText(ex.text, 'example');
    ui.input.focus();
  });
  const li = document.createElement('li');
  li.append(b);
  ui.examples.append(li);
}

ui.clear.addEventListener('click', () => {
  input.setText('', 'clear');
  ui.input.focus();
});
$('bd-copy-text').addEventListener('click', () => current && copy(reportToText(current.report), 'as plain text'));
$('bd-copy-md').addEventListener('click', () => current && copy(reportToMarkdown(current.report), 'as Markdown'));
$('bd-share').addEventListener('click', () => share().catch((e) => setError(String(e.message || e))));
window.addEventListener('hashchange', fromFragment);

if ('serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
  navigator.serviceWorker.register('sw.js').catch(() => { /* the page works without it */ });
}

// Start the core at once so the first paste is fast; show errors of a broken build.
loadCore().then(
  () => { document.documentElement.dataset.bdReady = 'true'; },
  (e) => setError(e.message),
);
fromFragment();

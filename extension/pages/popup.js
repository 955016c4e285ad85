// The popup (and, opened in a tab, the result page of "Diagnose selected text"): a paste box
// whose text the background diagnoses, shown with the shared result view.
import { renderReport, reportToText, reportToMarkdown } from '../ui/render.js';

const api = globalThis.browser ?? globalThis.chrome;
const input = document.getElementById('input');
const result = document.getElementById('result');
const actions = document.querySelector('.bd-popup-actions');
const copied = document.getElementById('copied');
let current = null;
let seq = 0;

function showError(text) {
  const p = document.createElement('p');
  p.className = 'bd-popup-error';
  p.setAttribute('role', 'alert');
  p.textContent = text;
  result.replaceChildren(p);
  actions.hidden = true;
}

async function run() {
  const text = input.value;
  const mine = ++seq;
  if (!text.trim()) {
    result.replaceChildren();
    actions.hidden = true;
    current = null;
    return;
  }
  let reply;
  try {
    reply = await api.runtime.sendMessage({ type: 'diagnose', text });
  } catch (e) {
    reply = { ok: false, error: String(e?.message || e) };
  }
  if (mine !== seq) return; // a newer input is on its way
  if (!reply?.ok) return showError(`Could not diagnose this text: ${reply?.error || 'no answer'}`);
  current = reply.report;
  result.replaceChildren(renderReport(current, {}));
  actions.hidden = false;
}

let timer = 0;
input.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(run, 150);
});

async function copy(format) {
  if (!current) return;
  await navigator.clipboard.writeText(format(current));
  copied.textContent = 'Copied.';
  setTimeout(() => (copied.textContent = ''), 1500);
}
document.getElementById('copy-text').addEventListener('click', () => copy(reportToText));
document.getElementById('copy-md').addEventListener('click', () => copy(reportToMarkdown));

// Opened by the context menu: the selected text waits in session storage.
if (new URLSearchParams(location.search).get('from') === 'selection') {
  document.body.classList.add('bd-popup-tab');
  const { selection } = await api.storage.session.get('selection');
  await api.storage.session.remove('selection');
  input.value = selection || '';
  run();
} else {
  input.focus();
}

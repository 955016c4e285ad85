// Background of the extension (module service worker in Chromium, module background
// script in Firefox). It runs the diagnosis core: the wasm module compiles here, where the
// extension's own CSP allows it, not in the webmail page, whose CSP does not. Content
// scripts, the popup and the context menu send it text; it answers with the report.
import init, { diagnose } from './pkg/bounce_doctor.js';

const api = globalThis.browser ?? globalThis.chrome;
const MENU_ID = 'bounce-doctor-diagnose-selection';

let core = null; // Promise: the core initialised

function loadCore() {
  core ??= init({ module_or_path: new URL('pkg/bounce_doctor_bg.wasm', import.meta.url) }).catch((e) => {
    console.error(`Bounce Doctor: the diagnosis core failed to load: ${e?.message || e}`);
    throw e;
  });
  return core;
}

// Answers { ok: true, report } or { ok: false, unavailable, error }.
async function answer(text) {
  try {
    await loadCore();
  } catch (e) {
    return { ok: false, unavailable: true, error: `core failed to load: ${e?.message || e}` };
  }
  try {
    return { ok: true, report: diagnose(String(text)) };
  } catch (e) {
    return { ok: false, unavailable: false, error: String(e?.message || e) };
  }
}

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (sender.id !== api.runtime.id || msg?.type !== 'diagnose' || typeof msg.text !== 'string') return false;
  answer(msg.text).then(sendResponse);
  return true; // the answer comes asynchronously
});

// "Diagnose selected text": the popup page in a tab shows the result. The text goes through
// session storage (memory only), never into a URL that history could keep or sync.
async function diagnoseSelection(text) {
  await api.storage.session.set({ selection: String(text || '') });
  return api.tabs.create({ url: api.runtime.getURL('pages/popup.html?from=selection') });
}
// The tests call the menu's handler directly (native menus cannot be clicked headless).
globalThis.diagnoseSelection = diagnoseSelection;

api.runtime.onInstalled.addListener(() => {
  api.contextMenus.create({ id: MENU_ID, title: 'Diagnose selected text', contexts: ['selection'] }, () => void api.runtime.lastError);
});
api.contextMenus.onClicked.addListener((info) => {
  if (info.menuItemId === MENU_ID) diagnoseSelection(info.selectionText);
});

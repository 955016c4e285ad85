// The diagnosis core (Rust compiled to wasm) for the page and the widget: loads it once, then
// diagnoses text or file bytes. The wasm comes from the file beside this module, or, in the
// single-file build, from the base64 text of the <script id="bd-wasm"> element.

import init, { diagnose, diagnoseBytes } from './pkg/bounce_doctor.js';

let ready = null;

function base64ToBytes(b64) {
  const bin = atob(b64.replace(/\s+/g, ''));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

function wasmSource() {
  const inline = typeof document !== 'undefined' && document.getElementById('bd-wasm');
  if (inline) return base64ToBytes(inline.textContent);
  return new URL('./pkg/bounce_doctor_bg.wasm', import.meta.url);
}

/** Loads and starts the core once; later calls return the same promise. */
export function loadCore() {
  if (!ready) {
    ready = init({ module_or_path: wasmSource() }).catch((e) => {
      ready = null;
      throw new Error(`The diagnosis engine could not start: ${e.message || e}`);
    });
  }
  return ready;
}

/** The largest input the core takes (src/lib.rs MAX_INPUT). */
export const MAX_INPUT = 64 * 1024 * 1024;

/**
 * Diagnoses a string (pasted text) or a Uint8Array (file bytes, whose declared charsets the core
 * honours). Resolves to { report } or { error } with a message for people; never rejects.
 */
export async function diagnoseInput(input) {
  try {
    await loadCore();
    const size = typeof input === 'string' ? input.length : input.byteLength;
    if (size > MAX_INPUT) return { error: `This is ${Math.round(size / 1048576)} MB: the limit is 64 MB.` };
    return { report: typeof input === 'string' ? diagnose(input) : diagnoseBytes(input) };
  } catch (e) {
    return { error: e && e.message ? e.message : String(e) };
  }
}

/**
 * A diagnoseInput for live input: when inputs come faster than answers, only the answer to
 * the latest input is kept; earlier calls resolve to null.
 */
export function latestOnly() {
  let generation = 0;
  return async (input) => {
    const mine = ++generation;
    const answer = await diagnoseInput(input);
    return mine === generation ? answer : null;
  };
}

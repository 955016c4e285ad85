//! The wasm binding: a thin facade over [`crate::diagnose`]. Serde structs cross the
//! boundary as plain JS objects; errors become JS `Error`s.

use serde::Serialize;
use wasm_bindgen::prelude::*;

// talc instead of Rust's default dlmalloc: smaller in the module and as fast for a
// diagnosis's few hundred small allocations. It takes memory from the wasm memory as needed.
#[global_allocator]
static ALLOC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn to_js(report: &crate::Report) -> Result<JsValue, JsError> {
    // json_compatible: `None` becomes `null` (not `undefined`), maps become objects.
    report
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// Diagnoses `input` (any text: a bounce email, pasted bounce text, an SMTP reply, a log
/// line) and returns the report as a plain object (see README, "JSON schema").
#[wasm_bindgen]
pub fn diagnose(input: &str) -> Result<JsValue, JsError> {
    let report = crate::diagnose(input.as_bytes()).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&report)
}

/// Same as [`diagnose`] for raw bytes (an .eml file read as an ArrayBuffer), so charsets
/// declared in the message decide how it is read.
#[wasm_bindgen(js_name = diagnoseBytes)]
pub fn diagnose_bytes(input: &[u8]) -> Result<JsValue, JsError> {
    let report = crate::diagnose(input).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&report)
}

/// Sets up readable panic messages in the console (feature `console-panic`).
#[wasm_bindgen(start)]
pub fn start() {
    #[cfg(feature = "console-panic")]
    console_error_panic_hook::set_once();
}

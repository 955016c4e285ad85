//! Bounce Doctor: explains email delivery failures.
//!
//! One entry point, [`diagnose`], takes any text (a whole bounce email, the visible text of
//! one copied out of webmail, an SMTP reply, a log line) and returns a [`Report`]: per failed
//! recipient the codes and what they mean, the reason (sisimai's names), who must act, how to
//! fix it, and the evidence lines that decided it.

pub mod charset;
pub mod classify;
pub mod dsn;
pub mod email;
#[cfg(not(target_arch = "wasm32"))]
pub mod eval;
pub mod explain;
pub mod formats;
pub mod forward;
pub mod knowledge;
pub mod logline;
pub mod matcher;
pub mod mlist;
pub mod mbox;
pub mod model;
pub mod pipeline;
pub mod render;
pub mod scrape;
pub mod sesjson;
pub mod smtp;
pub mod text;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use model::*;

/// Largest input accepted, in bytes. Bigger inputs get [`InputError::TooLarge`].
pub const MAX_INPUT: usize = 64 * 1024 * 1024;

/// Why an input could not be diagnosed at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// The input is bigger than [`MAX_INPUT`].
    TooLarge { size: usize },
    /// The input looks like binary data (NUL bytes or mostly control characters), not mail.
    Binary,
    /// The input is an Outlook .msg file (an OLE compound file, not a MIME message), as
    /// Outlook for Windows saves a message.
    OutlookMsg,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputError::TooLarge { size } => write!(
                f,
                "input is {} MB, larger than the {} MB limit",
                size / (1024 * 1024),
                MAX_INPUT / (1024 * 1024)
            ),
            InputError::Binary => write!(f, "input is binary data, not an email or text"),
            InputError::OutlookMsg => write!(f, "input is an Outlook .msg file, not an email in MIME form: open it in Outlook and copy its text, or save it as Text Only (.txt)"),
        }
    }
}

impl std::error::Error for InputError {}

/// Diagnoses one input. Empty input gives a report of kind [`InputKind::Empty`].
pub fn diagnose(input: &[u8]) -> Result<Report, InputError> {
    if input.len() > MAX_INPUT {
        return Err(InputError::TooLarge { size: input.len() });
    }
    if let Some(t) = utf16_text(input) {
        return diagnose(&t);
    }
    if input.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Err(InputError::OutlookMsg);
    }
    if text::looks_binary(input) {
        return Err(InputError::Binary);
    }
    if let Some(lf) = text::lone_cr_as_lf(input) {
        return Ok(pipeline::run(&lf));
    }
    Ok(pipeline::run(input))
}

/// `input` as UTF-8 when it is UTF-16 text that starts with its byte-order mark, as Windows
/// Notepad ("Unicode") and PowerShell's `>` save text: every other byte of it is NUL, which
/// would otherwise read as binary data. (mail-parser's UTF-16 decoder reads the mark. UTF-8
/// has no 0xFF or 0xFE byte: the result is no UTF-16 text again.)
fn utf16_text(input: &[u8]) -> Option<Vec<u8>> {
    matches!(input.get(..2)?, [0xFF, 0xFE] | [0xFE, 0xFF]).then(|| charset::decode(Some("utf-16"), input).into_bytes())
}

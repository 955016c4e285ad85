//! Bounce Doctor: explains email delivery failures.
//!
//! One entry point, [`diagnose`], takes any text (a whole bounce email, the visible text of
//! one copied out of webmail, an SMTP reply, a log line) and returns a [`Report`]: per failed
//! recipient the codes and what they mean, the reason (sisimai's names), who must act, how to
//! fix it, and the evidence lines that decided it.

pub mod explain;
pub mod knowledge;
pub mod model;
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
        }
    }
}

impl std::error::Error for InputError {}

/// Diagnoses one input. Empty input gives a report of kind [`InputKind::Empty`].
pub fn diagnose(input: &[u8]) -> Result<Report, InputError> {
    if input.len() > MAX_INPUT {
        return Err(InputError::TooLarge { size: input.len() });
    }
    Ok(placeholder(&String::from_utf8_lossy(input)))
}

// Placeholder until the pipeline lands: finds the first reply code and status code so the
// front ends have realistic reports to render.
fn placeholder(text: &str) -> Report {
    let empty = text.trim().is_empty();
    let re = regex_lite::Regex::new(r"\b([245]\d\d)[ -]([245]\.\d{1,3}\.\d{1,3})?").unwrap();
    let mut results = Vec::new();
    if let Some(c) = re.captures(text) {
        let reply: u16 = c[1].parse().unwrap_or(0);
        let status = c.get(2).map(|m| m.as_str().to_string());
        let line = text.lines().find(|l| l.contains(&c[1])).unwrap_or("").trim().to_string();
        let permanent = reply >= 500;
        results.push(Diagnosis {
            recipient: None,
            action: Some("failed".into()),
            reply_code: Some(reply),
            reply_code_meaning: None,
            status: status.clone(),
            status_meaning: None,
            status_source: status.map(|_| "text".into()),
            reason: "undefined".into(),
            reason_label: "Unknown reason".into(),
            hard_bounce: false,
            permanent: Some(permanent),
            retry: Retry { will_retry: Some(!permanent), text: String::new() },
            who_must_act: Actor::Sender,
            who_must_act_label: Actor::Sender.label().into(),
            summary: line.clone(),
            explanation: String::new(),
            fix_steps: vec![],
            admin_detail: vec![],
            links: vec![],
            flags: vec![],
            auth: None,
            blocklist: None,
            provider: None,
            command: None,
            remote_mta: None,
            diagnostic_text: Some(line.clone()),
            evidence: vec![Evidence { text: line, why: "SMTP reply".into(), line: None, start: None, end: None }],
            confidence: 0.1,
        });
    }
    let kind = if empty { InputKind::Empty } else if results.is_empty() { InputKind::NotABounce } else { InputKind::SmtpReply };
    Report {
        schema: SCHEMA_VERSION.into(),
        source: None,
        kind,
        kind_label: kind.label().into(),
        format: None,
        summary: String::new(),
        reporting_mta: None,
        remote_mta: None,
        bounce_subject: None,
        bounce_from: None,
        original: None,
        results,
        notes: vec!["placeholder core".into()],
    }
}

//! What to tell people, per reason and per finer detail.

use super::{DetailAdvice, ReasonAdvice};

pub static REASONS: &[ReasonAdvice] = &[];
pub static DETAILS: &[DetailAdvice] = &[];

/// Advice for a sisimai reason (falls back to "undefined").
pub fn for_reason(reason: &str) -> Option<&'static ReasonAdvice> {
    REASONS.iter().find(|a| a.reason == reason)
}

/// Advice for a detail flag.
pub fn for_flag(flag: &str) -> Option<&'static DetailAdvice> {
    DETAILS.iter().find(|a| a.flag == flag)
}

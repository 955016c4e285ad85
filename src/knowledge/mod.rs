//! What Bounce Doctor knows, as readable tables: reply codes, enhanced status codes,
//! providers and their own error tokens, blocklists, and the advice given per reason.
//! Every table entry carries a comment naming its source.
//!
//! The classifier (reason decision) and the phrase tables it uses live in `crate::classify`
//! and `knowledge::phrases`; this module holds the facts used to explain a diagnosis.

pub mod advice;
pub mod blocklists;
pub mod phrases;
pub mod providers;
pub mod reply_codes;
pub mod status_codes;

use crate::model::Actor;

/// Finds `needle` in `hay` at a word boundary, starting at byte `from`: an alphanumeric
/// first (last) character of `needle` must not be preceded (followed) by an alphanumeric
/// character. Both are compared as given (callers lower-case when they need to).
pub(crate) fn find_bounded(hay: &str, needle: &str, from: usize) -> Option<usize> {
    crate::matcher::find_word(hay, needle, from).map(|(s, _)| s)
}


/// Advice for one sisimai reason.
#[derive(Debug, Clone, Copy)]
pub struct ReasonAdvice {
    /// sisimai reason name, e.g. "userunknown".
    pub reason: &'static str,
    /// Plain-words title, e.g. "The address does not exist".
    pub label: &'static str,
    /// One-line summary; `{r}` stands for the recipient (or "the recipient"),
    /// e.g. "{r} does not exist".
    pub summary: &'static str,
    /// Two or three sentences: what happened and why, for a non-technical reader.
    pub explanation: &'static str,
    /// Who has to act in the usual case.
    pub who_must_act: Actor,
    /// Ordered steps for the person who received the bounce.
    pub fix_steps: &'static [&'static str],
    /// Detail for the mail administrator.
    pub admin_detail: &'static [&'static str],
}

/// Extra advice for a finer detail (a flag such as "spf", "missing_ptr", "greylisting").
#[derive(Debug, Clone, Copy)]
pub struct DetailAdvice {
    /// The flag, as it appears in `Diagnosis::flags`.
    pub flag: &'static str,
    /// One sentence added to the explanation.
    pub explanation: &'static str,
    pub fix_steps: &'static [&'static str],
    pub admin_detail: &'static [&'static str],
    /// Documentation for this detail (RFC, provider guide) as (title, url); `None` when there is none.
    pub link: Option<(&'static str, &'static str)>,
    /// Who must act when this detail is present (overrides the reason's usual actor;
    /// the first flag in `advice::DETAILS` order that sets one wins).
    pub actor: Option<Actor>,
    /// A summary that replaces the reason's when this detail is the whole story (`{r}`: the
    /// recipient); the reason's generic explanation and steps are then left out.
    pub summary: Option<&'static str>,
}

/// A mail provider that can be recognised from host names, recipient domains or wording.
#[derive(Debug, Clone, Copy)]
pub struct Provider {
    /// Stable identifier, e.g. "google", "microsoft".
    pub id: &'static str,
    pub name: &'static str,
    /// Host-name suffixes of its mail servers (MX or reporting hosts), lower case,
    /// e.g. "google.com", "protection.outlook.com".
    pub host_suffixes: &'static [&'static str],
    /// Recipient domains it hosts, lower case, e.g. "gmail.com".
    pub domains: &'static [&'static str],
    /// Lower-case phrases in its error texts that identify it (used only when neither a
    /// host nor a domain decided), e.g. "gsmtp".
    pub phrases: &'static [&'static str],
    /// Its guide for senders (postmaster / bulk sender page), if any.
    pub docs_url: Option<&'static str>,
}

/// A provider's own error token with its documented meaning.
#[derive(Debug, Clone, Copy)]
pub struct ProviderCode {
    /// `Provider::id` it belongs to.
    pub provider: &'static str,
    /// The token as it appears in the text, e.g. "TSS04", "S3150", "AUP#CXBL". Matched at
    /// word boundaries, case-sensitively (ASCII case-insensitively when it contains a space).
    /// Pattern syntax: `*` stands for a run (possibly empty) of letters, digits, `_` or `-`
    /// (e.g. "OFR*999" matches "OFR_999" and "OFR006_999"); `{a-b}` stands for a number
    /// from a to b with as many digits as b (e.g. "AUP#*{1020-1080}").
    pub token: &'static str,
    pub meaning: &'static str,
    /// The sisimai reason this token implies, when it decides one.
    pub reason: Option<&'static str>,
    pub docs_url: Option<&'static str>,
}

/// A provider-specific meaning of an enhanced status code (the provider's meaning wins
/// over the IANA registry's), e.g. Gmail 5.7.26, Microsoft 5.7.708.
#[derive(Debug, Clone, Copy)]
pub struct ProviderStatus {
    pub provider: &'static str,
    pub status: &'static str,
    pub meaning: &'static str,
    pub reason: Option<&'static str>,
    pub docs_url: Option<&'static str>,
}

/// A DNS blocklist or reputation list.
#[derive(Debug, Clone, Copy)]
pub struct Blocklist {
    /// Stable identifier, e.g. "spamhaus-zen".
    pub id: &'static str,
    pub name: &'static str,
    /// Lower-case substrings that name this list in an error text (zone names first,
    /// then names), e.g. "zen.spamhaus.org".
    pub patterns: &'static [&'static str],
    pub delist_url: &'static str,
}

/// An enhanced status code entry of the IANA registry (class-independent "X.1.1" form).
#[derive(Debug, Clone, Copy)]
pub struct StatusEntry {
    /// Subject and detail, e.g. "1.1" for X.1.1.
    pub code: &'static str,
    /// Plain-words meaning for people.
    pub meaning: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_search_respects_word_edges() {
        let has = |h: &str, n: &str| find_bounded(h, n, 0).is_some();
        assert!(has("listed on sorbs today", "sorbs"));
        assert!(!has("it absorbs mail", "sorbs"));
        assert!(has("x.zen.spamhaus.org;", "zen.spamhaus.org"));
        assert!(!has("frozen.spamhaus.org", "zen.spamhaus.org"));
        assert_eq!(find_bounded("sorbsx sorbs", "sorbs", 0), Some(7));
        assert!(has("é sorbs", "sorbs"));
        assert!(!has("abc", ""));
    }
}

//! Deciding the reason (sisimai's names) and the finer detail flags from what a bounce says:
//! the server's words, the status and reply codes, the SMTP command and the DSN action.

use crate::text::Lower;
use crate::knowledge::phrases::{Phrase, PHRASES, PRIORITY};
use crate::matcher::Matcher;
use std::sync::OnceLock;
use crate::model::AuthDetail;

/// Enhanced status codes that decide a reason by themselves (RFC 3463 and later titles).
/// Codes that are too general to decide (X.0.0, X.7.1, X.3.0, X.5.x ...) are not here.
pub static STATUS_REASON: &[(&str, &str)] = &[
    ("1.1", "userunknown"),    // Bad destination mailbox address
    ("1.2", "hostunknown"),    // Bad destination system address
    ("1.3", "userunknown"),    // Bad destination mailbox address syntax
    ("1.6", "hasmoved"),       // Destination mailbox has moved, no forwarding address
    ("1.7", "rejected"),       // Bad sender's mailbox address syntax
    ("1.8", "rejected"),       // Bad sender's system address
    ("1.10", "notaccept"),     // Recipient address has null MX (RFC 7505)
    ("2.1", "suspend"),        // Mailbox disabled, not accepting messages
    ("2.2", "mailboxfull"),    // Mailbox full
    ("2.3", "exceedlimit"),    // Message length exceeds administrative limit
    ("3.1", "systemfull"),     // Mail system full
    ("3.2", "notaccept"),      // System not accepting network messages
    ("3.4", "mesgtoobig"),     // Message too big for system
    ("3.5", "systemerror"),    // System incorrectly configured
    ("4.1", "networkerror"),   // No answer from host
    ("4.2", "networkerror"),   // Bad connection
    ("4.3", "systemerror"),    // Directory server failure
    ("4.4", "hostunknown"),    // Unable to route
    ("4.5", "systemfull"),     // Mail system congestion
    ("4.6", "networkerror"),   // Routing loop detected
    ("4.7", "expired"),        // Delivery time expired
    ("5.1", "syntaxerror"),    // Invalid command
    ("5.2", "syntaxerror"),    // Syntax error
    ("5.3", "toomanyconn"),    // Too many recipients
    ("5.4", "syntaxerror"),    // Invalid command arguments
    ("5.5", "syntaxerror"),    // Wrong protocol version
    ("6.0", "contenterror"),   // Other or undefined media error
    ("6.1", "contenterror"),   // Media not supported
    ("6.2", "contenterror"),   // Conversion required and prohibited
    ("6.3", "contenterror"),   // Conversion required but not supported
    ("6.5", "contenterror"),   // Conversion failed
    ("6.6", "contenterror"),   // Message content not available
    ("6.7", "contenterror"),   // Non-ASCII addresses not permitted (RFC 6531)
    ("6.8", "contenterror"),   // UTF-8 string reply required (RFC 6531)
    ("6.9", "contenterror"),   // UTF-8 header cannot be transferred (RFC 6531)
    ("7.8", "securityerror"),  // Authentication credentials invalid (RFC 4954)
    ("7.9", "securityerror"),  // Authentication mechanism is too weak (RFC 4954)
    ("7.10", "failedstarttls"),// Encryption needed (RFC 5248)
    ("7.11", "securityerror"), // Encryption required for requested authentication mechanism
    ("7.13", "suspend"),       // User account disabled (RFC 5248)
    ("7.17", "hasmoved"),      // Mailbox owner has changed (RFC 7293)
    ("7.18", "hasmoved"),      // Domain owner has changed (RFC 7293)
    ("7.20", "authfailure"),   // No passing DKIM signature found (RFC 7372)
    ("7.21", "authfailure"),   // No acceptable DKIM signature found
    ("7.22", "authfailure"),   // No valid author-matched DKIM signature found
    ("7.23", "authfailure"),   // SPF validation failed (RFC 7372)
    ("7.24", "authfailure"),   // SPF validation error
    ("7.25", "requireptr"),    // Reverse DNS validation failed (RFC 7372)
    ("7.26", "authfailure"),   // Multiple authentication checks failed (RFC 7372)
    ("7.27", "notaccept"),     // Sender address has null MX (RFC 7505)
    ("7.28", "spamdetected"),  // Mail flood detected (RFC 8689? registry: "mail flood")
    ("7.29", "authfailure"),   // ARC validation failure (RFC 8617)
    ("7.30", "failedstarttls"),// REQUIRETLS support required (RFC 8689)
];

/// sisimai's pseudo status codes: used where the input gives no status code at all, so
/// sisimai users see the values they know. Detail per reason, class 5 or 4.
pub static PSEUDO_STATUS: &[(&str, u16)] = &[
    ("undefined", 900), ("onhold", 901), ("syntaxerror", 902), ("suppressed", 903),
    ("norelaying", 909), ("filtered", 910), ("userunknown", 911), ("hostunknown", 912),
    ("hasmoved", 916), ("rejected", 918), ("suspend", 921), ("mailboxfull", 922),
    ("exceedlimit", 923), ("authfailure", 926), ("systemerror", 930), ("systemfull", 931),
    ("notaccept", 932), ("mesgtoobig", 934), ("mailererror", 939), ("networkerror", 944),
    ("toomanyconn", 945), ("speeding", 946), ("expired", 947), ("contenterror", 960),
    ("securityerror", 970), ("blocked", 971), ("policyviolation", 972), ("requireptr", 973),
    ("notcompliantrfc", 974), ("badreputation", 975), ("failedstarttls", 976),
    ("spamdetected", 980), ("virusdetected", 981),
];

/// Where sisimai's pseudo code stands for an earlier reason than its final one: the
/// reason a format's reader gives a refusal at an SMTP stage before the server's words are
/// read (sisimai Lhost::Exim: a refused MAIL FROM is "onhold" there, so such a bounce
/// without a status code carries X.0.901 whatever its final reason). Format id, command,
/// the reason the pseudo code is derived from.
pub static PSEUDO_STAGE_REASON: &[(&str, &str, &str)] = &[("exim", "MAIL", "onhold")];

/// The reason a pseudo status code is derived from: the stage's own where the format
/// has one (`PSEUDO_STAGE_REASON`), else the diagnosis's.
pub fn pseudo_reason<'a>(reason: &'a str, format: Option<&str>, command: Option<&str>) -> &'a str {
    PSEUDO_STAGE_REASON
        .iter()
        .find(|(f, c, _)| Some(*f) == format && Some(*c) == command)
        .map_or(reason, |(_, _, r)| r)
}

/// The pseudo status code for `reason` ("5.0.911"); `temporary` gives class 4 where
/// sisimai defines one (not for userunknown, hostunknown, hasmoved).
pub fn pseudo_status(reason: &str, temporary: bool) -> Option<String> {
    let (_, n) = PSEUDO_STATUS.iter().find(|(r, _)| *r == reason)?;
    let class = if temporary && !matches!(reason, "userunknown" | "hostunknown" | "hasmoved") { 4 } else { 5 };
    let n = if temporary && reason == "filtered" { 924 } else { *n };
    Some(format!("{class}.0.{n}"))
}

/// The reason an enhanced status code decides by itself.
pub fn status_reason(status: &str) -> Option<&'static str> {
    let (class, rest) = status.split_once('.')?;
    if class == "2" {
        return Some("delivered");
    }
    STATUS_REASON.iter().find(|(c, _)| *c == rest).map(|(_, r)| *r)
}

pub use crate::matcher::glob_find;

fn phrase_matcher() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(|| Matcher::new(&PHRASES.iter().map(|p| p.pattern).collect::<Vec<_>>()))
}

/// How many phrase matches in one text are weighed against each other (see [`matching_phrases`]).
const MAX_WEIGHED: usize = 64;

/// All phrases matching lower-case `text`, in table order, without repeats.
pub fn matching_phrases(text: &str) -> Vec<&'static Phrase> {
    let mut hit = vec![false; PHRASES.len()];
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    phrase_matcher().each(text, |i, s, e| {
        hit[i] = true;
        if spans.len() <= MAX_WEIGHED {
            spans.push((i, s, e));
        }
    });
    // a phrase found only inside a longer one of another reason says less than that one
    // ("quota exceeded" in "submission quota exceeded"); inside its words, that is: what
    // stands in a `*` gap is not part of it ("domain not found" in what "recipient * not
    // found" spans, "recipient address rejected: domain not found", still counts); (not
    // weighed in a text with very many matches, which would cost the square of them)
    if spans.len() <= MAX_WEIGHED {
        hit.fill(false);
        for &(i, s, e) in &spans {
            hit[i] |= !spans.iter().any(|&(j, s2, e2)| {
                if PHRASES[j].reason == PHRASES[i].reason || s < s2 || e > e2 || e2 - s2 <= e - s {
                    return false;
                }
                // (the outer match's first and last words: its whole span when it has no gap)
                let outer = PHRASES[j].pattern;
                let first = outer.split('*').next().unwrap_or(outer).trim_end().len();
                let last = outer.rsplit('*').next().unwrap_or(outer).trim_start().len();
                e <= s2 + first || e2 - last <= s
            });
        }
    }
    PHRASES.iter().zip(hit).filter(|(_, h)| *h).map(|(p, _)| p).collect()
}

/// True when lower-case `line` says something about an error (any reason's phrase).
pub fn has_lower_error_phrase(line: &str) -> bool {
    phrase_matcher().any(line)
}

/// True when `line` says something about an error (any reason's phrase).
pub fn has_error_phrase(line: &str) -> bool {
    phrase_matcher().any(&line.lower())
}

/// What the classifier looks at.
#[derive(Debug, Default, Clone, Copy)]
pub struct Facts<'a> {
    /// The server's own words for this recipient.
    pub diagnostic: &'a str,
    /// Wider text around it (the recipient's block of the bounce), lower case, used when
    /// the diagnostic alone decides nothing.
    pub context: &'a str,
    pub status: Option<&'a str>,
    pub reply: Option<u16>,
    pub action: Option<&'a str>,
    pub command: Option<&'a str>,
    /// Diagnostic-Code type ("smtp", "x-unix", ...).
    pub diagnostic_type: Option<&'a str>,
    /// The report is final (the sender's server gave up), not a delay notice.
    pub final_report: bool,
    /// The server's words name the sender's address, not the recipient's.
    pub sender_named: bool,
}

/// Wording of "blocked" that says nothing about the host: at MAIL FROM it is the sender.
const WEAK_BLOCKED: &[&str] = &["access denied", "blocked", "banned"];

/// Connection failures: in a final report they mean the sender's server retried until
/// its queue lifetime ran out (expired); in a delay notice they are a network error.
const CONNECTION_PHRASES: &[&str] = &[
    "connection timed out", "timed out", "connection refused", "unable to connect", "could not connect",
    "couldn't connect", "no answer", "connect to", "did not accept our requests to connect",
    "host not reachable", "network is unreachable", "conversation with",
    "remote host closed", "timeout",
];

/// How a reason was decided.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub reason: &'static str,
    /// The phrase that decided, if one did.
    pub phrase: Option<&'static str>,
    /// What decided: "phrase", "status", "context", "command", "action", "mailer", "none".
    pub by: &'static str,
    pub confidence: f32,
}

impl Decision {
    /// Decided by something other than the server's words, or by words that only say
    /// "access denied" or "blocked": then a provider's own code says more.
    pub fn is_weak(&self) -> bool {
        self.by != "phrase" || self.phrase.is_some_and(|p| WEAK_BLOCKED.contains(&p))
    }
}

/// Reasons whose status codes are specific enough to decide over the wording.
const STRONG: &[&str] = &["rejected", "mailboxfull", "requireptr", "hasmoved", "exceedlimit", "authfailure"];

/// `lower`: the text lower-cased (by [`crate::text::lower`]).
fn pick(lower: &str, status_reason: Option<&'static str>) -> Option<(&'static str, Option<&'static str>)> {
    // codes that leave no doubt decide before any wording
    if let Some(r) = status_reason.filter(|r| STRONG.contains(r)) {
        return Some((r, None));
    }
    let found = matching_phrases(lower);
    for r in PRIORITY {
        if let Some(p) = found.iter().find(|p| p.reason == *r) {
            return Some((r, Some(p.pattern)));
        }
    }
    PRIORITY.iter().find(|r| status_reason == Some(**r)).map(|r| (*r, None))
}

/// Decides the reason.
pub fn decide(f: &Facts<'_>) -> Decision {
    let d = base(f);
    refine(f, d)
}

/// The reason the words, the codes and the session say, before the refinements.
fn base(f: &Facts<'_>) -> Decision {
    let action = f.action.unwrap_or("");
    let st = f.status.and_then(status_reason);
    if st == Some("delivered") || matches!(action, "delivered" | "relayed" | "expanded") {
        return Decision { reason: "delivered", phrase: None, by: "action", confidence: 0.95 };
    }
    // a local delivery program's failure (Diagnostic-Code: x-unix) is a mailer error,
    // whatever the program printed, unless it says the mailbox is full
    if f.diagnostic_type.is_some_and(|t| t.starts_with("x-unix")) {
        let full = matching_phrases(&f.diagnostic.lower()).iter().any(|p| p.reason == "mailboxfull");
        if !full {
            return Decision { reason: "mailererror", phrase: None, by: "mailer", confidence: 0.8 };
        }
    }
    if let Some((r, p)) = pick(&f.diagnostic.lower(), st) {
        let by = if p.is_some() { "phrase" } else { "status" };
        let confidence = if p.is_some() && st == Some(r) { 0.95 } else { 0.8 };
        return Decision { reason: r, phrase: p, by, confidence };
    }
    if let Some((r, p)) = pick(f.context, None) {
        return Decision { reason: r, phrase: p, by: "context", confidence: 0.6 };
    }
    if action == "delayed" {
        return Decision { reason: "expired", phrase: None, by: "action", confidence: 0.6 };
    }
    if has_subject(f.status, ".7.") {
        return Decision { reason: "securityerror", phrase: None, by: "status", confidence: 0.4 };
    }
    if has_subject(f.status, ".6.") {
        return Decision { reason: "contenterror", phrase: None, by: "status", confidence: 0.4 };
    }
    match f.command {
        Some("MAIL") => return Decision { reason: "rejected", phrase: None, by: "command", confidence: 0.5 },
        Some("EHLO") | Some("HELO") | Some("CONN") => {
            return Decision { reason: "blocked", phrase: None, by: "command", confidence: 0.5 }
        }
        _ => {}
    }
    if !f.diagnostic.trim().is_empty() {
        return Decision { reason: "onhold", phrase: None, by: "none", confidence: 0.2 };
    }
    Decision { reason: "undefined", phrase: None, by: "none", confidence: 0.1 }
}

/// What the session and the report say about a reason the words gave.
fn refine(f: &Facts<'_>, d: Decision) -> Decision {
    let (r, p) = (d.reason, d.phrase);
    let vague = d.by != "phrase" || p.is_some_and(|p| WEAK_BLOCKED.contains(&p));
    let to = |reason: &'static str, by: &'static str| Decision { reason, phrase: p, by, confidence: 0.7 };
    // A refusal that names the sender's address, not the recipient's, is about the sender,
    // whatever words it uses for it
    if f.sender_named && (matches!(r, "userunknown" | "hostunknown" | "filtered" | "securityerror" | "systemerror" | "onhold") || r == "blocked" && vague) {
        return to("rejected", "sender");
    }
    // Refusals of HELO are about the sending server (its name, its IP), not the recipient:
    // "501 Invalid domain name" there means the HELO name
    if matches!(f.command, Some("HELO" | "EHLO")) && matches!(r, "userunknown" | "hostunknown" | "notaccept" | "filtered" | "onhold") {
        return to("blocked", "command");
    }
    // Refusals at MAIL FROM are about the sender
    if f.command == Some("MAIL") && (matches!(r, "userunknown" | "filtered" | "onhold" | "notaccept") || matches!(r, "blocked" | "securityerror") && vague) {
        return to("rejected", "command");
    }
    // "mx.example.com does not exist": what does not exist is a host, not a mailbox
    if r == "userunknown" && matches!(p, Some("does not exist" | "doesn't exist")) && names_a_host(f.diagnostic, p.unwrap_or("")) {
        return to("hostunknown", d.by);
    }
    // a domain lookup that failed for now is a network (DNS) problem, not a missing domain
    let temporary = f.status.is_some_and(|s| s.starts_with('4'))
        || f.reply.is_some_and(|r| r / 100 == 4)
        || { let w = f.diagnostic.to_ascii_lowercase(); w.contains(", try again") || w.contains("try again later") };
    if r == "hostunknown" && temporary {
        return to("networkerror", d.by);
    }
    if r == "networkerror" && p.is_some_and(|p| CONNECTION_PHRASES.contains(&p)) {
        return to("expired", d.by);
    }
    // A recipient refused only after the message was sent (at DATA) existed at RCPT time:
    // "unknown user" then means the recipient's filter refused this sender. (An X.1.x status
    // still says the address itself was refused: with pipelining the RCPT reply can arrive
    // after DATA was sent.)
    let addressing = has_subject(f.status, ".1.");
    if r == "userunknown" && f.command == Some("DATA") && !addressing && !rcpt_refused_before_data(f.context) {
        return to("filtered", d.by);
    }

    // "User unknown" under a security/policy code (X.7.x: delivery not authorized) outside
    // the RCPT stage is the recipient side's policy refusing, not a missing address
    let policy_status = has_subject(f.status, ".7.");
    if r == "userunknown" && policy_status && f.command != Some("RCPT") {
        return to("filtered", d.by);
    }
    // a format or content complaint under a security/policy code (X.7.x) is the site's
    // policy refusing the message
    if r == "contenterror" && policy_status {
        return to("policyviolation", d.by);
    }
    // a permanent refusal at RCPT that gives no reason refuses the recipient address
    if r == "onhold" && f.command == Some("RCPT") && f.reply.is_some_and(|c| c / 100 == 5) {
        return Decision { reason: "userunknown", phrase: None, by: "command", confidence: 0.4 };
    }
    // a reply code whose own meaning is a reason, when nothing else said one
    if r == "onhold" {
        if let Some(&(_, reason)) = REPLY_REASON.iter().find(|(c, _)| Some(*c) == f.reply) {
            return Decision { reason, phrase: None, by: "reply", confidence: 0.4 };
        }
    }
    d
}

/// Server replies to DATA saying no recipient had been accepted (RFC 2920 pipelining sends
/// DATA before the RCPT replies arrive; Sendmail's transcript then files the RCPT refusal
/// under DATA). Sources: Sendmail "503 need RCPT command", Postfix "554 5.5.1 Error: no
/// valid recipients", Exim "503-All RCPT commands were rejected with this error",
/// "503 Valid RCPT command must precede DATA".
const NO_RECIPIENT_REPLIES: &[&str] =
    &["need rcpt command", "no valid recipients", "all rcpt commands were rejected", "valid rcpt command must precede data"];

/// The lower-case block shows that the recipient was refused at RCPT although the
/// transcript files the refusal under DATA.
fn rcpt_refused_before_data(lower_context: &str) -> bool {
    NO_RECIPIENT_REPLIES.iter().any(|w| crate::text::contains(lower_context, w))
}

/// The status code's subject is `subject` (".7." for "5.7.1"), read as bytes: a status may
/// come from anywhere in a text and start with any character.
pub fn has_subject(status: Option<&str>, subject: &str) -> bool {
    status.is_some_and(|s| s.as_bytes().get(1..1 + subject.len()) == Some(subject.as_bytes()))
}

/// The word right before `phrase` in `text` is a host name ("a.example.com"), not an
/// address or a mailbox's name.
fn names_a_host(text: &str, phrase: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let Some(at) = lower.find(phrase) else { return false };
    let word = lower[..at].trim_end().rsplit(|c: char| c.is_whitespace() || c == '<' || c == '(').next().unwrap_or("");
    let word = word.trim_end_matches(['>', ')', ':', ',']);
    word.contains('.') && !word.contains('@') && word.split('.').all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        && word.rsplit('.').next().is_some_and(|tld| tld.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// Reply codes that name a reason by themselves (RFC 5321 section 4.2.2 and 4.2.3).
const REPLY_REASON: &[(u16, &str)] = &[
    (451, "systemerror"), // "Requested action aborted: local error in processing"
];

/// Detail flags and the lower-case phrases that raise them. The first four name an
/// authentication mechanism, whose result [`details`] then reads.
const FLAGS: &[(&str, &[&str])] = &[
    ("spf", &["spf", "sender policy framework"]),
    ("dkim", &["dkim", "domainkeys"]),
    ("dmarc", &["dmarc"]),
    ("arc", &["arc validation", "arc-seal", "arc signature"]),
    ("greylisting", &["greylist", "graylist", "grey-list", "gray-list", "greylisted", "greylisting", "graylisting"]),
    ("rate_limit", &["rate limit", "ratelimit", "too many messages", "sending too fast", "throttl", "rate of", "too many recipients"]),
    ("too_many_connections", &["too many connections", "too many concurrent", "connection limit", "too many sessions"]),
    ("missing_ptr", &["reverse dns", "ptr record", "no ptr", "rdns", "reverse lookup", "reverse hostname", "cannot find your hostname", "ip name lookup failed"]),
    ("message_size", &["too large", "too big", "size limit", "message size", "exceeds the maximum"]),
    ("quota", &["mailbox quota", "disk quota", "quota exceeded", "over quota", "mailbox full", "mailbox is full", "inbox is full", "storage quota", "mailbox size"]),
    ("relay_denied", &["relay access denied", "relaying denied", "relay not permitted", "unable to relay", "not permitted to relay", "relaying not allowed"]),
    ("tls_required", &["starttls", "tls required", "tls is required", "encryption required", "requiretls"]),
    ("auth_required", &["authentication required", "must authenticate", "authentication is required", "please authenticate"]),
    ("auth_failed", &["authentication failed", "authentication credentials invalid", "535 5.7.8", "invalid credentials", "username and password not accepted"]),
    ("null_mx", &["null mx"]),
    ("dns_failure", &["dns error", "dns lookup", "dns failure", "name server", "name service error", "host not found", "nxdomain", "domain not found", "host lookup"]),
    ("mail_loop", &["mail loop", "loop detected", "loops back", "too many hops", "hop count"]),
    ("timeout", &["timed out", "timeout"]),
    ("connection_refused", &["connection refused"]),
    ("content_spam", &["spam", "unsolicited", "junk"]),
    ("virus", &["virus", "malware", "infected"]),
    ("attachment_blocked", &["attachment", "file type", "executable"]),
    ("reputation", &["reputation"]),
    ("suppressed", &["suppression list", "suppressed"]),
];

/// Detail flags a reason rules out: there the words that raise them mean something else (a
/// rate limit's "quota exceeded", "submission quota exceeded", is the sender's sending
/// quota, not a mailbox's; Gmail's refusals for failed authentication, a poor reputation,
/// a broken header or the sending IP, and its rate limits, say "To (best) protect our users
/// from spam", which is not a verdict on the message's content; a content error's "too
/// large" is a header's or a line's size, Sendmail's "Headers too large", not the message's;
/// a refused sender's "Domain not found" is the sender's domain, not the recipient's).
const RULED_OUT: &[(&str, &str)] = &[
    ("speeding", "quota"),
    ("speeding", "content_spam"),
    ("authfailure", "content_spam"),
    ("badreputation", "content_spam"),
    ("notcompliantrfc", "content_spam"),
    ("blocked", "content_spam"),
    ("requireptr", "content_spam"),
    ("contenterror", "message_size"),
    ("rejected", "dns_failure"),
];

/// Drops from `flags` those that `reason` rules out ([`RULED_OUT`]).
pub fn rule_out(reason: &str, flags: &mut Vec<String>) {
    flags.retain(|f| !RULED_OUT.contains(&(reason, f.as_str())));
}

/// Detail flags and authentication results named in `text` (any case).
pub fn details(text: &str) -> (Vec<String>, Option<AuthDetail>) {
    let l = text.lower();
    let mut flags: Vec<String> = Vec::new();
    let mut auth = AuthDetail::default();
    // (one pass for all flags; tags come in table order, without repeats)
    for flag in crate::tagged!(FLAGS).tags(&l) {
        let slot = match flag {
            "spf" => Some(&mut auth.spf),
            "dkim" => Some(&mut auth.dkim),
            "dmarc" => Some(&mut auth.dmarc),
            "arc" => Some(&mut auth.arc),
            _ => None,
        };
        if let (Some(slot), Some((_, keys))) = (slot, FLAGS.iter().find(|(f, _)| *f == flag)) {
            *slot = Some(auth_result(&l, keys));
        }
        flags.push(flag.to_string());
    }
    let auth = (auth != AuthDetail::default()).then_some(auth);
    (flags, auth)
}

/// The result word next to an authentication mechanism ("fail", "softfail", "none", ...).
fn auth_result(l: &str, keys: &[&str]) -> String {
    for k in keys {
        if let Some((_, e)) = glob_find(l, k) {
            // (the next 40 bytes at most, cut on a character boundary)
            let after = crate::text::truncate(&l[e..], 40);
            for w in ["permerror", "temperror", "softfail", "fail", "none", "neutral", "missing", "invalid", "not pass", "reject", "quarantine"] {
                if after.contains(w) {
                    return match w {
                        "not pass" | "invalid" => "fail".into(),
                        _ => w.into(),
                    };
                }
            }
        }
    }
    "failed".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_that_starts_with_a_wide_character_is_no_panic() {
        // (fuzz-found: a status taken verbatim from a mangled log line)
        for st in ["\u{130}5.1.1", "\u{e9}", "5"] {
            let _ = decide(&Facts { diagnostic: "550 user unknown", status: Some(st), command: Some("DATA"), ..Default::default() });
        }
    }

    #[test]
    fn auth_result_cuts_its_window_on_a_character_boundary() {
        // (a fuzz-found panic: the 40-byte window ended inside a multi-byte character)
        let l = "550 dmarc check failed. http://service.mail.qq.c\u{201a}om/cgi-bin/help?subtype=1";
        for k in 0..8 {
            let l = format!("{}{l}", " ".repeat(k));
            assert_eq!(auth_result(&l, &["dmarc"]), "fail");
        }
    }

    #[test]
    fn unknown_user_at_data_is_a_filter_unless_the_rcpt_was_already_refused() {
        let at_data = |context: &str| decide(&Facts { diagnostic: "550 unknown user", context, command: Some("DATA"), reply: Some(550), ..Default::default() }).reason;
        // accepted at RCPT, refused after the message: the recipient's filter
        assert_eq!(at_data(">>> data\n<<< 550 unknown user"), "filtered");
        // pipelined: the server's answer to DATA says no recipient had been accepted
        assert_eq!(at_data(">>> data\n<<< 550 unknown user\n<<< 503 need rcpt command [data]"), "userunknown");
        assert_eq!(at_data("<<< 550 unknown user\n<<< 554 5.5.1 error: no valid recipients"), "userunknown");
    }

    fn reason(diag: &str, status: Option<&str>) -> &'static str {
        decide(&Facts { diagnostic: diag, status, ..Default::default() }).reason
    }

    #[test]
    fn phrases_decide_over_generic_status() {
        assert_eq!(reason("550 5.7.1 <a@b.c>: Relay access denied", Some("5.7.1")), "norelaying");
        assert_eq!(reason("552 5.2.2 Mailbox full", Some("5.2.2")), "mailboxfull");
        assert_eq!(reason("550 Benutzer unbekannt", None), "userunknown");
        assert_eq!(reason("550 utilisateur inconnu", None), "userunknown");
        assert_eq!(reason("554 收件人不存在", None), "userunknown");
        assert_eq!(reason("550 5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy", Some("5.7.26")), "authfailure");
        assert_eq!(reason("554 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org", None), "blocked");
    }

    /// A phrase that contains a shorter one of its own reason adds nothing, unless it holds a
    /// phrase of another reason that it must outrank (a phrase inside a longer one of another
    /// reason gives way), or it keeps the decision off a phrase [`refine`] reads otherwise
    /// (the weak "blocked"; "not exist" must not take the place of "does not exist").
    #[test]
    fn phrase_table_has_no_phrase_its_own_reason_already_covers() {
        let plain = |p: &Phrase| !p.pattern.contains('*');
        let read = |q: &Phrase| WEAK_BLOCKED.contains(&q.pattern) || q.pattern == "not exist";
        for p in PHRASES.iter().filter(|p| plain(p)) {
            let covered = PHRASES.iter().any(|q| q.reason == p.reason && q.pattern != p.pattern && plain(q) && !read(q) && crate::matcher::find_word(p.pattern, q.pattern, 0).is_some());
            let outranks = PHRASES.iter().any(|q| q.reason != p.reason && p.pattern.contains(q.pattern));
            assert!(!covered || outranks, "{:?} ({}) is covered by a shorter phrase of its reason", p.pattern, p.reason);
        }
    }

    #[test]
    fn a_reason_rules_out_flags_its_words_do_not_mean() {
        let has = |f: &[String], x: &str| f.iter().any(|g| g == x);
        let (mut f, _) = details("550 5.7.26 The MAIL FROM domain has an SPF record with a hard fail policy. To best protect our users from spam and phishing, the message has been blocked.");
        assert!(has(&f, "content_spam") && has(&f, "spf"));
        rule_out("authfailure", &mut f);
        assert!(!has(&f, "content_spam") && has(&f, "spf"), "{f:?}");
        let (mut f, _) = details("552 5.6.0 Headers too large (3 max)");
        assert!(has(&f, "message_size"));
        rule_out("contenterror", &mut f);
        assert!(f.is_empty(), "{f:?}");
        let (mut f, _) = details("550 5.1.8 Sender address rejected: Domain not found");
        assert!(has(&f, "dns_failure"));
        rule_out("rejected", &mut f);
        assert!(f.is_empty(), "{f:?}");
        let (mut f, _) = details("554 5.7.1 Message rejected as spam");
        rule_out("spamdetected", &mut f);
        assert!(has(&f, "content_spam"));
    }

    #[test]
    fn phrase_table_is_lower_case_without_repeats() {
        let mut seen = std::collections::HashSet::new();
        for p in PHRASES {
            assert_eq!(p.pattern, p.pattern.to_lowercase(), "{}", p.pattern);
            assert!(seen.insert((p.reason, p.pattern)), "{} twice under {}", p.pattern, p.reason);
        }
    }

    #[test]
    fn provider_wordings_name_their_reason() {
        for (diag, status, want) in [
            ("535 Incorrect authentication data", None, "securityerror"),
            ("554 Maximum email size exceeded", None, "mesgtoobig"),
            ("450 User is receiving mail too quickly", None, "speeding"),
            ("421 4.7.1 Messages to a@icloud.example deferred due to excessive volume. Try again later", Some("4.7.1"), "speeding"),
            ("550 5.4.5 Daily user sending quota exceeded.", Some("5.4.5"), "speeding"),
            ("550 5.7.1 Your IP 192.0.2.1 was found on one or more DNSBLs", Some("5.7.1"), "blocked"),
            ("550 Mail is rejected by recipients: ip frequency limited", None, "toomanyconn"),
            ("451 4.7.5 Remote certificate failed MTA-STS validation", Some("4.7.5"), "failedstarttls"),
            ("550 5.7.325 certificate-host-mismatch: Remote certificate must have a common name matching the host", Some("5.7.325"), "failedstarttls"),
            ("550 5.7.1 Our system has detected an unusual rate of unsolicited mail originating from your IP address", Some("5.7.1"), "blocked"),
            ("421 4.3.0 Upstream error, please check", Some("4.3.0"), "systemerror"),
            ("451 Temporary local problem: could not contact DNS servers", None, "networkerror"),
            ("554 5.4.6 Exceeded maximum hop count (25)", Some("5.4.6"), "networkerror"),
            ("550 Host lookup failed: DNS server returned answer with no data", None, "hostunknown"),
            ("451 4.3.0 mail transport unavailable", Some("4.3.0"), "systemerror"),
            ("550-5.1.0 MXIN506 MailFrom domain is listed in Spamhaus.", Some("5.1.0"), "rejected"),
        ] {
            assert_eq!(reason(diag, status), want, "{diag}");
        }
    }

    #[test]
    fn status_decides_when_words_do_not() {
        assert_eq!(reason("550 5.1.1 nope", Some("5.1.1")), "userunknown");
        // X.5.X: the SMTP command was wrong (RFC 3463 section 3.6)
        assert_eq!(reason("503 5.5.1 MAIL first", Some("5.5.1")), "syntaxerror");
        assert_eq!(reason("501 5.5.4 Bad argument", Some("5.5.4")), "syntaxerror");
        assert_eq!(reason("", Some("4.4.7")), "expired");
        assert_eq!(reason("", Some("2.1.5")), "delivered");
    }

    #[test]
    fn fallbacks() {
        let d = decide(&Facts { action: Some("delayed"), ..Default::default() });
        assert_eq!(d.reason, "expired");
        let d = decide(&Facts { diagnostic: "550 go away", command: Some("MAIL"), ..Default::default() });
        assert_eq!(d.reason, "rejected");
        // a domain without MX refused at MAIL FROM is the sender's, not the recipient's
        let d = decide(&Facts { diagnostic: "550 Sender domain has no MX or A record", command: Some("MAIL"), ..Default::default() });
        assert_eq!(d.reason, "rejected");
        let d = decide(&Facts { diagnostic: "550 Domain has no MX or A record", ..Default::default() });
        assert_eq!(d.reason, "notaccept");
        // an invalid domain name refused at HELO is the sending server's name
        let d = decide(&Facts { diagnostic: "501 5.0.0 Invalid domain name", command: Some("HELO"), reply: Some(501), ..Default::default() });
        assert_eq!(d.reason, "blocked");
        assert_eq!(decide(&Facts { diagnostic: "501 5.0.0 Invalid domain name", reply: Some(501), ..Default::default() }).reason, "hostunknown");
        assert_eq!(decide(&Facts::default()).reason, "undefined");
        assert_eq!(decide(&Facts { diagnostic: "something odd", ..Default::default() }).reason, "onhold");
        // a report's own "the attachment contains the original headers" is no attachment policy
        let d = "refused to accept your message (DATA): [554 5.4.6 Hop count exceeded - possible mail loop] The attachment contains the original mail headers.";
        assert_eq!(decide(&Facts { diagnostic: d, status: Some("5.4.6"), reply: Some(554), ..Default::default() }).reason, "networkerror");
        // a host that does not exist is no unknown mailbox
        assert_eq!(decide(&Facts { diagnostic: "553 mx.example.com does not exist", reply: Some(553), ..Default::default() }).reason, "hostunknown");
        assert_eq!(decide(&Facts { diagnostic: "550 user jo does not exist", reply: Some(550), ..Default::default() }).reason, "userunknown");
        assert_eq!(decide(&Facts { diagnostic: "550 <jo@example.com> does not exist", reply: Some(550), ..Default::default() }).reason, "userunknown");
        // 451: "local error in processing" (RFC 5321), when the words say nothing known
        assert_eq!(decide(&Facts { diagnostic: "Could not load DRD for domain", reply: Some(451), ..Default::default() }).reason, "systemerror");
    }

    #[test]
    fn pseudo_code_of_a_stage() {
        // sisimai's Exim reader calls a refused MAIL FROM "onhold" before the final reason
        assert_eq!(pseudo_reason("rejected", Some("exim"), Some("MAIL")), "onhold");
        assert_eq!(pseudo_reason("rejected", Some("postfix"), Some("MAIL")), "rejected");
        assert_eq!(pseudo_reason("userunknown", Some("exim"), Some("RCPT")), "userunknown");
    }

    #[test]
    fn pseudo_codes() {
        assert_eq!(pseudo_status("userunknown", true).as_deref(), Some("5.0.911"));
        assert_eq!(pseudo_status("expired", true).as_deref(), Some("4.0.947"));
        assert_eq!(pseudo_status("filtered", false).as_deref(), Some("5.0.910"));
        assert_eq!(pseudo_status("nonsense", false), None);
    }

    #[test]
    fn a_phrase_inside_a_longer_one_of_another_reason_gives_way() {
        let reasons = |t: &str| matching_phrases(t).iter().map(|p| p.reason).collect::<Vec<_>>();
        assert_eq!(reasons("550 submission quota exceeded"), ["speeding"]);
        assert!(reasons("552 quota exceeded").contains(&"mailboxfull"));
        // side by side, both stand
        let both = reasons("quota exceeded; sending limit reached");
        assert!(both.contains(&"mailboxfull") && both.contains(&"speeding"), "{both:?}");
        // a listing on Barracuda's "Reputation Block List" is a blocklist's, not a reputation verdict
        assert!(reasons("550 ip listed in barracuda reputation block list").iter().all(|r| *r == "blocked"));
        // what stands in a `*` gap is no part of the longer phrase: Postfix's "Domain not found"
        // falls in the gap of userunknown's "recipient * not found", and stands
        assert!(reasons("450 4.1.2 <a@b.example>: recipient address rejected: domain not found").contains(&"hostunknown"));
        // in the gapped phrase's own words, it still gives way ("reputation" in "blocked using
        // * reputation")
        assert!(reasons("554 client host [192.0.2.1] blocked using barracuda reputation").iter().all(|r| *r == "blocked"));
    }

    #[test]
    fn detail_flags() {
        let (f, a) = details("550 5.7.26 This mail has been blocked because the sender is unauthenticated. DMARC policy reject; SPF fail; DKIM none");
        assert!(f.contains(&"spf".to_string()) && f.contains(&"dkim".to_string()) && f.contains(&"dmarc".to_string()));
        let a = a.unwrap();
        assert_eq!(a.spf.as_deref(), Some("fail"));
        assert_eq!(a.dkim.as_deref(), Some("none"));
        let (f, _) = details("451 4.7.1 Greylisted, please try again later");
        assert!(f.contains(&"greylisting".to_string()));
        let (f, _) = details("451-4.7.1 Greylisting in action, please come back later");
        assert!(f.contains(&"greylisting".to_string()));
        // "try again later" alone is any deferral, not greylisting
        let (f, _) = details("421 Too many concurrent SMTP connections; please try again later.");
        assert!(f.contains(&"too_many_connections".to_string()) && !f.contains(&"greylisting".to_string()), "{f:?}");
        let (f, _) = details("451 4.3.0 This message could not be delivered due to a recipient error. Please try again later.");
        assert!(!f.contains(&"greylisting".to_string()), "{f:?}");
        // Gmail's refusal at HELO (a denial of service guard), not a greylisting deferral
        let (f, _) = details("421 4.7.0 Try again later, closing connection. (EHLO)");
        assert!(!f.contains(&"greylisting".to_string()), "{f:?}");
    }
}

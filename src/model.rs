//! The diagnosis data model: what the core returns, what the CLI prints with `--json`
//! and what crosses the wasm boundary. Field names are the JSON schema (see README,
//! "JSON schema"); bump [`SCHEMA_VERSION`] on any incompatible change.

use serde::{Deserialize, Serialize};

/// Version of the JSON schema, printed as `schema` in every report.
pub const SCHEMA_VERSION: &str = "bounce-doctor/1";

/// What one input turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    /// A whole bounce email (RFC 5322 headers present) reporting failed or delayed delivery.
    Bounce,
    /// The visible text of a bounce, e.g. copied out of webmail (no headers, no MIME).
    PastedBounce,
    /// One SMTP reply, possibly multi-line (`550-5.7.1 ...` / `550 5.7.1 ...`).
    SmtpReply,
    /// An SMTP transcript or an MTA log line carrying a failure.
    LogLine,
    /// A DSN that reports successful delivery (RFC 3464 `Action: delivered/relayed/expanded`).
    DeliveryReport,
    /// An automatic reply such as an out-of-office message (RFC 3834).
    AutoReply,
    /// A feedback-loop / abuse report (ARF, RFC 5965).
    FeedbackReport,
    /// An ordinary message that is not about a delivery problem.
    NotABounce,
    /// Nothing to read: empty or whitespace only.
    Empty,
}

impl InputKind {
    /// Plain-words label for people.
    pub fn label(self) -> &'static str {
        match self {
            InputKind::Bounce => "Bounce message (delivery failure report)",
            InputKind::PastedBounce => "Text of a bounce message",
            InputKind::SmtpReply => "SMTP server reply",
            InputKind::LogLine => "Mail server log or SMTP transcript",
            InputKind::DeliveryReport => "Delivery report: the message was delivered",
            InputKind::AutoReply => "Automatic reply (e.g. out of office), not a bounce",
            InputKind::FeedbackReport => "Feedback-loop report (a spam complaint), not a bounce",
            InputKind::NotABounce => "Not a bounce: no delivery failure found",
            InputKind::Empty => "Empty input",
        }
    }
}

/// Who has to do something about the failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// The person who sent the message.
    Sender,
    /// The administrator of the sender's mail system (or the sending service).
    SenderAdmin,
    /// The person the message was addressed to.
    Recipient,
    /// The administrator of the recipient's mail system.
    RecipientAdmin,
    /// Nobody: the sending server retries on its own, or nothing failed.
    Nobody,
}

impl Actor {
    pub fn label(self) -> &'static str {
        match self {
            Actor::Sender => "You (the sender)",
            Actor::SenderAdmin => "Your mail administrator or email provider",
            Actor::Recipient => "The recipient",
            Actor::RecipientAdmin => "The recipient's mail administrator",
            Actor::Nobody => "Nobody yet: the sending server retries by itself",
        }
    }
}

/// A span of the input that decided (part of) the diagnosis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The text as it reads after decoding (one line, trimmed).
    pub text: String,
    /// What this evidence showed, in plain words ("status code", "diagnostic text", ...).
    pub why: String,
    /// 1-based line in the input where `text` starts, when it appears there verbatim.
    pub line: Option<u32>,
    /// Byte offsets `[start, end)` of `text` in the input (UTF-8), when it appears verbatim.
    pub start: Option<u32>,
    pub end: Option<u32>,
}

/// Which authentication mechanism failed, from the diagnostic text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuthDetail {
    /// Each is `Some("fail")`, `Some("missing")`, ... when the text names the mechanism.
    pub spf: Option<String>,
    pub dkim: Option<String>,
    pub dmarc: Option<String>,
    pub arc: Option<String>,
    /// The receiver's own words about the failure, when given.
    pub detail: Option<String>,
}

/// A blocklist named in the diagnostic text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlocklistHit {
    /// Stable identifier, e.g. `spamhaus-zen`, `barracuda`.
    pub id: String,
    pub name: String,
    /// Where to check the listing and ask for removal.
    pub delist_url: String,
    /// True when the text says the receiver's own DNS query to the list was refused or
    /// blocked (e.g. Spamhaus 127.255.255.254 "open resolver"): then the sender is most
    /// likely NOT listed and the receiver's setup is at fault.
    pub query_refused: bool,
    /// What was listed, when the text says (an IP address or a domain).
    pub listed: Option<String>,
}

/// The receiving (or sending) provider recognised from host names, domain or wording.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProviderInfo {
    /// Stable identifier, e.g. `google`, `microsoft`, `yahoo`.
    pub id: String,
    pub name: String,
    /// The provider's own error token found in the text (`TSS04`, `S3150`, `AUP#...`).
    pub code: Option<String>,
    /// What the provider says that token means.
    pub code_meaning: Option<String>,
    /// The provider's documentation for senders, for the token when known.
    pub docs_url: Option<String>,
}

/// A link to outside documentation (shown only; nothing is fetched).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// What the sending server does next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Retry {
    /// Whether the sending server keeps trying by itself (`None` when it cannot be told).
    pub will_retry: Option<bool>,
    /// Plain-words statement, e.g. "Your server retries for up to 5 days".
    pub text: String,
}

/// The diagnosis for one failed (or delayed, or reported) recipient.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnosis {
    /// Recipient address, lower-cased domain; `None` when the input names none.
    pub recipient: Option<String>,
    /// DSN action: failed, delayed, delivered, relayed, expanded (when known).
    pub action: Option<String>,
    /// SMTP reply code (RFC 5321), e.g. 550.
    pub reply_code: Option<u16>,
    pub reply_code_meaning: Option<String>,
    /// Enhanced status code (RFC 3463), e.g. "5.1.1". Where no code is given in the input
    /// a sisimai-compatible pseudo code (e.g. "5.0.911") may stand here; see `status_source`.
    pub status: Option<String>,
    pub status_meaning: Option<String>,
    /// Where `status` came from: "dsn" (Status: field), "text" (the diagnostic text) or
    /// "pseudo" (derived from the reason, as sisimai does).
    pub status_source: Option<String>,
    /// sisimai reason name (see README "Reasons").
    pub reason: String,
    /// Plain-words title of the reason.
    pub reason_label: String,
    /// The address is bad: stop sending to it (sisimai's `hardbounce`).
    pub hard_bounce: bool,
    /// The server refused for good and will not retry (`None` when unknown).
    pub permanent: Option<bool>,
    pub retry: Retry,
    pub who_must_act: Actor,
    pub who_must_act_label: String,
    /// One line for a person.
    pub summary: String,
    /// A short explanation in plain words.
    pub explanation: String,
    /// Ordered steps for the person who got the bounce.
    pub fix_steps: Vec<String>,
    /// Detail for the mail administrator.
    pub admin_detail: Vec<String>,
    pub links: Vec<Link>,
    /// Finer detail flags: greylisting, rate_limit, missing_ptr, message_size, quota,
    /// relay_denied, tls_required, auth_required, spf, dkim, dmarc, blocklist, ...
    pub flags: Vec<String>,
    pub auth: Option<AuthDetail>,
    pub blocklist: Option<BlocklistHit>,
    pub provider: Option<ProviderInfo>,
    /// The SMTP command the error answered (RCPT, DATA, MAIL, CONN, ...).
    pub command: Option<String>,
    /// Host that gave the error.
    pub remote_mta: Option<String>,
    /// The server's own words (Diagnostic-Code or the error lines), unfolded.
    pub diagnostic_text: Option<String>,
    pub evidence: Vec<Evidence>,
    /// 0.0 - 1.0: how sure the core is about `reason`.
    pub confidence: f32,
}

impl Diagnosis {
    /// A diagnosis with the given reason and nothing else said yet: the classifier fills
    /// the facts, `explain` the words.
    pub fn blank(reason: &str) -> Diagnosis {
        Diagnosis {
            recipient: None,
            action: None,
            reply_code: None,
            reply_code_meaning: None,
            status: None,
            status_meaning: None,
            status_source: None,
            reason: reason.into(),
            reason_label: String::new(),
            hard_bounce: false,
            permanent: None,
            retry: Retry { will_retry: None, text: String::new() },
            who_must_act: Actor::Sender,
            who_must_act_label: String::new(),
            summary: String::new(),
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
            diagnostic_text: None,
            evidence: vec![],
            confidence: 0.0,
        }
    }
}

/// Headers of the message that bounced, where the bounce carries them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OriginalMessage {
    pub subject: Option<String>,
    pub message_id: Option<String>,
    pub date: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The diagnosis of one input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Always [`SCHEMA_VERSION`].
    pub schema: String,
    /// The input's name: a path as given on the command line, or "-". Set by the caller.
    pub source: Option<String>,
    pub kind: InputKind,
    pub kind_label: String,
    /// The bounce format recognised (postfix, exim, sendmail, qmail, exchange, rfc3464, ...).
    pub format: Option<String>,
    /// One line for the whole input (for lists and subject lines).
    pub summary: String,
    pub reporting_mta: Option<String>,
    pub remote_mta: Option<String>,
    /// Subject and date of the bounce itself (when the input is an email).
    pub bounce_subject: Option<String>,
    pub bounce_from: Option<String>,
    pub original: Option<OriginalMessage>,
    /// One entry per failed, delayed or reported recipient.
    pub results: Vec<Diagnosis>,
    /// Remarks about the input itself (decoding trouble, truncation, size).
    pub notes: Vec<String>,
}

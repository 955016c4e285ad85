//! From input bytes to a [`Report`]: work out what the input is, collect per-recipient
//! records (from DSN fields, bounce text or log lines), classify each, attach provider,
//! blocklist and authentication detail, explain, and locate the evidence in the input.

use crate::text::Lower;
use crate::classify::{self, Facts};
use crate::email::{self, Mail};
use crate::explain;
use crate::knowledge::{blocklists, phrases, providers, status_codes};
use crate::model::*;
use crate::scrape::{self, Block};
use crate::{dsn, formats, forward, logline, mlist, sesjson, smtp, text};

/// One recipient's facts before classification.
#[derive(Debug, Default, Clone)]
pub struct Record {
    pub recipient: Option<String>,
    pub action: Option<String>,
    /// Status: field of a DSN.
    pub status_field: Option<String>,
    /// The server's own words, line by line.
    pub diagnostic: Vec<String>,
    /// Wider text of the recipient's part of the bounce, line by line.
    pub context: String,
    pub diagnostic_type: Option<String>,
    pub remote_mta: Option<String>,
    pub command: Option<String>,
    /// Lines to show as evidence besides the diagnostic (e.g. DSN fields).
    pub evidence: Vec<(String, &'static str)>,
    /// A reason fixed by the kind of input (vacation, feedback).
    pub fixed_reason: Option<&'static str>,
    /// The server's words name the sender's address (not the recipient's): the refusal is
    /// about the sender.
    pub sender_named: bool,
    /// The action the kind of input implies when the record names none (a bounce email
    /// reports a failure).
    pub implicit_action: Option<&'static str>,
    /// A detail flag the kind of input sets by itself (a mailing list's refusal).
    pub flag: Option<&'static str>,
}

/// What kind of input and what it says, before the per-recipient work.
struct Parsed {
    kind: InputKind,
    format: Option<&'static str>,
    reporting_mta: Option<String>,
    bounce_subject: Option<String>,
    bounce_from: Option<String>,
    original: Option<OriginalMessage>,
    records: Vec<Record>,
    notes: Vec<String>,
    /// How long the notice says its server goes on retrying ([`stated_retry`]).
    stated_retry: Option<String>,
}

impl Parsed {
    fn new(kind: InputKind) -> Parsed {
        Parsed { kind, format: None, reporting_mta: None, bounce_subject: None, bounce_from: None, original: None, records: vec![], notes: vec![], stated_retry: None }
    }
}

/// The per-recipient records of an input before classification (a developer aid:
/// `bounce-doctor debug FILE`).
pub fn records(input: &[u8]) -> Vec<Record> {
    parse_input(input).1.records
}

/// The input as text, what it holds, and whether it is an email (headers first).
fn parse_input(input: &[u8]) -> (std::borrow::Cow<'_, str>, Parsed, bool) {
    let raw = text::decode_lossless_cow(input);
    let empty = raw.trim().is_empty();
    let is_email = !empty && email::looks_like_email(&raw);
    let parsed = if empty {
        Parsed::new(InputKind::Empty)
    } else if is_email {
        from_email(input, 0)
    } else {
        from_text(&raw)
    };
    (raw, parsed, is_email)
}

pub fn run(input: &[u8]) -> Report {
    let (raw, parsed, is_email) = parse_input(input);
    let ctx = explain::Context { format: parsed.format, reporting_mta: parsed.reporting_mta.as_deref(), stated_retry: parsed.stated_retry.as_deref() };
    let input = Input::new(&raw, !is_email);
    let results: Vec<Diagnosis> = parsed.records.iter().map(|r| finish(r, &input, &ctx)).collect();
    let remote_mta = results.iter().find_map(|d| d.remote_mta.clone());
    let summary = match results.len() {
        0 => parsed.kind.label().to_string(),
        1 => results[0].summary.clone(),
        n => {
            // (Strings, as the other joins: each element type of `join` is its own code in the wasm)
            let mut reasons: Vec<String> = results.iter().map(|d| d.reason_label.clone()).collect();
            reasons.dedup();
            format!("{n} recipients: {}", reasons.join("; "))
        }
    };
    Report {
        schema: SCHEMA_VERSION.into(),
        source: None,
        kind: parsed.kind,
        kind_label: parsed.kind.label().into(),
        format: parsed.format.map(str::to_string),
        summary,
        reporting_mta: parsed.reporting_mta,
        remote_mta,
        bounce_subject: parsed.bounce_subject,
        bounce_from: parsed.bounce_from,
        original: parsed.original,
        results,
        notes: parsed.notes,
    }
}

/// Subjects of bounces, lower case, in the languages they come in (prefix or contained).
/// Sources: the subject lines of Postfix, Exim, Sendmail, qmail, Exchange, Gmail, Yahoo,
/// Domino and localized Exchange/Outlook NDRs.
const BOUNCE_SUBJECTS: &[&str] = &[
    "undeliverable", "undelivered mail", "delivery status notification", "delivery failure",
    "mail delivery failed", "returned mail", "failure notice", "mail system error",
    "delivery notification", "non remis", "non distribuable", "unzustellbar", "nicht zustellbar",
    "no se puede entregar", "no entregado", "non recapitabile", "não entregue", "undeliverable mail",
    "delivery has failed", "could not send message", "message not delivered", "delivery problem",
    "mail delivery problem", "warning: could not send", "delayed mail", "delivery delayed",
    "notice: mail delivery status", "returned to sender", "rejected:", "nicht zugestellt",
    "недоставлено", "не доставлено", "未送達", "退信", "系统退信", "delivery report",
    "message delivery", "delivery status", "mail delivery subsystem", "dsn:",
    "error sending your mail", "could not be delivered", "was not delivered",
];

/// Wording with which bounces frame their report, in the languages they come in.
fn failure_wording(lower: &str) -> bool {
    const FRAMES: &[&str] = &[
        "could not be delivered", "couldn't be delivered", "could not deliver", "delivery has failed",
        "delivery failed", "was not delivered", "wasn't delivered", "undeliverable", "undelivered",
        "failed permanently", "message not delivered", "error occurred while trying to deliver",
        "unable to deliver", "delivery to the following recipient", "delivery to the following recipients",
        "following recipients failed", "did not reach the following",
        "had permanent fatal errors", "following addresses had", "not be delivered to one or more",
        "non remis", "n'a pas pu être remis", "unzustellbar", "konnte nicht zugestellt",
        "no se pudo entregar", "non è stato possibile recapitare", "não foi possível entregar",
        "не может быть доставлено", "не доставлено", "配信できませんでした", "无法投递", "退信",
        // Microsoft 365 / Outlook NDRs, localized "Delivery has failed to these recipients or groups"
        "zustellung an folgende empfänger", "la remise à ces destinataires", "error en la entrega a estos destinatarios",
        "recapito non riuscito a questi destinatari", "falha na entrega para estes destinatários",
        "bezorging is mislukt voor deze ontvangers", "не удалось доставить", "配信に失敗しました", "传递到这些收件人",
    ];
    crate::tagged!(plain FRAMES).any(lower)
}

fn is_bounce_subject(s: &str) -> bool {
    let l = s.lower();
    BOUNCE_SUBJECTS.iter().any(|b| l.contains(b))
}

fn addresses_of(v: Option<&str>) -> Vec<String> {
    v.map(|v| text::find_addresses(v).into_iter().map(|f| f.addr).collect()).unwrap_or_default()
}

/// How many attached messages deep a bounce is looked for (a forward of a bounce that wraps
/// a report is two): each level parses the attached message again, so crafted nesting must
/// not make the time grow with the square of the input.
const MAX_UNWRAP: u8 = 3;

/// An email; `depth`: how many attached messages it sits in.
fn from_email(input: &[u8], depth: u8) -> Parsed {
    let mail = email::parse(input);
    // names and the start of each value are enough to tell formats and auto-replies apart
    let mut lower_headers = String::with_capacity(2048);
    for (n, v) in &mail.headers {
        lower_headers.push_str(n);
        lower_headers.push_str(": ");
        text::push_lower(&mut lower_headers, text::truncate(v, 160));
        lower_headers.push('\n');
    }
    let lower_text = &mail.notification_lower;
    let from = mail.header("from").map(str::to_string);
    let subject = mail.subject.clone();
    let from_addr = addresses_of(from.as_deref()).into_iter().next();
    let format = formats::detect(&lower_headers, lower_text).map(|f| f.id);
    let original = original_of(&mail);
    let mut notes = mail.notes.clone();

    let mut p = Parsed { format, bounce_subject: subject.clone(), bounce_from: from.clone(), original, ..Parsed::new(InputKind::Bounce) };

    // Feedback-loop report (RFC 5965), a complaint forwarded in the older Hotmail JMRP
    // form ("complaint about message from <ip>"), or an unsubscribe request
    let subj_l = subject.as_deref().unwrap_or("").trim().lower();
    let complaint = subj_l.starts_with("complaint about message from") || subj_l == "unsubscribe";
    if mail.feedback.is_some() || mail.report_type.as_deref() == Some("feedback-report") || complaint {
        p.kind = InputKind::FeedbackReport;
        p.format = Some("arf");
        let fb = mail.feedback.clone().unwrap_or_default();
        let fields = email::parse_header_block(&fb);
        let mut rcpts: Vec<String> = fields
            .iter()
            .filter(|(n, _)| n == "original-rcpt-to" || n == "removal-recipient")
            .filter_map(|(_, v)| text::first_address(v))
            .collect();
        if rcpts.is_empty() {
            rcpts = addresses_of(mail.original_header("to"));
        }
        if rcpts.is_empty() {
            rcpts.push(String::new());
        }
        let ftype = email::find_header(&fields, "feedback-type").unwrap_or("abuse").to_string();
        for r in rcpts {
            p.records.push(Record {
                recipient: (!r.is_empty()).then_some(r),
                fixed_reason: Some("feedback"),
                evidence: vec![(format!("Feedback-Type: {ftype}"), "feedback report type")],
                diagnostic: vec![format!("Feedback-Type: {ftype}")],
                ..Default::default()
            });
        }
        return p;
    }

    // an Amazon SES notification (JSON) mailed by SNS
    if let Some(n) = sesjson::parse(&mail.notification) {
        ses_into(&mut p, n);
        p.notes = notes;
        return p;
    }

    // DSN fields: the report parts, or DSN fields written into the text
    let mut d = dsn::Dsn::default();
    for part in &mail.dsn {
        let one = dsn::parse(part);
        if d.reporting_mta.is_none() {
            d.reporting_mta = one.reporting_mta;
        }
        d.recipients.extend(one.recipients);
    }
    if d.recipients.is_empty() && dsn::looks_like_dsn_lower(&mail.notification_lower) {
        d = dsn::parse(&mail.notification);
    }
    if p.format.is_none() && !d.recipients.is_empty() {
        p.format = Some("rfc3464");
    }
    p.reporting_mta = d.reporting_mta.clone().or_else(|| from_addr.as_ref().and_then(|a| a.split('@').nth(1)).map(str::to_string));

    let mut known: Vec<String> = d.recipients.iter().filter_map(|r| r.address().map(str::to_string)).collect();
    let failed_hdr = addresses_of(mail.header("x-failed-recipients"));
    if known.is_empty() {
        known = failed_hdr.clone();
    }
    let mut exclude: Vec<String> = Vec::new();
    exclude.extend(addresses_of(mail.header("to")));
    exclude.extend(addresses_of(mail.original_header("from")));
    exclude.extend(addresses_of(mail.original_header("return-path")));
    exclude.extend(addresses_of(mail.original_header("sender")));
    exclude.extend(from_addr.clone());
    exclude.retain(|a| !known.contains(a));

    let mail_system = from.as_deref().is_some_and(scrape::from_mail_system);
    let report = !d.recipients.is_empty() || !failed_hdr.is_empty() || mail.report_type.as_deref() == Some("delivery-status")
        || lower_headers.contains("x-ms-exchange-message-is-ndr");
    let bounce_subject = subject.as_deref().is_some_and(is_bounce_subject);
    // An answer RFC 3834's header calls automatic ("Auto-Submitted: auto-replied"), neither
    // from a mail system's own address nor a delivery report nor titled as one, is an
    // auto-reply whatever it says ("This inbox is no longer in use"): the message was
    // delivered, and the recipient's side answered it. (Exim marks its bounces so too, from
    // Mailer-Daemon.)
    let auto_replied = !report && !mail_system && !bounce_subject && auto_reply_header(&lower_headers);
    let own_signals = !auto_replied && (report || mail_system || from_addr.as_deref().is_some_and(scrape::is_role_address));
    let bounce_signals = own_signals || bounce_subject;

    // a person's message that forwards a bounce in its text ("Fwd: Undeliverable: ..."),
    // the bounce's own header lines above it: the diagnosis of the forwarded bounce
    if !own_signals && mail.attached_bounce.is_none() {
        if let Some(fwd) = forward::bounce_header(lower_text).and_then(|f| mail.notification.get(f.start..)) {
            let mut q = from_text(fwd);
            if q.kind == InputKind::PastedBounce {
                q.kind = InputKind::Bounce;
                q.notes.insert(0, "this message forwards a bounce in its text; this is the diagnosis of the forwarded bounce".into());
            }
            return q;
        }
    }

    // (read after the forward check: a forwarded bounce is read from its own text)
    let blocks = scrape::blocks_lower(&mail.notification, lower_text, &known, &exclude);

    // a bounce forwarded as an attachment ("Fwd: Undelivered Mail ..."), or a report with
    // nothing of its own that wraps another one: diagnose the attached bounce
    let nothing_of_its_own = d.recipients.is_empty() && !blocks.iter().any(|b| b.diagnostic.iter().any(|l| smtp::find_status(l).is_some() || smtp::find_reply(l, None).is_some_and(|c| c >= 400)));
    if let Some(inner) = mail.attached_bounce.as_deref().filter(|_| nothing_of_its_own && depth < MAX_UNWRAP) {
        let mut q = from_email(inner, depth + 1);
        q.notes.insert(0, "the bounce was attached to this message; this is the diagnosis of the attached bounce".into());
        return q;
    }

    if !bounce_signals {
        // a mailing list's refusal of a post, an auto-reply, or an ordinary message
        // (only from the list's own addresses: a person's post may quote such a notice)
        let refusal = from_addr.as_deref().filter(|a| mlist::is_list_role(a)).and_then(|_| mlist::find(lower_text, mlist::from_list_manager(&lower_headers)));
        if let Some((r, at)) = refusal {
            list_refusal_into(&mut p, r, mail.notification.get(at).unwrap_or(""), mail.header("list-post"));
            return p;
        }
        if is_auto_reply(&mail, &lower_headers) {
            p.kind = InputKind::AutoReply;
            p.format = Some("rfc3834");
            p.records.push(Record {
                recipient: from_addr.filter(|a| !scrape::is_role_address(a)).or_else(|| addresses_of(from.as_deref()).into_iter().next()),
                fixed_reason: Some("vacation"),
                // what the reply says ("I am away until ...", "This inbox is no longer in use"),
                // else its subject
                diagnostic: vec![mail.notification.lines().map(str::trim).find(|l| !l.is_empty()).map(|l| text::truncate(l, 200).to_string()).or_else(|| subject.clone()).unwrap_or_default()],
                ..Default::default()
            });
        } else {
            // an ordinary message that forwards another one as an attachment (to a help desk,
            // say): what the attached message is, when it is a bounce, a report or an auto-reply
            let attached = (depth < MAX_UNWRAP).then(|| email::first_attached_message(input)).flatten().map(|inner| from_email(&inner, depth + 1));
            if let Some(mut q) = attached.filter(|q| q.kind != InputKind::NotABounce) {
                q.notes.insert(0, "this message forwards another one as an attachment; this is the diagnosis of the attached message".into());
                return q;
            }
            p.kind = InputKind::NotABounce;
        }
        p.notes = notes;
        return p;
    }

    if !d.recipients.is_empty() {
        // each recipient's part of the text, by address (the first part naming it)
        let by_addr: text::StrTable = blocks.iter().enumerate().filter_map(|(i, b)| b.recipient.as_ref().map(|a| (a.to_ascii_lowercase(), i))).collect();
        let transcript = transcript_block(&blocks);
        for r in &d.recipients {
            let block = r.address().and_then(|a| by_addr.get(&a.to_ascii_lowercase())).map(|i| &blocks[i]);
            p.records.push(record_from_dsn(r, block, &blocks, transcript));
        }
    } else {
        let with_rcpt: Vec<&Block> = blocks.iter().filter(|b| b.recipient.is_some()).collect();
        let use_blocks: Vec<&Block> = if with_rcpt.is_empty() { blocks.iter().collect() } else { with_rcpt };
        for b in use_blocks {
            p.records.push(record_from_block(b));
        }
    }
    let implicit = if delay_notice(&subject, lower_text) { "delayed" } else { "failed" };
    for rec in &mut p.records {
        rec.implicit_action = Some(implicit);
    }
    // (the notice's words, else the report's own field: RFC 3464's Will-Retry-Until, which a
    // report that is final for other recipients gives for its delayed ones)
    if implicit == "delayed" {
        p.stated_retry = stated_retry(lower_text);
    }
    if p.stated_retry.is_none() {
        p.stated_retry = d.recipients.iter().find_map(|r| r.will_retry_until.as_deref()).map(retry_until);
    }
    let senders: Vec<String> = exclude.iter().filter(|a| !scrape::is_role_address(a)).map(|a| a.to_ascii_lowercase()).collect();
    for rec in &mut p.records {
        let words = rec.diagnostic.join("\n").to_ascii_lowercase();
        let rcpt = rec.recipient.as_deref().map(str::to_ascii_lowercase);
        rec.sender_named = senders.iter().any(|s| words.contains(s.as_str())) && rcpt.is_none_or(|r| !words.contains(r.as_str()));
    }
    apply_format(&mut p);
    if p.records.iter().all(|r| r.action.as_deref().is_some_and(|a| matches!(a, "delivered" | "relayed" | "expanded"))) && !p.records.is_empty() {
        p.kind = InputKind::DeliveryReport;
    }
    if p.records.is_empty() {
        notes.push("this looks like a bounce but names no failed recipient".into());
    }
    p.notes = notes;
    p
}

/// A delay notice (the message is still queued), not a failure report: by its subject or
/// its wording.
fn delay_notice(subject: &Option<String>, lower_text: &str) -> bool {
    let subj = subject.as_deref().unwrap_or("").lower();
    ["delay", "warning: could not send", "verzögert"].iter().any(|w| subj.contains(w))
        || delay_wording(&subj)
        || delay_wording(lower_text)
        || delay_only_wording(lower_text)
}

/// Wording only a delay notice uses: it says outright that the sender need not do anything
/// yet, whatever else it says ("could not be delivered for more than 4 hours"). Sources:
/// Postfix's and Sendmail's delay warnings ("THIS IS A WARNING ONLY. YOU DO NOT NEED TO
/// RESEND YOUR MESSAGE"), Exim's deferral report ("This is a temporary error. The following
/// address(es) deferred").
fn delay_only_wording(lower: &str) -> bool {
    const DELAY_ONLY: &[&str] =
        &["warning only", "warning message only", "do not need to resend", "do not need to send it again", "address(es) deferred", "this is a temporary error"];
    crate::tagged!(plain DELAY_ONLY).any(lower)
}

/// How long a delay notice says its server goes on retrying, in its words ("for 47 more
/// hours", "until it is 5 day(s) old"). Sources: Gmail's "Gmail will retry for 47 more
/// hours", Postfix's "It will be retried until it is 5 day(s) old", Sendmail's "Will keep
/// trying until message is 5 days old", Exchange's "The server will keep trying to deliver
/// this message for the next 1 days, 19 hours and 57 minutes".
fn stated_retry(lower: &str) -> Option<String> {
    ["will retry ", "be retried ", "keep trying ", "deliver this message "].iter().find_map(|intro| {
        let rest = text::truncate(&lower[lower.find(*intro)? + intro.len()..], 48);
        // (a period that runs on past its sentence's end is not stated: "for up to 2 days and ...")
        let end = rest.bytes().position(|b| matches!(b, b'.' | b'\n' | b';'))?;
        let said = rest[..end].trim_end();
        ((said.starts_with("for ") || said.starts_with("until ")) && said.bytes().any(|b| b.is_ascii_digit())).then(|| said.to_string())
    })
}

/// A retry period given as a time stamp in a report's own field (RFC 3464's Will-Retry-Until,
/// SES's expirationTime), cut short: a crafted field does not become the retry text whole.
fn retry_until(t: &str) -> String {
    "until ".to_owned() + text::truncate(t, 64)
}

/// Wording of a delay notice: the message is still queued and will be retried.
fn delay_wording(lower: &str) -> bool {
    const DELAY: &[&str] = &[
        // (what is not yet delivered is a message, and retrying has a term ("will retry for 47
        // more hours"): a parcel that "has not yet been delivered" and a courier who "will retry
        // tomorrow" are no delay notice)
        "message * not yet been delivered", "will continue to try", "will be retried", "delivery is delayed",
        "will retry for", "will retry until", "still trying", "temporary failure", "temporary problem delivering",
        "no action is required on your part", "delay in the delivery", "delay in delivering",
        "have not yet received", "has not yet received",
        // Gmail's delay notice in other languages ("There was a temporary problem delivering
        // your message"): es, fr, de, it, pt, ja, ru
        "problema temporal", "problème temporaire", "vorübergehendes problem", "problema temporaneo",
        "problema temporário", "一時的な問題", "временная проблема",
        // "This message hasn't been delivered yet" (Outlook's delay notice): de, fr, es
        "nachricht wurde noch nicht zugestellt", "message n'a pas encore été remis",
        "mensaje aún no se ha entregado",
    ];
    crate::tagged!(plain DELAY).any(lower)
}

/// What the format alone says: its one reason, the SMTP stage of its refusals.
fn apply_format(p: &mut Parsed) {
    if let Some(f) = formats::FORMATS.iter().find(|f| Some(f.id) == p.format) {
        for rec in &mut p.records {
            if let Some(r) = f.reason {
                rec.fixed_reason.get_or_insert(r);
            }
            if rec.command.is_none() {
                rec.command = f.command.map(str::to_string);
            }
        }
    }
}

/// The record of a mailing list's refusal of a post, said on `line`: the list (named on the
/// line, else by the List-Post field) is the address that refused.
fn list_refusal_into(p: &mut Parsed, r: &phrases::ListRefusal, line: &str, list_post: Option<&str>) {
    p.format = Some("mailinglist");
    p.records.push(Record {
        recipient: text::first_address(line).or_else(|| list_post.and_then(text::first_address)),
        fixed_reason: Some(r.reason),
        diagnostic: vec![line.trim().into()],
        implicit_action: Some("failed"),
        flag: Some(r.flag),
        ..Default::default()
    });
}

/// Records and kind from an SES notification.
fn ses_into(p: &mut Parsed, n: sesjson::Notification) {
    p.format = Some("amazonses");
    let (kind, recs) = match n {
        sesjson::Notification::Bounce(r) => (InputKind::Bounce, r),
        sesjson::Notification::Delay(r, until) => {
            p.stated_retry = until.as_deref().map(retry_until);
            (InputKind::Bounce, r)
        }
        sesjson::Notification::Complaint(r) => (InputKind::FeedbackReport, r),
        sesjson::Notification::Delivery(r) => (InputKind::DeliveryReport, r),
    };
    p.kind = kind;
    p.records = recs;
}

/// The header fields mark the message as an automatic reply (RFC 3834's Auto-Submitted,
/// and the fields auto-responders used before it).
fn auto_reply_header(lower_headers: &str) -> bool {
    ["auto-submitted: auto-replied", "x-autoreply", "x-autorespond", "precedence: auto_reply"].iter().any(|h| lower_headers.contains(h))
}

fn is_auto_reply(mail: &Mail, lower_headers: &str) -> bool {
    let auto = auto_reply_header(lower_headers);
    let subj = mail.subject.as_deref().unwrap_or("").lower();
    let body = &mail.notification_lower;
    let words = |t: &str| phrases::VACATION.iter().any(|v| t.contains(v));
    auto || words(&subj) || subj.starts_with("auto:") || subj.starts_with("autoreply") || words(body) && body.len() < 4000
}

fn original_of(mail: &Mail) -> Option<OriginalMessage> {
    original_from(&mail.original_headers, mail.original_subject.clone())
}

/// The original message as its header fields `h` name it (`subject`: decoded already, else
/// read from `h`).
fn original_from(h: &[email::Header], subject: Option<String>) -> Option<OriginalMessage> {
    if h.is_empty() {
        return None;
    }
    let g = |n: &str| email::find_header(h, n).map(|v| v.trim().to_string());
    Some(OriginalMessage {
        subject: subject.or_else(|| g("subject").map(|s| email::decode_words(&s))),
        message_id: g("message-id").map(|m| m.trim_matches(|c| c == '<' || c == '>').to_string()),
        date: g("date"),
        from: g("from"),
        to: g("to"),
    })
}

/// The first part of the text that holds an SMTP transcript ("<<< 550-5.7.0 ...").
fn transcript_block(blocks: &[Block]) -> Option<&Block> {
    blocks.iter().find(|b| has_transcript(&b.context))
}

fn has_transcript(context: &str) -> bool {
    context.split('\n').any(|l| l.trim_start().starts_with("<<<"))
}

/// `transcript`: [`transcript_block`] of `blocks`.
fn record_from_dsn(r: &dsn::DsnRecipient, block: Option<&Block>, blocks: &[Block], transcript: Option<&Block>) -> Record {
    let mut rec = Record {
        recipient: r.address().map(str::to_string),
        action: r.action.clone(),
        status_field: r.status.clone(),
        diagnostic_type: r.diagnostic_type.clone(),
        remote_mta: r.remote_mta.clone(),
        ..Default::default()
    };
    if let Some(s) = &r.status {
        rec.evidence.push((format!("Status: {s}"), "status code in the delivery report"));
    }
    if let Some(dg) = &r.diagnostic {
        rec.diagnostic.push(dg.clone());
    } else if let Some(c) = r.status_comment.as_deref().filter(|c| classify::has_error_phrase(c)) {
        // no Diagnostic-Code: the Status field's comment is the reporting server's words
        // ("Status: 4.0.0 (example.com: host name lookup failure)") when it names an error
        // (not "(permanent failure)")
        rec.diagnostic.push(c.to_string());
    }
    // the bounce text for this recipient (or the only text there is)
    let b = block.or_else(|| (blocks.len() == 1).then(|| &blocks[0]));
    if let Some(b) = b {
        // the text's lines when the field says nothing, or holds only the first line of a
        // multi-line reply ("552-5.7.0 ..." with the rest in the transcript)
        // (a field that also holds the reply's last line, "... 552 5.7.0 ...", is whole)
        let first_of_many = rec.diagnostic.iter().all(|d| {
            let b = d.as_bytes();
            b.len() > 4 && b[..3].iter().all(u8::is_ascii_digit) && b[3] == b'-' && !d[4..].contains(&format!(" {} ", &d[..3]))
        });
        if rec.diagnostic.is_empty() || rec.diagnostic.iter().all(|d| d.len() < 8) {
            rec.diagnostic.extend(b.diagnostic.iter().cloned());
        } else if first_of_many {
            // the whole reply from the transcript ("<<< 552-5.7.0 ...", "<<< 552 5.7.0 ...")
            let code = &rec.diagnostic[0][..3];
            // (a transcript shared by several recipients stands in one of their parts)
            let own = has_transcript(&b.context).then_some(b);
            let reply_lines: Vec<String> = own.or(transcript).map_or(b.context.as_str(), |x| x.context.as_str())
                .split('\n')
                .map(|l| l.trim().trim_start_matches("<<<").trim().to_string())
                .filter(|l| l.len() > 4 && l.starts_with(code) && matches!(l.as_bytes()[3], b'-' | b' '))
                .collect();
            if reply_lines.len() > 1 {
                rec.diagnostic = reply_lines;
            } else if b.diagnostic.iter().any(|l| l.contains(&rec.diagnostic[0][..4])) {
                // the text carries the whole reply, codes included
                rec.diagnostic = b.diagnostic.clone();
            }
        }
        rec.context = b.context.clone();
        rec.command = b.command.clone();
        if rec.remote_mta.is_none() {
            rec.remote_mta = b.remote_mta.clone();
        }
    }
    if rec.command.is_none() {
        rec.command = rec.diagnostic.iter().find_map(|l| scrape::find_command(l)).map(str::to_string);
    }
    rec
}

fn record_from_block(b: &Block) -> Record {
    Record {
        recipient: b.recipient.clone(),
        diagnostic: b.diagnostic.clone(),
        context: b.context.clone(),
        command: b.command.clone(),
        remote_mta: b.remote_mta.clone(),
        ..Default::default()
    }
}

/// Wording of feedback (abuse/complaint) reports' human-readable part: RFC 5965's own
/// example ("This is an email abuse report for an email message received from IP ...") and
/// its variants for other report types (opt-out, authentication failure), and the fields
/// of the machine-readable part.
const FEEDBACK_MARKS: &[&str] = &[
    "report for an email message received from", "email abuse report", "email abuse complaint",
    "complaint about message from", "feedback-type:",
];

/// The longest line that counts as a bare error message by its words alone.
const TERSE_LINE: usize = 80;

/// Text that is not an email: a log line, an SMTP reply, pasted DSN fields or pasted
/// webmail text.
fn from_text(raw: &str) -> Parsed {
    // an HTML document (a webmail page saved as a file, a bounce's HTML copy on its own) is
    // read as its text: its markup and scripts name no recipient
    let head = raw.trim_start().get(..5).unwrap_or("").to_ascii_lowercase();
    let html = (head == "<!doc" || head == "<html").then(|| email::html_to_text(raw));
    let raw = html.as_deref().unwrap_or(raw);
    let t = text::normalize_newlines(&text::plain_chars(raw));
    let t = text::undouble_lines(&t).unwrap_or(t);
    let t = text::unwrap_lines(&t).unwrap_or(t);
    let t = text::unquote(&t).unwrap_or(t);
    // a bounce forwarded or copied with its header lines: its text after them is the bounce
    // (the Subject line is not the server's words), and its addressee (the original's
    // sender) is no failed recipient; when that part alone is no bounce, the whole is read
    let forwarded = forward::bounce_header(&text::truncate(&t, 64 * 1024).lower());
    if let Some(f) = &forwarded {
        if let Some(rest) = t.get(f.end..) {
            let p = text_parsed(rest, &f.addressee);
            if p.kind != InputKind::NotABounce && p.kind != InputKind::Empty {
                return p;
            }
        }
    }
    match forwarded {
        // (without the header lines: a Subject line is no server's words)
        Some(f) if t.is_char_boundary(f.start) && t.is_char_boundary(f.end) => text_parsed(&format!("{}{}", &t[..f.start], &t[f.end..]), &f.addressee),
        _ => text_parsed(&t, &[]),
    }
}

/// Pasted text, newlines normalised; `exclude`: addresses that are no failed recipients.
fn text_parsed(t: &str, exclude: &[String]) -> Parsed {
    let mut p = Parsed::new(InputKind::PastedBounce);
    if let Some(n) = sesjson::parse(t) {
        ses_into(&mut p, n);
        return p;
    }
    // a feedback-loop (abuse) report copied as text
    let head = text::truncate(t, 2000).lower();
    if FEEDBACK_MARKS.iter().any(|m| head.contains(m)) {
        p.kind = InputKind::FeedbackReport;
        p.format = Some("arf");
        let fields = email::parse_header_block(&t[t.find("Feedback-Type:").unwrap_or(t.len())..]);
        let mut rcpts: Vec<String> = fields.iter().filter(|(n, _)| n == "original-rcpt-to" || n == "removal-recipient").filter_map(|(_, v)| text::first_address(v)).collect();
        if rcpts.is_empty() {
            rcpts.push(String::new());
        }
        p.records = rcpts
            .into_iter()
            .map(|r| Record { recipient: (!r.is_empty()).then_some(r), fixed_reason: Some("feedback"), diagnostic: vec![text::squeeze(text::truncate(t, 200))], ..Default::default() })
            .collect();
        return p;
    }
    if let Some((fmt, recs)) = logline::parse(t) {
        p.kind = InputKind::LogLine;
        p.format = Some(fmt);
        p.records = recs;
        return p;
    }
    if dsn::looks_like_dsn(t) {
        let d = dsn::parse(t);
        if !d.recipients.is_empty() {
            let blocks = scrape::blocks(t, &[], &[]);
            p.reporting_mta = d.reporting_mta.clone();
            p.format = Some("rfc3464");
            let transcript = transcript_block(&blocks);
            p.records = d.recipients.iter().map(|r| record_from_dsn(r, None, &blocks, transcript)).collect();
            return p;
        }
    }
    let mut lower = t.lower();
    let (notification, rest) = email::split_original_lower(t, &lower);
    // (lower-casing keeps byte offsets: the notification's is the start of the text's)
    lower.truncate(notification.len());
    p.format = formats::detect("", &lower).map(|f| f.id);
    let blocks = scrape::blocks_lower(notification, &lower, &[], exclude);
    // a bounce's own framing ("could not be delivered to the following recipients"), or the
    // notice of a system that sends only one kind of refusal (Google Groups, in any of its
    // languages), makes every named recipient a failed one, even without a code or a known reason
    // (wrapped text breaks phrases across lines: "could not\nbe delivered")
    // (the framing stands near the top: a huge paste is not flattened whole)
    let flat = text::squeeze(text::truncate(&lower, 64 * 1024));
    let (failure, delay) = (failure_wording(&flat), delay_wording(&flat));
    let framed = failure || delay || formats::refusal_notice(&lower).is_some();
    // (an error's words alone, with no code, no framing and no address, count only on a
    // terse line such as "Mailbox full": a sentence of ordinary mail that mentions a "size
    // limit" is not a bounce)
    // (a framed text that gives a server's answer, "The response was:", is a bounce even when
    // it names no recipient and the answer has no code or known words)
    let answered = framed && scrape::ANSWER_FOLLOWS.iter().any(|a| lower.contains(a));
    let signal = |b: &Block| {
        framed && b.recipient.is_some()
            || answered && !b.diagnostic.is_empty()
            || b.diagnostic.iter().any(|l| {
                smtp::find_status(l).is_some()
                    || smtp::find_reply(l, None).is_some_and(|c| c >= 400)
                    || classify::has_error_phrase(l) && (b.recipient.is_some() || l.trim().len() <= TERSE_LINE)
            })
    };
    if !blocks.iter().any(signal) {
        if let Some((r, at)) = mlist::find(&lower, false) {
            list_refusal_into(&mut p, r, notification.get(at).unwrap_or(""), None);
            return p;
        }
        if phrases::VACATION.iter().any(|v| lower.contains(v)) {
            p.kind = InputKind::AutoReply;
            p.records.push(Record { fixed_reason: Some("vacation"), diagnostic: vec![text::squeeze(text::truncate(notification, 200))], ..Default::default() });
        } else {
            p.kind = InputKind::NotABounce;
        }
        return p;
    }
    if is_smtp_reply(notification) {
        p.kind = InputKind::SmtpReply;
    } else if is_transcript(notification) {
        p.kind = InputKind::LogLine;
    }
    let with_rcpt: Vec<&Block> = blocks.iter().filter(|b| b.recipient.is_some() && signal(b)).collect();
    let use_blocks: Vec<&Block> = if with_rcpt.is_empty() { blocks.iter().filter(|b| signal(b)).take(1).collect() } else { with_rcpt };
    p.records = use_blocks.into_iter().map(record_from_block).collect();
    // a delay notice (the message is still queued), or a failure report (final), as an email's
    // subject and wording say in from_email
    let implicit = match (failure, delay) {
        _ if delay_only_wording(&flat) => Some("delayed"),
        (false, true) => Some("delayed"),
        (true, false) => Some("failed"),
        _ => None,
    };
    for rec in &mut p.records {
        rec.implicit_action = implicit;
    }
    if implicit == Some("delayed") {
        p.stated_retry = stated_retry(&lower);
    }
    // the copied original's header fields (Outlook's "Original Message Headers", a returned
    // message's headers), read as in an email's body
    p.original = rest.and_then(|r| original_from(&email::headers_after_marker(r), None));
    apply_format(&mut p);
    p
}

/// An SMTP session transcript: client commands (">>> RCPT TO") and server replies ("<<< 550").
fn is_transcript(t: &str) -> bool {
    let lines: Vec<&str> = t.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let marked = lines.iter().filter(|l| l.starts_with(">>>") || l.starts_with("<<<")).count();
    marked >= 2 && marked * 2 >= lines.len()
}

/// Every non-empty line starts with a reply code (a possibly multi-line SMTP reply).
fn is_smtp_reply(t: &str) -> bool {
    let lines: Vec<&str> = t.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    !lines.is_empty()
        && lines.len() <= 30
        && lines.iter().all(|l| {
            let b = l.as_bytes();
            b.len() >= 3 && b[..3].iter().all(u8::is_ascii_digit) && matches!(b.get(3), None | Some(b' ') | Some(b'-'))
        })
}

/// Chooses between the DSN Status: field and the code in the diagnostic text: the more
/// specific one, and the one whose class agrees with the reply code.
fn prefer_status(field: Option<&str>, in_text: Option<&str>, reply: Option<u16>) -> Option<String> {
    let (f, t) = match (field, in_text) {
        (None, None) => return None,
        (Some(f), None) => return Some(f.to_string()),
        (None, Some(t)) => return Some(t.to_string()),
        (Some(f), Some(t)) => (f, t),
    };
    if f == t {
        return Some(f.to_string());
    }
    if let Some(r) = reply {
        let rc = b'0' + (r / 100) as u8;
        let (fc, tc) = (f.as_bytes()[0], t.as_bytes()[0]);
        if fc != tc {
            if rc == fc {
                return Some(f.to_string());
            }
            if rc == tc {
                return Some(t.to_string());
            }
        }
    }
    // The code in the remote server's own words is the more telling one, unless it is a
    // general "X.Y.0" where the report's field is specific.
    let general = |c: &str| c.ends_with(".0") || c[1..].starts_with(".0.") || c[1..] == *".4.7";
    let says_nothing = |c: &str| c[1..] == *".0.0";
    if general(t) && !general(f) || says_nothing(t) && !says_nothing(f) {
        return Some(f.to_string());
    }
    Some(t.to_string())
}

fn temporary_words(l: &str) -> bool {
    // Exim's "retry timeout exceeded" and "all hosts have been failing for a long time":
    // a temporary error lasted until retrying stopped
    ["retry timeout exceeded", "failing for a long time", " temporar", " persistent", "try again later", "will be retried", "deferred"].iter().any(|w| text::contains(l, w))
}

/// The server's words without the SMTP code prefixes that multi-line replies repeat on
/// every line ("550-5.7.1 ... potential\n550-5.7.1 security issue"), as one line, so phrases
/// broken across reply lines read whole.
fn server_words(lines: &[String], reply: Option<u16>, status: Option<&str>) -> String {
    let mut out = String::new();
    let mut prev_reply_line = false;
    for l in lines {
        // transcript direction marks ("<<< 550-5.7.0 ...")
        let mut t = l.trim().trim_start_matches("<<<").trim_start();
        // a leading "550-" / "550 " and the status after it
        let b = t.as_bytes();
        let reply_line = b.len() > 4 && b[..3].iter().all(u8::is_ascii_digit) && matches!(b[3], b'-' | b' ');
        if reply_line {
            t = t[4..].trim_start();
            if let Some(h) = smtp::find_status(t).filter(|h| h.start == 0) {
                t = t[h.end..].trim_start();
            }
        }
        // lines of one multi-line reply continue each other; other lines stay apart so
        // no phrase is made up across them ("User Unknown" + "host mx..." is no "unknown host")
        if !out.is_empty() {
            out.push(if reply_line && prev_reply_line { ' ' } else { '\n' });
        }
        // a line that ends inside a multi-line reply ("host x said: 550-5.7.1 ... multiple")
        // is continued by the next reply line too
        prev_reply_line = reply_line || reply.is_some_and(|r| l.contains(&format!("{r}-")));
        out.push_str(t);
    }
    // words inside URLs ("http://.../reputation/...") are not the server's words
    let mut cleaned = String::with_capacity(out.len());
    for (i, part) in out.split(' ').enumerate() {
        if i > 0 {
            cleaned.push(' ');
        }
        // a URL counts by its host only ("www.spamhaus.org" names the list; the path's
        // words, "/reputation/", are not the server's words)
        // ("://" has no letters: no need to lower-case the word to find it)
        match text::find(part, "://") {
            Some(p) => {
                let host = &part[p + 3..];
                cleaned.push_str(&host[..host.find(['/', '?', '#']).unwrap_or(host.len())]);
            }
            None => cleaned.push_str(part),
        }
    }
    let mut out = cleaned;
    // prefixes left in the middle of unfolded fields ("... multiple 550-5.7.1 addresses")
    if let Some(r) = reply {
        let mut pats = Vec::new();
        if let Some(s) = status {
            pats.push(format!(" {r}-{s} "));
            pats.push(format!(" {r} {s} "));
        }
        pats.push(format!(" {r}-"));
        for p in pats {
            // (repeated until none is left: replacing one can leave the space that starts the
            // next; each pass is linear and removes at least half of those left)
            while out.contains(&p) {
                out = out.replace(&p, " ");
            }
        }
    }
    out
}

/// The input as text, for evidence look-ups. Look-ups start as plain scans; an input that
/// needs many of them (a report with thousands of recipients) gets an index, so the time
/// stays linear in its size.
struct Input<'a> {
    raw: &'a str,
    lookups: std::cell::Cell<usize>,
    /// Byte offsets where lines start, built when first needed.
    line_starts: std::cell::OnceCell<Vec<usize>>,
    /// Per lower-case address: where the first line naming it starts, and where its first
    /// Final-/Original-Recipient line starts; built when first needed.
    mentions: std::cell::OnceCell<(text::StrTable, text::StrTable)>,
    /// The provider the text names anywhere (its help links, its server names), looked for
    /// once when a recipient's own part names none; only in text without headers (an
    /// email's hosts and domains name its provider).
    provider: std::cell::OnceCell<Option<&'static crate::knowledge::Provider>>,
    headerless: bool,
}

/// How many look-ups an input gets by plain scans before it is indexed.
const SCANS_BEFORE_INDEX: usize = 16;

impl<'a> Input<'a> {
    fn new(raw: &'a str, headerless: bool) -> Input<'a> {
        Input { raw, lookups: Default::default(), line_starts: Default::default(), mentions: Default::default(), provider: Default::default(), headerless }
    }

    /// The provider named anywhere in the first 64 KB of a headerless input.
    fn provider(&self) -> Option<&'static crate::knowledge::Provider> {
        *self.provider.get_or_init(|| self.headerless.then(|| providers::by_phrase(&text::truncate(self.raw, 64 * 1024).lower())).flatten())
    }

    /// True once this input has had enough look-ups to be worth indexing.
    fn indexed(&self) -> bool {
        let n = self.lookups.get() + 1;
        self.lookups.set(n);
        n > SCANS_BEFORE_INDEX
    }

    /// 1-based line of byte offset `at`: one more than the line breaks before it.
    fn line_of(&self, at: usize) -> u32 {
        let at = at.min(self.raw.len());
        if !self.indexed() {
            return 1 + text::count_byte(&self.raw.as_bytes()[..at], b'\n') as u32;
        }
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0).chain(self.raw.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1)).collect()
        });
        starts.partition_point(|&s| s <= at) as u32
    }

    /// Where each address is named, by its line starts (see `mentions`).
    fn mentions(&self) -> &(text::StrTable, text::StrTable) {
        self.mentions.get_or_init(|| {
            let (mut first, mut fields) = (text::StrTable::default(), text::StrTable::default());
            let mut ls = 0;
            for line in self.raw.split_inclusive('\n') {
                if line.contains('@') {
                    let field = is_recipient_field(line);
                    for f in text::find_addresses(line) {
                        let a = f.addr.to_ascii_lowercase();
                        if field {
                            fields.insert_first(a.clone(), ls);
                        }
                        first.insert_first(a, ls);
                    }
                }
                ls += line.len();
            }
            (first, fields)
        })
    }
}

fn finish(rec: &Record, input: &Input<'_>, ctx: &explain::Context<'_>) -> Diagnosis {
    let diag_text = rec.diagnostic.join("\n");
    let context = &rec.context;
    let reply_found = smtp::find_reply(&diag_text, None);
    let status_in_text = smtp::find_status(&diag_text).map(|h| h.value);
    let field = rec.status_field.as_deref().filter(|s| smtp::find_status(s).is_some());
    let mut status = prefer_status(field, status_in_text.as_deref(), reply_found);
    let mut status_source = status.as_ref().map(|s| if Some(s.as_str()) == field { "dsn" } else { "text" });
    let mut reply = reply_found;
    if let (Some(s), Some(r)) = (status.as_deref(), reply) {
        let sc = s.as_bytes()[0];
        if sc != b'0' + (r / 100) as u8 {
            reply = smtp::find_reply(&diag_text, Some(sc));
        }
    }

    let remote = rec.remote_mta.as_deref().map(clean_host);
    let rdomain = rec.recipient.as_deref().and_then(|r| r.rsplit_once('@')).map(|(_, d)| d.to_ascii_lowercase());
    let lower_diag = diag_text.lower();
    // the server's words and the wider text, lower-cased once
    let lower_context = context.lower();
    // (the words are looked for in each of the two: no phrase runs across a line break)
    let in_either = |f: fn(&str) -> bool| f(&lower_diag) || f(&lower_context);
    let delay_words = in_either(delay_wording);
    let provider = remote
        .as_deref()
        .and_then(providers::by_host)
        .or_else(|| rdomain.as_deref().and_then(providers::by_domain))
        .or_else(|| providers::by_phrase(&lower_diag))
        // a provider's own notice names itself around the server's words (its help links)
        .or_else(|| providers::by_phrase(&lower_context))
        // or its own status code does ("5.7.520" is Microsoft's)
        .or_else(|| status.as_deref().and_then(status_codes::provider_of_code).and_then(providers::by_id))
        // or the rest of the report does ("Generating server: ....prod.outlook.com")
        .or_else(|| input.provider());

    // a delay notice's own wording counts as its Action
    let delay_notice = rec.action.as_deref().or(rec.implicit_action) == Some("delayed");
    let (reason, decision) = if let Some(r) = rec.fixed_reason {
        (r, None)
    } else {
        let delayed = rec.action.as_deref() == Some("delayed") || delay_words;
        let words = server_words(&rec.diagnostic, reply, status.as_deref());
        let d = classify::decide(&Facts {
            sender_named: rec.sender_named,
            final_report: !delayed,
            diagnostic: &words,
            context: &lower_context,
            status: status.as_deref(),
            reply,
            action: if delay_notice { Some("delayed") } else { rec.action.as_deref() },
            command: rec.command.as_deref(),
            diagnostic_type: rec.diagnostic_type.as_deref(),
        });
        (d.reason, Some(d))
    };
    let mut reason = reason;
    let mut confidence = decision.as_ref().map_or(0.9, |d| d.confidence);
    let mut provider_info = provider.map(|p| ProviderInfo {
        id: p.id.into(),
        name: p.name.into(),
        code: None,
        code_meaning: None,
        docs_url: p.docs_url.map(str::to_string),
    });
    if let Some(p) = provider {
        if let (Some(&(_, _, r)), None) = (
            phrases::PROVIDER_PHRASES.iter().find(|(id, pat, _)| *id == p.id && classify::glob_find(&lower_diag, pat).is_some()),
            rec.fixed_reason,
        ) {
            reason = r;
        }
        let code = providers::find_code_in(p.id, &diag_text).or_else(|| providers::find_code_in(p.id, context));
        if let Some((c, found)) = code {
            if let Some(pi) = provider_info.as_mut() {
                pi.code = Some(found.into());
                pi.code_meaning = Some(c.meaning.into());
                if let Some(u) = c.docs_url {
                    pi.docs_url = Some(u.into());
                }
            }
            if let (Some(r), None) = (c.reason, rec.fixed_reason) {
                reason = r;
                confidence = confidence.max(0.85);
            }
        } else if let Some(ps) = status.as_deref().and_then(|s| status_codes::provider_meaning(p.id, s)) {
            if let (Some(r), None) = (ps.reason, rec.fixed_reason) {
                // A provider's own X.7.X policy codes (Gmail's 4.7.2x, Microsoft's 5.7.5xx-7xx)
                // each name one cause, which the reply's words only describe: the code decides.
                // Codes it reuses for several causes (Gmail's 5.2.1: a disabled account, or a
                // recipient receiving too fast) decide only when the words say nothing definite.
                if classify::has_subject(Some(ps.status), ".7.") || decision.as_ref().is_some_and(classify::Decision::is_weak) {
                    reason = r;
                }
            }
        }
    }

    // codes of non-failures are not reported (sisimai's convention for feedback/vacation)
    if matches!(reason, "feedback" | "vacation") {
        status = None;
        status_source = None;
        reply = None;
    }
    let temporary = reply.is_some_and(|r| r / 100 == 4) || in_either(temporary_words);
    let permanent_hint = reply.is_some_and(|r| r / 100 == 5) || in_either(|l| text::contains(l, "permanent"));
    if status.is_none() && !matches!(reason, "feedback" | "vacation") {
        let from = classify::pseudo_reason(reason, ctx.format, rec.command.as_deref());
        status = classify::pseudo_status(from, temporary && !permanent_hint || delay_notice);
        status_source = status.as_ref().map(|_| "pseudo");
    }
    let class = status.as_deref().and_then(smtp::class_of_status).or_else(|| reply.map(|r| b'0' + (r / 100) as u8));
    // What happened to this recipient: the report's own Action; else a bounce email means
    // failed; else (a pasted reply, a log line) a 5xx failed and a 4xx is deferred and retried.
    let action: Option<String> = rec.action.clone().or_else(|| rec.implicit_action.map(str::to_string)).or_else(|| match class {
        _ if delay_words => Some("delayed".into()),
        Some(b'5') => Some("failed".into()),
        Some(b'4') => Some(if permanent_hint && !temporary { "failed" } else { "delayed" }.into()),
        _ => None,
    });
    let delayed = action.as_deref() == Some("delayed");
    let permanent = match (reason, class) {
        ("delivered" | "feedback" | "vacation", _) => None,
        _ if delayed => Some(false),
        ("expired", _) => Some(true),
        (_, Some(b'5')) => Some(true),
        (_, Some(b'4')) => Some(action.as_deref() == Some("failed") && !temporary),
        _ => None,
    };
    let hard_bounce = match reason {
        "userunknown" | "hostunknown" | "hasmoved" => true,
        "notaccept" => class != Some(b'4'),
        _ => false,
    };

    let (mut flags, auth) = classify::details(&diag_text);
    flags.extend(rec.flag.map(String::from));
    classify::rule_out(reason, &mut flags);
    let blocklist = blocklists::find(&diag_text);
    if let Some(b) = &blocklist {
        flags.push(if b.query_refused { "blocklist_query_refused".into() } else { "blocklist".into() });
    }

    // evidence: fields and lines that decided, located in the input
    let mut evidence: Vec<Evidence> = Vec::new();
    let from = recipient_start(input, rec.recipient.as_deref());
    for (t, why) in &rec.evidence {
        push_evidence(&mut evidence, input, from, t, why);
    }
    let phrase = decision.as_ref().and_then(|d| d.phrase);
    for l in rec.diagnostic.iter().take(6) {
        let why = match phrase {
            Some(p) if classify::glob_find(&l.lower(), p).is_some() => "the server's words that decided the reason",
            _ => "the server's reply",
        };
        push_evidence(&mut evidence, input, from, l, why);
    }
    if let (Some(p), Some(d)) = (phrase, decision.as_ref()) {
        if d.by == "context" {
            if let Some(l) = rec.context.split('\n').find(|l| classify::glob_find(&l.lower(), p).is_some()) {
                push_evidence(&mut evidence, input, from, l, "wording in the bounce that decided the reason");
            }
        }
    }

    let mut d = Diagnosis {
        recipient: rec.recipient.clone(),
        action,
        reply_code: reply,
        status,
        status_source: status_source.map(str::to_string),
        hard_bounce,
        permanent,
        flags,
        auth,
        blocklist,
        provider: provider_info,
        command: rec.command.clone(),
        remote_mta: remote,
        diagnostic_text: (!diag_text.trim().is_empty()).then(|| smtp::join_reply(&text::squeeze(&diag_text))),
        evidence,
        confidence,
        ..Diagnosis::blank(reason)
    };
    explain::explain(&mut d, ctx);
    d
}

/// A host name from a Remote-MTA value or a text mention: "dns; mx.example.jp [192.0.2.1]"
/// becomes "mx.example.jp".
fn clean_host(h: &str) -> String {
    let h = h.rsplit(';').next().unwrap_or(h).trim();
    let first = h.split_whitespace().next().unwrap_or(h);
    first.trim_matches(|c| c == '[' || c == ']' || c == '(' || c == ')' || c == '<' || c == '>' || c == '.').to_ascii_lowercase()
}

/// Adds `t` as evidence, with its line and byte span in `raw` when it is there: verbatim,
/// or with different whitespace (a folded field is unfolded in `t`, so its span in `raw`
/// runs over the fold).
fn push_evidence(ev: &mut Vec<Evidence>, input: &Input<'_>, from: usize, t: &str, why: &str) {
    let raw = input.raw;
    let t = t.trim();
    if t.is_empty() || ev.iter().any(|e| e.text == t) {
        return;
    }
    // this recipient's part of the input first (another recipient may have the same line);
    // an input with many look-ups is searched only near the recipient, so that thousands of
    // recipients do not each search all of it
    let (lo, hi) = if input.indexed() {
        (from.saturating_sub(NEAR_RECIPIENT), (from + NEAR_RECIPIENT).min(raw.len()))
    } else {
        (0, raw.len())
    };
    let (lo, hi) = (floor_boundary(raw, lo), floor_boundary(raw, hi));
    let found = locate(&raw[from..hi], t).map(|(s, e)| (from + s, from + e)).or_else(|| if from > lo { locate(&raw[lo..hi], t).map(|(s, e)| (lo + s, lo + e)) } else { None });
    let (line, start, end) = match found {
        Some((s, e)) => (Some(input.line_of(s)), Some(s as u32), Some(e as u32)),
        None => (None, None, None),
    };
    // (the words as the input writes them where it has typographic apostrophes that the
    // reading made plain: the evidence reads like what it points at)
    let text = match found {
        Some((s, e)) if raw[s..e].contains(['\u{2019}', '\u{2018}']) => text::squeeze(&raw[s..e]),
        _ => t.to_string(),
    };
    ev.push(Evidence { text, why: why.to_string(), line, start, end });
}

/// How far from a recipient's start its evidence is looked for, once an input is indexed.
const NEAR_RECIPIENT: usize = 16 * 1024;

/// The largest char boundary of `s` at or before `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Where `t` is in `raw`: verbatim, or whitespace-blind from its first word.
fn locate(raw: &str, t: &str) -> Option<(usize, usize)> {
    raw.find(t).map(|s| (s, s + t.len())).or_else(|| {
        // the start up to its first whitespace run, then walk both texts whitespace-blind
        let head = text::truncate(&t[..t.find(char::is_whitespace).unwrap_or(t.len())], 40);
        let mut from = 0;
        while let Some(p) = raw[from..].find(head) {
            let s = from + p;
            if let Some(e) = span_ignoring_space(&raw[s..], t) {
                return Some((s, s + e));
            }
            from = s + head.len().max(1);
        }
        None
    })
}

/// Where this recipient's part of the input starts: its Final-Recipient (or
/// Original-Recipient) line, else its first mention; 0 when it is not named.
fn recipient_start(input: &Input<'_>, recipient: Option<&str>) -> usize {
    let Some(r) = recipient.filter(|r| !r.is_empty()) else { return 0 };
    if input.indexed() {
        let (first, fields) = input.mentions();
        let r = r.to_ascii_lowercase();
        if let Some(at) = fields.get(&r).or_else(|| first.get(&r)) {
            return at;
        }
    }
    let raw = input.raw;
    let mut first = None;
    let mut at = 0;
    while let Some(pos) = find_ascii_ci(raw, r, at) {
        let ls = raw[..pos].rfind('\n').map_or(0, |x| x + 1);
        if is_recipient_field(&raw[ls..pos]) {
            return ls;
        }
        first.get_or_insert(ls);
        at = pos + r.len();
    }
    first.unwrap_or(0)
}

/// The line (or its start) is a DSN Final-Recipient or Original-Recipient field, any case.
fn is_recipient_field(line: &str) -> bool {
    let t = line.trim_start().as_bytes();
    let starts = |p: &str| t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()));
    starts("final-recipient") || starts("original-recipient")
}

/// The first place from `from` where `needle` stands in `hay`, ASCII case ignored. An
/// address is looked for at the `@` bytes (rare in text, found fast) rather than at every
/// byte.
fn find_ascii_ci(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(k) = n.iter().position(|&b| b == b'@') else {
        return hay[from..].to_ascii_lowercase().find(&needle.to_ascii_lowercase()).map(|p| from + p);
    };
    let mut q = from + k;
    // (an `@` is a character of its own: the search may start at the next boundary)
    while q < h.len() && !hay.is_char_boundary(q) {
        q += 1;
    }
    while let Some(p) = hay.get(q..).and_then(|t| t.find('@')) {
        let s = q + p - k;
        if h.get(s..s + n.len()).is_some_and(|w| w.eq_ignore_ascii_case(n)) {
            return Some(s);
        }
        q += p + 1;
    }
    None
}

/// When `hay` starts with `t` up to whitespace (any run of whitespace in one matching any
/// run in the other), the byte length of the match in `hay`.
fn span_ignoring_space(hay: &str, t: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), t.as_bytes());
    let (mut i, mut j) = (0, 0);
    while j < n.len() {
        if n[j].is_ascii_whitespace() {
            // (the input's spaces may be no-break spaces that the reading made plain)
            if text::space_len(h, i) == 0 {
                return None;
            }
            while j < n.len() && n[j].is_ascii_whitespace() {
                j += 1;
            }
            while text::space_len(h, i) > 0 {
                i += text::space_len(h, i);
            }
            continue;
        }
        // (and its apostrophes typographic ones)
        if n[j] == b'\'' && text::apostrophe_len(h, i) > 0 {
            i += text::apostrophe_len(h, i);
            j += 1;
            continue;
        }
        if i >= h.len() || h[i] != n[j] {
            return None;
        }
        i += 1;
        j += 1;
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retrying_until_given_up_is_temporary_wording() {
        assert!(temporary_words("all hosts have been failing for a long time and were last tried after this message arrived"));
        assert!(temporary_words("retry timeout exceeded"));
        assert!(!temporary_words("550 5.1.1 user unknown"));
    }

    #[test]
    fn prefers_specific_status() {
        assert_eq!(prefer_status(Some("5.0.0"), Some("5.1.1"), Some(550)).as_deref(), Some("5.1.1"));
        assert_eq!(prefer_status(Some("5.1.1"), Some("5.0.0"), Some(550)).as_deref(), Some("5.1.1"));
        assert_eq!(prefer_status(Some("4.4.1"), Some("5.1.1"), Some(550)).as_deref(), Some("5.1.1"));
        assert_eq!(prefer_status(Some("4.4.7"), Some("4.4.2"), None).as_deref(), Some("4.4.2"));
        assert_eq!(prefer_status(Some("5.1.1"), Some("5.7.1"), Some(550)).as_deref(), Some("5.7.1"));
        assert_eq!(prefer_status(Some("5.2.2"), Some("5.2.0"), Some(552)).as_deref(), Some("5.2.2"));
        // "X.0.0" says only the class: the report's field says more
        assert_eq!(prefer_status(Some("4.5.0"), Some("4.0.0"), Some(451)).as_deref(), Some("4.5.0"));
        assert_eq!(prefer_status(Some("5.0.0"), Some("5.3.0"), Some(550)).as_deref(), Some("5.3.0"));
        assert_eq!(prefer_status(None, None, None), None);
    }

    #[test]
    fn multi_line_replies_read_whole() {
        let lines = vec!["552-5.7.0 This message was blocked because its content presents a potential".to_string(), "552-5.7.0 security issue.".to_string()];
        assert_eq!(server_words(&lines, Some(552), Some("5.7.0")), "This message was blocked because its content presents a potential security issue.");
        let one = vec!["550-5.7.1 Messages with multiple 550-5.7.1 addresses in From: header".to_string()];
        assert_eq!(server_words(&one, Some(550), Some("5.7.1")), "Messages with multiple addresses in From: header");
    }

    #[test]
    fn evidence_spans_folded_lines() {
        let raw = "Status: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 <a@b.c>:\n    Recipient address rejected\n";
        let mut ev = Vec::new();
        push_evidence(&mut ev, &Input::new(raw, true), 0, "Diagnostic-Code: smtp; 550 5.1.1 <a@b.c>: Recipient address rejected", "x");
        let (s, e) = (ev[0].start.unwrap() as usize, ev[0].end.unwrap() as usize);
        assert_eq!(&raw[s..e], "Diagnostic-Code: smtp; 550 5.1.1 <a@b.c>:\n    Recipient address rejected");
        assert_eq!(ev[0].line, Some(2));
    }

    #[test]
    fn smtp_reply_detection() {
        assert!(is_smtp_reply("550-5.7.1 a\n550 5.7.1 b"));
        assert!(!is_smtp_reply("Address not found\n550 5.1.1"));
    }

    #[test]
    fn finds_addresses_ignoring_ascii_case() {
        assert_eq!(find_ascii_ci("to: A@Example.JP, a@example.jp", "a@example.jp", 0), Some(4));
        assert_eq!(find_ascii_ci("to: A@Example.JP, a@example.jp", "a@example.jp", 5), Some(18));
        assert_eq!(find_ascii_ci("é@é a@b.c", "é@é", 1), None);
        assert_eq!(find_ascii_ci("x User Unknown", "user unknown", 0), Some(2));
    }

    #[test]
    fn host_cleanup() {
        assert_eq!(clean_host("dns; MX.example.jp [192.0.2.1]"), "mx.example.jp");
        assert_eq!(clean_host("[192.0.2.1]"), "192.0.2.1");
    }
}

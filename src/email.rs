//! A bounce email, read with mail-parser into what the diagnosis needs: the top-level
//! headers, the human-readable notification text, the machine-readable report parts
//! (message/delivery-status, message/feedback-report) and the headers of the returned
//! original message.

use crate::text;
use mail_parser::decoders::base64::base64_decode;
use mail_parser::{Encoding, HeaderName, MessagePart, MessageParser, MimeHeaders, PartType};
use std::borrow::Cow;

/// Upper bound on MIME parts looked at; the rest are skipped (10,000 nested parts must not
/// cost more than reading them once).
const MAX_PARTS: usize = 2000;
/// Upper bound on the notification text kept (the human part of a bounce is short; an
/// attached original can be huge). A longer one is cut, with a note.
const MAX_NOTIFICATION: usize = 4 * 1024 * 1024;

/// The MIME parser: Content-Type and Content-Disposition (what the parts are and which are
/// attachments) and Subject parsed; every other header skipped unparsed, Content-ID,
/// -Description and -Location included (parsing Received and the rest costs time for nothing
/// here, and nothing here reads those). The raw text of every header
/// is still there (`headers_raw` reads it by offsets), and a skipped header ends at its line's
/// end. (Date and address fields are not parsed either: the date parser ran past a zone it did
/// not know, "UT", into the next field, which then went missing.)
/// Content-Transfer-Encoding is skipped too, so that the parser decodes no part: a part's
/// base64 or quoted-printable is undone here, for the parts that are read ([`body_of`],
/// [`text_of`]); the HTML copy of a notification and the attachments are mostly not.
fn parser() -> &'static MessageParser {
    static P: std::sync::OnceLock<MessageParser> = std::sync::OnceLock::new();
    P.get_or_init(|| MessageParser::new().header_content_type(HeaderName::ContentType).header_content_type(HeaderName::ContentDisposition).header_text(HeaderName::Subject).default_header_ignore())
}

/// How `part`'s body is transfer-encoded, from its raw Content-Transfer-Encoding field
/// (`raw` is the message the part's offsets point into).
fn transfer_encoding(part: &MessagePart<'_>, raw: &[u8]) -> Encoding {
    let Some(h) = part.headers.iter().find(|h| h.name == HeaderName::ContentTransferEncoding) else {
        return Encoding::None;
    };
    let v = raw.get(h.offset_start as usize..h.offset_end as usize).unwrap_or_default().trim_ascii();
    if v.eq_ignore_ascii_case(b"base64") {
        Encoding::Base64
    } else if v.eq_ignore_ascii_case(b"quoted-printable") {
        Encoding::QuotedPrintable
    } else {
        Encoding::None
    }
}

/// `part`'s body bytes (`body`, as the parser gave them) with the transfer encoding undone.
fn body_of<'a>(part: &MessagePart<'_>, raw: &[u8], body: &'a [u8]) -> Cow<'a, [u8]> {
    undo_transfer(transfer_encoding(part, raw), body)
}

/// `body` with transfer encoding `enc` undone; as it is when that is none or cannot be undone
/// (as a reader shows a broken part).
fn undo_transfer(enc: Encoding, body: &[u8]) -> Cow<'_, [u8]> {
    let decoded = match enc {
        Encoding::None => None,
        Encoding::Base64 => base64_decode(body),
        Encoding::QuotedPrintable => Some(text::quoted_printable(body)),
    };
    decoded.map_or(Cow::Borrowed(body), Cow::Owned)
}

/// The text of a text part: the parser's own (`parsed`) when the part has no transfer
/// encoding and a charset it decodes; else its body decoded here.
fn text_of<'a>(part: &MessagePart<'_>, raw: &[u8], parsed: &'a str) -> Cow<'a, str> {
    let cs = part.content_type().and_then(|c| c.attribute("charset"));
    let enc = transfer_encoding(part, raw);
    if enc == Encoding::None && !cs.is_some_and(crate::charset::needs_platform) {
        return Cow::Borrowed(parsed);
    }
    // (an encoded body is ASCII, which the parser's charset decoding left as it was; else
    // the body is read again from the message)
    let body = if parsed.is_ascii() {
        parsed.as_bytes()
    } else {
        match raw.get(part.offset_body as usize..part.offset_end as usize) {
            Some(b) => b,
            None => return Cow::Borrowed(parsed),
        }
    };
    Cow::Owned(crate::charset::decode(cs, &undo_transfer(enc, body)))
}

/// A header as name (lower case) and unfolded value.
pub type Header = (String, String);

#[derive(Debug, Default, Clone)]
pub struct Mail {
    pub headers: Vec<Header>,
    /// The decoded human-readable text of the bounce, cut before any copy of the original.
    pub notification: String,
    /// [`text::lower`]`(notification)`.
    pub notification_lower: String,
    /// Bodies of message/delivery-status (and message/global-delivery-status) parts.
    pub dsn: Vec<String>,
    /// Body of a message/feedback-report part (ARF).
    pub feedback: Option<String>,
    /// Headers of the returned original message (from message/rfc822, text/rfc822-headers or
    /// the text after an "original message follows" marker).
    pub original_headers: Vec<Header>,
    /// Top-level content type, lower case ("multipart/report").
    pub content_type: String,
    /// `report-type` parameter of a multipart/report.
    pub report_type: Option<String>,
    pub subject: Option<String>,
    /// Decoded Subject of the returned original message.
    pub original_subject: Option<String>,
    /// An attached message that is itself a bounce (a bounce forwarded as an attachment,
    /// or a report that wraps another one), as raw bytes.
    pub attached_bounce: Option<Vec<u8>>,
    pub notes: Vec<String>,
}

impl Mail {
    /// First value of header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    pub fn original_header(&self, name: &str) -> Option<&str> {
        find_header(&self.original_headers, name)
    }
}

pub fn find_header<'a>(h: &'a [Header], name: &str) -> Option<&'a str> {
    h.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// True when `s` starts like an RFC 5322 message: the first line is a header field and most
/// of the first lines before the blank line are header fields (or their continuations),
/// including one commonly found at the top of a mail.
pub fn looks_like_email(s: &str) -> bool {
    let s = s.trim_start_matches(['\u{feff}', '\n', '\r']);
    // mbox "From " separator line
    let s = if s.starts_with("From ") { s.split_once('\n').map_or("", |x| x.1) } else { s };
    let mut fields = 0;
    let mut known = 0;
    for (i, line) in s.lines().take(40).enumerate() {
        if line.trim().is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            if i == 0 {
                return false;
            }
            continue;
        }
        match header_name(line) {
            Some(n) => {
                fields += 1;
                if KNOWN_TOP.iter().any(|k| n.eq_ignore_ascii_case(k)) {
                    known += 1;
                }
            }
            None => {
                if i == 0 {
                    return false;
                }
                return fields >= 3 && known >= 2;
            }
        }
    }
    fields >= 2 && known >= 1
}

const KNOWN_TOP: &[&str] = &[
    "from", "to", "subject", "date", "received", "return-path", "message-id", "mime-version",
    "content-type", "delivered-to", "x-original-to", "auto-submitted", "x-failed-recipients",
    "reply-to", "sender", "cc", "envelope-to", "x-mailer", "dkim-signature", "authentication-results",
];

/// The field name of a header line ("Name: value"), if the line is one.
pub fn header_name(line: &str) -> Option<&str> {
    let colon = line.bytes().position(|b| b == b':')?;
    let name = &line[..colon];
    if name.is_empty() || name.len() > 76 {
        return None;
    }
    name.bytes().all(|b| b.is_ascii_graphic() && b != b':').then_some(name)
}

/// Reads raw header lines ("Name: value" with folded continuations) from the start of
/// `s` until a blank line or a line that is not a header. Values are unfolded.
pub fn parse_header_block(s: &str) -> Vec<Header> {
    let mut out: Vec<Header> = Vec::new();
    for line in s.lines() {
        if line.trim().is_empty() {
            if out.is_empty() {
                continue;
            }
            break;
        }
        if line.starts_with([' ', '\t']) {
            if let Some(last) = out.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
                continue;
            }
            break;
        }
        match header_name(line) {
            Some(n) => {
                let v = line[n.len() + 1..].trim().to_string();
                out.push((n.to_ascii_lowercase(), v));
            }
            None => break,
        }
    }
    out
}

/// Markers after which a bounce carries a copy of the original message (lower case; the
/// line may frame them with dashes).
/// Sources: the bounce texts of Exim, qmail, Postfix, Sendmail, Courier, OpenSMTPD, Gmail,
/// Exchange, Lotus Notes/Domino and others as found in public bounce samples.
const ORIGINAL_MARKERS: &[&str] = &[
    "this is a copy of the message",
    "below this line is a copy of the message",
    "below is a copy of the original message",
    "original message follows",
    "original message is attached",
    "original message headers",
    "original message",
    "message header follows",
    "returned message",
    "the original message was:",
    "the headers of your message",
    "headers of the original message",
    "unsent message below",
    "included is a copy of the original",
    "included is a copy of the message header",
    "the header of the original message is following.",
    "original mail follows",
    "copy of original message",
    "content-type: message/rfc822",
    "below this line is the original message",
    "your message reads (in part)",
    "the text you sent follows",
    "original mail",
    "元のメッセージ",
    "原メッセージ",
];

/// Splits a notification body at the start of a copied original message. Returns the
/// notification part and, when found, the text from the marker on.
pub fn split_original(body: &str) -> (&str, Option<&str>) {
    split_original_lower(body, &text::lower(body))
}

/// [`split_original`] when the caller has `lower` = [`text::lower`]`(body)` at hand (it keeps
/// byte offsets; the markers are ASCII or CJK, matched alike in either lower-casing).
pub fn split_original_lower<'a>(body: &'a str, lower: &str) -> (&'a str, Option<&'a str>) {
    // the markers are matched in one pass
    // the first marker that stands as a line of its own
    let cut = crate::tagged!(plain ORIGINAL_MARKERS).find_map(lower, |p| {
        let ls = lower[..p].rfind('\n').map_or(0, |x| x + 1);
        let le = lower[p..].find('\n').map_or(lower.len(), |x| p + x);
        let l = lower[ls..le].trim();
        let core = l.trim_matches(|c: char| !crate::text::is_wordish(c));
        let framed = l.starts_with(['-', '=', '*', '_']) || l.ends_with(['-', '=', ':']);
        // the marker itself, maybe framed by dashes and a few words; not prose
        let m_len = ORIGINAL_MARKERS.iter().filter(|m| text::contains(core, m)).map(|m| m.len()).max().unwrap_or(0);
        (l.len() >= 8 && (framed || core.len() <= m_len + 12)).then_some(ls)
    });
    let cut = cut.unwrap_or(body.len());
    // a copied header block before any marker
    let head = &body[..cut];
    let mut pos = 0;
    for (i, line) in head.split_inclusive('\n').enumerate() {
        if i > 0 && line.contains(':') && starts_header_run(head[pos..].split_inclusive('\n')) {
            return (&body[..pos], Some(&body[pos..]));
        }
        pos += line.len();
    }
    if cut < body.len() {
        return (&body[..cut], Some(&body[cut..]));
    }
    (body, None)
}

/// Header fields that start a copied message (lower case).
const ORIGINAL_FIELDS: &[&str] = &[
    "received", "dkim-signature", "return-path", "message-id", "x-received", "received-spf",
    "arc-seal", "arc-message-signature", "arc-authentication-results", "authentication-results",
    "mime-version", "x-google-dkim-signature", "x-gm-message-state", "domainkey-signature",
];

/// `lines`: the lines from the one to test on.
fn starts_header_run<'a>(lines: impl Iterator<Item = &'a str>) -> bool {
    let mut fields = 0;
    let mut strong = false;
    for l in lines.take(12) {
        let l = l.trim_end();
        if l.starts_with([' ', '\t']) && fields > 0 {
            continue;
        }
        match header_name(l) {
            Some(n) if !n.contains(' ') => {
                fields += 1;
                strong |= ORIGINAL_FIELDS.iter().any(|f| n.eq_ignore_ascii_case(f));
                if fields >= 3 {
                    return strong;
                }
            }
            _ => return false,
        }
    }
    false
}

/// Headers in the text after an original-message marker (skipping the marker line and
/// blank lines; tolerates a few non-header lines such as "> " quoting).
pub fn headers_after_marker(rest: &str) -> Vec<Header> {
    let mut lines = rest.lines();
    lines.next(); // the marker
    let mut offset = rest.find('\n').map_or(rest.len(), |p| p + 1);
    for line in lines.by_ref().take(6) {
        if header_name(line).is_some() && !line.starts_with([' ', '\t']) {
            break;
        }
        offset += line.len() + 1;
    }
    parse_header_block(rest.get(offset..).unwrap_or(""))
}

/// The header fields of a parsed message as (lower-case name, unfolded value), read from the
/// message's own bytes: the name as written, not mail-parser's spelling of it (which would
/// bring its table of header names into the wasm module for nothing).
fn headers_of(m: &mail_parser::Message<'_>) -> Vec<Header> {
    let raw = m.raw_message.as_ref();
    let headers = m.parts.first().map_or(&[][..], |p| &p.headers[..]);
    headers
        .iter()
        .filter_map(|h| {
            let name = raw.get(h.offset_field as usize..h.offset_start as usize)?;
            let name = name[..name.iter().position(|&b| b == b':').unwrap_or(name.len())].trim_ascii();
            let value = std::str::from_utf8(raw.get(h.offset_start as usize..h.offset_end as usize)?).ok()?;
            Some((String::from_utf8_lossy(name).to_ascii_lowercase(), unfold(value)))
        })
        .collect()
}

/// Parses a whole email.
pub fn parse(raw: &[u8]) -> Mail {
    let mut mail = Mail::default();
    let Some(msg) = parser().parse(raw) else {
        mail.notes.push("could not read the email structure; read as plain text".into());
        mail.notification = text::normalize_newlines(&text::decode_lossless(raw));
        mail.notification_lower = text::lower(&mail.notification);
        return mail;
    };
    mail.headers = headers_of(&msg);
    mail.subject = msg.subject().map(|s| s.to_string());
    if let Some(ct) = msg.content_type() {
        mail.content_type = format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or("")).to_ascii_lowercase();
        mail.report_type = ct.attribute("report-type").map(|s| s.to_ascii_lowercase());
    }

    let mut plain = String::new();
    // HTML parts, turned into text only when there is no plain text
    let mut html_parts: Vec<(&MessagePart<'_>, &str)> = Vec::new();
    // (set when some of the text is left unread for its size)
    let mut cut = false;
    let nparts = msg.parts.len();
    if nparts > MAX_PARTS {
        mail.notes.push(format!("the email has {nparts} MIME parts; only the first {MAX_PARTS} were read"));
    }
    for part in msg.parts.iter().take(MAX_PARTS) {
        let (ctype, sub) = part
            .content_type()
            .map(|c| (c.ctype().to_ascii_lowercase(), c.subtype().unwrap_or("").to_ascii_lowercase()))
            .unwrap_or_else(|| ("text".into(), "plain".into()));
        // (an attached message in base64 or quoted-printable, which the parser read as it
        // is, is read once decoded)
        match &part.body {
            PartType::Text(t) => {
                let t = text_of(part, raw, t);
                if sub == "rfc822-headers" || sub == "rfc822" {
                    if mail.original_headers.is_empty() {
                        mail.original_headers = parse_header_block(&t);
                    }
                } else if sub.contains("delivery-status") {
                    mail.dsn.push(t.into_owned());
                } else if plain.len() < MAX_NOTIFICATION {
                    plain.push_str(&t);
                    plain.push('\n');
                } else {
                    cut = true;
                }
            }
            PartType::Html(h) => html_parts.push((part, h)),
            PartType::Binary(b) | PartType::InlineBinary(b) => {
                // (decoded only when used: attachments are skipped unread)
                let body = || text::decode_lossless(&body_of(part, raw, b));
                if ctype == "message" && sub.contains("delivery-status") {
                    mail.dsn.push(body());
                } else if ctype == "message" && sub == "feedback-report" {
                    mail.feedback = Some(body());
                } else if ctype == "message" && (sub == "rfc822-headers" || sub == "rfc822") {
                    if mail.original_headers.is_empty() {
                        mail.original_headers = parse_header_block(&body());
                    }
                } else if (ctype == "text" || ctype == "multipart") && plain.len() < MAX_NOTIFICATION {
                    // (a multipart whose boundary parameter was lost to broken folding comes
                    // as one opaque body: its text is still the report)
                    let text = (ctype == "multipart").then(|| opaque_multipart_text(&body_of(part, raw, b))).flatten();
                    plain.push_str(&text.unwrap_or_else(body));
                    plain.push('\n');
                } else if ctype == "text" || ctype == "multipart" {
                    cut = true;
                }
            }
            PartType::Message(m) => {
                // (a message in base64 or quoted-printable, against RFC 2046 but seen, is read
                // once decoded)
                let enc = transfer_encoding(part, raw);
                let decoded = (enc != Encoding::None).then(|| undo_transfer(enc, m.raw_message()).into_owned());
                let reparsed = decoded.as_deref().and_then(|d| parser().parse(d));
                let m = reparsed.as_ref().unwrap_or(m);
                if mail.attached_bounce.is_none() && is_bounce_message(m) {
                    mail.attached_bounce = Some(m.raw_message().to_vec());
                }
                if mail.original_headers.is_empty() {
                    mail.original_headers = headers_of(m);
                    mail.original_subject = m.subject().map(str::to_string);
                }
            }
            PartType::Multipart(_) => {}
        }
    }
    let body = if plain.trim().is_empty() {
        let mut html = String::new();
        for (part, h) in &html_parts {
            if html.len() < MAX_NOTIFICATION {
                html.push_str(&html_to_text(&text_of(part, raw, h)));
                html.push('\n');
            } else {
                cut = true;
            }
        }
        html
    } else {
        plain
    };
    let mut body = if body.contains('\r') { text::normalize_newlines(&body) } else { body };
    // (no-break spaces and the like as plain spaces, as in pasted text)
    if let std::borrow::Cow::Owned(b) = text::plain_chars(&body) {
        body = b;
    }
    // a bounce forwarded inline, quoted line by line
    if let Some(u) = text::unquote(&body) {
        body = u;
    }
    // DSN fields written into the body of a bounce that has no delivery-status part (or
    // whose MIME structure broke) may stand after what looks like the copied original
    let mut lower = text::lower(&body);
    if mail.dsn.is_empty() && crate::dsn::looks_like_dsn_lower(&lower) {
        mail.dsn.push(body.clone());
    }
    let (notification, rest) = split_original_lower(&body, &lower);
    if mail.original_headers.is_empty() {
        if let Some(rest) = rest {
            mail.original_headers = headers_after_marker(rest);
        }
    }
    // (the notification is a start of the body: the body cut to it)
    let keep = text::truncate(notification, MAX_NOTIFICATION).len();
    if cut || keep < notification.len() {
        mail.notes.push(format!("the bounce's text is longer than {} MB; only its first {} MB were read", MAX_NOTIFICATION >> 20, MAX_NOTIFICATION >> 20));
    }
    body.truncate(keep);
    lower.truncate(keep);
    mail.notification = body;
    mail.notification_lower = lower;
    if mail.original_subject.is_none() {
        mail.original_subject = mail.original_header("subject").map(decode_words);
    }
    mail
}

/// Decodes RFC 2047 encoded words in a header value (via mail-parser's header parser).
pub fn decode_words(v: &str) -> String {
    if !v.contains("=?") {
        return v.to_string();
    }
    let raw = format!("Subject: {v}\r\n\r\n");
    parser()
        .parse_headers(raw.as_bytes())
        .and_then(|m| m.subject().map(str::to_string))
        .unwrap_or_else(|| v.to_string())
}

/// What a person sees of an email in webmail: the decoded text parts (HTML turned into
/// text when there is no plain part), without headers or attachments. Used to measure
/// paste mode.
pub fn visible_text(raw: &[u8]) -> String {
    let Some(msg) = parser().parse(raw) else {
        return text::decode_lossless(raw);
    };
    text::normalize_newlines(&text_parts(&msg, raw, true))
}

/// The decoded text/plain parts of a parsed message (`raw`), else its HTML parts as text.
/// `reopen`: also read multiparts whose boundary was lost (one level deep: the parts of a
/// reopened multipart are not reopened again, so crafted nesting cannot recurse).
fn text_parts(msg: &mail_parser::Message<'_>, raw: &[u8], reopen: bool) -> String {
    let mut plain = String::new();
    let mut html = String::new();
    for part in msg.parts.iter().take(MAX_PARTS) {
        let sub = part.content_type().and_then(|c| c.subtype()).unwrap_or("plain").to_ascii_lowercase();
        match &part.body {
            PartType::Text(t) if sub == "plain" || part.content_type().is_none() => {
                plain.push_str(&text_of(part, raw, t));
                plain.push('\n');
            }
            PartType::Html(h) => {
                html.push_str(&html_to_text(&text_of(part, raw, h)));
                html.push('\n');
            }
            PartType::Binary(b) if reopen && part.content_type().is_some_and(|c| c.ctype().eq_ignore_ascii_case("multipart")) => {
                if let Some(t) = opaque_multipart_text(&body_of(part, raw, b)) {
                    plain.push_str(&t);
                }
            }
            _ => {}
        }
    }
    if plain.trim().is_empty() { html } else { plain }
}

/// The text of a multipart part whose boundary parameter was lost (broken header folding:
/// "boundary=..." on an unindented line), read by taking the boundary from its first
/// delimiter line: its text/plain parts decoded, else its HTML as text.
fn opaque_multipart_text(body: &[u8]) -> Option<String> {
    let head = &body[..body.len().min(4096)];
    let line = head.split(|&c| c == b'\n').map(|l| l.trim_ascii()).find(|l| !l.is_empty())?;
    let boundary = std::str::from_utf8(line.strip_prefix(b"--")?).ok()?;
    if boundary.is_empty() || boundary.len() > 200 || boundary.contains('"') {
        return None;
    }
    let mut whole = format!("Content-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n").into_bytes();
    whole.extend_from_slice(body);
    let text = text_parts(&parser().parse(&whole)?, &whole, false);
    (!text.trim().is_empty()).then_some(text)
}

/// The first message attached to `raw` (a message/rfc822 part), as raw bytes: what a person
/// forwards "as attachment" to a help desk.
pub fn first_attached_message(raw: &[u8]) -> Option<Vec<u8>> {
    let msg = parser().parse(raw)?;
    msg.parts.iter().take(MAX_PARTS).find_map(|p| match &p.body {
        PartType::Message(m) => Some(body_of(p, raw, m.raw_message()).into_owned()),
        _ => None,
    })
}

/// A parsed message that is a bounce: a delivery-status report, or from a mail system role.
fn is_bounce_message(m: &mail_parser::Message<'_>) -> bool {
    let report = m.content_type().is_some_and(|c| c.subtype().is_some_and(|s| s.eq_ignore_ascii_case("report")));
    report || crate::scrape::from_mail_system(m.header_raw("From").unwrap_or(""))
}

/// Unfolds a raw header value: CRLF + whitespace become one space; trims.
pub fn unfold(v: &str) -> String {
    // (the result is trimmed: trimming first gives the same, and most raw values end in
    // their line break, which leaves nothing to unfold)
    let v = v.trim();
    if !v.contains('\n') {
        return v.to_string();
    }
    let mut out = String::with_capacity(v.len());
    for (i, l) in v.split('\n').enumerate() {
        let l = l.trim_end_matches('\r');
        if i > 0 {
            out.push(' ');
            out.push_str(l.trim_start());
        } else {
            out.push_str(l);
        }
    }
    let end = out.trim_end().len();
    out.truncate(end);
    let start = out.len() - out.trim_start().len();
    out.drain(..start);
    out
}

/// Plain text of an HTML body: tags dropped, block tags become line breaks, the common
/// entities decoded, script/style contents dropped.
pub fn html_to_text(h: &str) -> String {
    let mut out = String::with_capacity(h.len() / 2);
    let b = h.as_bytes();
    let mut i = 0;
    let mut skip_until: Option<&str> = None;
    while i < b.len() {
        if b[i] == b'<' {
            // (a tag left open runs to the end of the text, whatever character ends it)
            let close = h[i..].find('>').map_or(b.len(), |p| i + p);
            let end = (close + 1).min(b.len());
            let tag = h[i + 1..close].trim().to_ascii_lowercase();
            let name: String = tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            if let Some(stop) = skip_until {
                if tag.starts_with('/') && name == stop {
                    skip_until = None;
                }
            } else if !tag.starts_with('/') && (name == "script" || name == "style" || name == "head") {
                skip_until = Some(match name.as_str() { "script" => "script", "style" => "style", _ => "head" });
            } else if matches!(name.as_str(), "br" | "p" | "div" | "tr" | "li" | "h1" | "h2" | "h3" | "h4" | "table" | "pre" | "blockquote") {
                out.push('\n');
            } else if name == "td" || name == "th" {
                out.push(' ');
            }
            i = end;
            continue;
        }
        if skip_until.is_some() {
            i = h[i..].find('<').map_or(b.len(), |p| i + p);
            continue;
        }
        if b[i] == b'&' {
            if let Some(semi) = h[i..].find(';').filter(|&p| p <= 8) {
                let ent = &h[i + 1..i + semi];
                let rep = match ent {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" | "#39" => Some('\''),
                    "nbsp" | "#160" => Some(' '),
                    _ => ent
                        .strip_prefix('#')
                        .and_then(|n| n.strip_prefix('x').map_or_else(|| n.parse().ok(), |x| u32::from_str_radix(x, 16).ok()))
                        .and_then(char::from_u32),
                };
                if let Some(c) = rep {
                    out.push(c);
                    i += semi + 1;
                    continue;
                }
            }
        }
        // text up to the next tag or entity, as it is
        let run = b[i + 1..].iter().position(|&c| c == b'<' || c == b'&').map_or(b.len(), |p| i + 1 + p);
        out.push_str(&h[i..run]);
        i = run;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_emails_and_non_emails() {
        assert!(looks_like_email("From: a@b.c\nTo: d@e.f\nSubject: x\n\nbody"));
        assert!(looks_like_email("Return-Path: <>\r\nReceived: from x\r\n\tby y\r\nDate: now\r\n\r\n"));
        assert!(!looks_like_email("550 5.1.1 <a@b.c>: user unknown"));
        assert!(!looks_like_email("Address not found\nYour message wasn't delivered to a@b.c"));
        assert!(!looks_like_email("Note: this is text\nand more text"));
    }

    #[test]
    fn splits_at_original_marker() {
        let (n, r) = split_original("error here\n------ This is a copy of the message, including all the headers. ------\nFrom: x\n");
        assert_eq!(n, "error here\n");
        assert!(r.unwrap().contains("From: x"));
        let (n, r) = split_original("Your message was returned message because of size and other things that happen here in a long sentence of prose text going on\n");
        assert!(r.is_none() && !n.is_empty());
    }

    #[test]
    fn parses_multipart_report() {
        let raw = "From: MAILER-DAEMON@mx.example.org\r\nTo: s@example.jp\r\nSubject: Undelivered\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nI'm sorry.\r\n--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.org\r\n\r\nFinal-Recipient: rfc822; r@example.net\r\nAction: failed\r\nStatus: 5.1.1\r\n--B\r\nContent-Type: message/rfc822\r\n\r\nFrom: s@example.jp\r\nSubject: hello\r\n\r\nbody\r\n--B--\r\n";
        let m = parse(raw.as_bytes());
        assert_eq!(m.content_type, "multipart/report");
        assert_eq!(m.report_type.as_deref(), Some("delivery-status"));
        assert!(m.notification.contains("I'm sorry."));
        assert_eq!(m.dsn.len(), 1);
        assert!(m.dsn[0].contains("Status: 5.1.1"));
        assert_eq!(m.original_header("subject"), Some("hello"));
    }

    #[test]
    fn unfolds_like_split_join_trim() {
        let plain = |v: &str| {
            let parts: Vec<&str> = v.split('\n').map(|l| l.trim_end_matches('\r')).collect();
            let mut out = parts[0].to_string();
            for l in &parts[1..] {
                out.push(' ');
                out.push_str(l.trim_start());
            }
            out.trim().to_string()
        };
        for v in [" value\n", " a\r\n\tb\r\n", "\n\tfoo", "  \n  foo\n", "a\r\r\n b \r\n", "x", "", "\n", " a \r\n\r\n  b\u{a0}\n", "\u{3000}a\n b"] {
            assert_eq!(unfold(v), plain(v), "{v:?}");
        }
    }

    #[test]
    fn decodes_encoded_words() {
        assert_eq!(decode_words("=?UTF-8?B?44GT44KT44Gr44Gh44Gv?="), "こんにちは");
        assert_eq!(decode_words("plain"), "plain");
    }

    #[test]
    fn a_multipart_whose_boundary_folding_broke_is_still_read() {
        // "boundary=" on an unindented line: the parser sees one opaque multipart body
        let raw = "From: a@example.org\nMIME-Version: 1.0\nContent-Type: multipart/report; boundary=\"o\"\n\n--o\n\
                   Content-Type: multipart/alternative;\nboundary=\"i\"\n\n--i\nContent-Type: text/plain\n\
                   Content-Transfer-Encoding: base64\n\nTWFpbGJveCBpcyBmdWxs\n--i--\n--o--\n";
        assert!(visible_text(raw.as_bytes()).contains("Mailbox is full"));
        assert!(parse(raw.as_bytes()).notification.contains("Mailbox is full"));
    }

    #[test]
    fn html_to_text_drops_script_and_decodes() {
        let t = html_to_text("<p>a &amp; b</p><script>alert(1)</script><br>c&#33;");
        assert_eq!(t, "\na & b\n\nc!");
        assert_eq!(html_to_text("é&x;ü<b>ß</b>&lt;"), "é&x;üß<");
        // a tag left open at the end of the text, ending in a character of several bytes
        // (had panicked, slicing inside it)
        for open in ["<!DOCTYPE htmù", "a <p class=\"ë", "<", "<é", "x<br"] {
            let _ = html_to_text(open);
        }
        assert_eq!(html_to_text("a<b>b<i"), "ab");
    }

    #[test]
    fn encoded_parts_are_decoded_when_read() {
        // the notification only as quoted-printable HTML, the original as a base64 message
        // (which RFC 2046 forbids, and the parser reads as text: its headers are still read)
        let raw = "From: MAILER-DAEMON@mx.example\r\nSubject: Undeliverable\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>Mailbox =\r\nfull: caf=C3=A9@example.org</p>\r\n--b\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\nU3ViamVjdDogTHVuY2gKRnJvbTogYUBleGFtcGxlLmNvbQoKaGk=\r\n--b--\r\n";
        let m = parse(raw.as_bytes());
        assert!(m.notification.contains("Mailbox full: caf\u{e9}@example.org"), "{:?}", m.notification);
        assert_eq!(m.original_subject.as_deref(), Some("Lunch"));
    }

    #[test]
    fn a_date_field_ends_at_its_line() {
        let raw = "From: MAILER-DAEMON@mx.example\nSubject: failure notice\nContent-Type: multipart/report; boundary=b\n\n--b\nContent-Type: text/plain\n\nUser unknown\n--b\nContent-Type: message/rfc822\n\nDate: Thu, 20 Apr 2008 23:34:45 UT\nFrom: Sender <sender@example.jp>\nSubject: hi\n\nbody\n--b--\n";
        let m = parse(raw.as_bytes());
        assert_eq!(m.original_header("date"), Some("Thu, 20 Apr 2008 23:34:45 UT"));
        assert_eq!(m.original_header("from"), Some("Sender <sender@example.jp>"));
    }
}

//! Reading the human-readable text of a bounce: which recipients failed and which lines
//! say why. Works on any MTA's wording through general cues (addresses, SMTP codes,
//! indentation, boilerplate) rather than one parser per MTA; `formats` names the MTA.

use crate::smtp;
use crate::text::{self, find_addresses, StrTable};

/// One recipient's part of a bounce text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Block {
    pub recipient: Option<String>,
    /// The lines that carry the error (server reply, error phrases), unfolded, in order.
    pub diagnostic: Vec<String>,
    /// All non-boilerplate lines of the block (context for classification), squeezed, one
    /// per line.
    pub context: String,
    /// The SMTP command the error answered, when the text says.
    pub command: Option<String>,
    /// The remote host named, when the text says.
    pub remote_mta: Option<String>,
}

/// Local parts that name mail system roles, never a failed recipient.
const ROLE_LOCALS: &[&str] = &[
    "mailer-daemon", "mailer_daemon", "maildaemon", "mail-daemon", "postmaster", "abuse",
    "hostmaster", "noreply", "no-reply", "do-not-reply", "donotreply", "bounces",
    "mail.delivery.system", "mailerdaemon", "nobody", "post_master", "mail_daemon",
];

/// A From field (name and address, any case) that names a mail system sending its own reports:
/// Mailer-Daemon, postmaster, "Mail Delivery System" / "Mail Delivery Subsystem".
pub fn from_mail_system(from: &str) -> bool {
    let f = from.to_ascii_lowercase();
    f.contains("mailer-daemon") || f.contains("postmaster") || f.contains("mail delivery")
}

pub fn is_role_address(a: &str) -> bool {
    // (any case, without a lower-cased copy)
    let local = a.split('@').next().unwrap_or("").as_bytes();
    let starts = |p: &str| local.get(..p.len()).is_some_and(|l| l.eq_ignore_ascii_case(p.as_bytes()));
    ROLE_LOCALS.iter().any(|r| local.eq_ignore_ascii_case(r.as_bytes()))
        || starts("bounce-")
        || starts("bounces+")
        || starts("mailer-daemon")
}

/// Lower-case phrases of bounce boilerplate: lines that only frame the report. Sources:
/// the fixed texts of Postfix (bounce(5) templates), Exim, qmail, Sendmail, Courier,
/// Exchange, Gmail and others, as found in public bounce samples.
const BOILERPLATE: &[&str] = &[
    "this is the mail system at host",
    "i'm sorry to have to inform you",
    "could not be delivered to one or more recipients",
    "be delivered to one or more recipients",
    "delete your own text from the attached",
    "delivery report unavailable",
    "for further assistance, please send mail to",
    "if you do so, please include this problem report",
    "you can delete your own text from the attached",
    "the mail system",
    "this message was created automatically by mail delivery software",
    "a message that you sent could not be delivered to one or more of its",
    "recipients. this is a permanent error. the following address(es) failed",
    "the following address(es) failed",
    "hi. this is the qmail-send program",
    "i'm afraid i wasn't able to deliver your message",
    "this is a permanent error; i've given up",
    "sorry it didn't work out",
    "the original message was received at",
    "----- the following addresses had permanent fatal errors -----",
    "----- transcript of session follows -----",
    "this is an automatically generated delivery status notification",
    "delivery to the following recipients failed",
    "please do not reply to this e-mail",
    "this is the mailer-daemon",
    "an error has occurred while attempting to deliver a message",
    "the following list of recipients",
    "your message could not be delivered",
    "your message did not reach some or all of the intended recipients",
    "did not reach the following recipient(s)",
    "delivery has failed to these recipients or groups",
    "diagnostic information for administrators",
    "generating server:",
    "original message headers",
    "if the problem continues, contact your help desk",
    "this message was created automatically",
    "reporting-mta:",
    // web-page footers of providers' HTML notices (AOL, Yahoo, ...)
    "privacy policy",
    "all rights reserved",
    "------------------",
    "==================",
];

/// What the reader needs to know of each line, computed once.
#[derive(Debug, Clone, Copy, Default)]
struct Info {
    /// Framing text, blank or punctuation only.
    boiler: bool,
    /// Carries an SMTP code (reply >= 400 or a status).
    code: bool,
    /// Carries a reason phrase (not looked for on a line with a code).
    phrase: bool,
}

/// `lower`: the line lower-cased by [`text::lower`].
fn line_info(lower: &str) -> Info {
    // a quoted line ("> ...") is the original message quoted back, not the report
    let lt = lower.trim_start();
    if lt.starts_with('>') && !lt.starts_with(">>>") {
        return Info { boiler: true, ..Default::default() };
    }
    // (lower-casing keeps whitespace as it is: trimming before or after is the same)
    let t = lower.trim();
    if t.is_empty() || t.chars().all(|c| !crate::text::is_wordish(c)) {
        return Info { boiler: true, ..Default::default() };
    }
    let code = has_code(t);
    let boiler = !code && crate::tagged!(plain BOILERPLATE).any(t);
    // (a line with a code is an error line whatever its words: its phrase is never asked)
    let phrase = !boiler && !code && crate::classify::has_lower_error_phrase(t);
    Info { boiler, code, phrase }
}

fn has_code(l: &str) -> bool {
    // quick rejects first: a status needs "d." and a reply needs a 4 or 5 digit
    let b = l.as_bytes();
    if !b.iter().any(|c| matches!(c, b'4' | b'5')) {
        return false;
    }
    smtp::has_status(l) || smtp::find_reply(l, None).is_some_and(|c| c >= 400)
}

/// SMTP commands as written in bounce texts ("after RCPT TO", "in reply to RCPT TO command",
/// ">>> DATA", "SMTP:RCPT host ...").
pub fn find_command(l: &str) -> Option<&'static str> {
    if !names_command(l) {
        return None;
    }
    lower_command(&l.to_ascii_lowercase())
}

/// Cheap exit: [`find_command`] reads only lines with one of the letter sequences "rcp",
/// "l f" (of "mail from"), "dat", "hlo", "elo", "tls", "uth", "nne" (any case).
fn names_command(l: &str) -> bool {
    // (letters compared with the case bit set: exact for letters)
    l.as_bytes().windows(3).any(|w| {
        let rest = COMMAND_RESTS[w[0] as usize];
        rest != 0 && u16::from_le_bytes([w[1] | 0x20, w[2] | 0x20]) == rest
    })
}

/// For [`names_command`], per byte (any case): the two bytes after it that name a command,
/// as a little-endian `u16`, or 0.
static COMMAND_RESTS: [u16; 256] = {
    let mut t = [0u16; 256];
    let mut i = 0;
    while i < 256 {
        let rest: &[u8; 2] = match i as u8 | 0x20 {
            b'r' => b"cp",
            // ("mail" alone is in most bounces: "mailbox", "mail system")
            b'l' => b" f",
            b'd' => b"at",
            b'h' | b'e' => b"lo",
            b't' => b"ls",
            b'u' => b"th",
            b'n' => b"ne",
            _ => b"\0\0",
        };
        t[i] = u16::from_le_bytes(*rest);
        i += 1;
    }
    t
};

/// [`find_command`] on ASCII lower-cased text.
fn lower_command(lo: &str) -> Option<&'static str> {
    if !names_command(lo) {
        return None;
    }
    const CMDS: &[(&str, &str)] = &[
        ("rcpt to", "RCPT"),
        ("rcpt", "RCPT"),
        ("mail from", "MAIL"),
        ("end of data", "DATA"),
        ("data", "DATA"),
        ("ehlo", "EHLO"),
        ("helo", "HELO"),
        ("starttls", "STARTTLS"),
        ("auth", "AUTH"),
        // Exim: "SMTP error from remote mail server after initial connection" (the greeting)
        ("initial connection", "CONN"),
    ];
    let markers = ["in reply to ", "after ", ">>> ", "smtp:", "during ", "response to "];
    for m in markers {
        if let Some(p) = text::find(lo, m) {
            let rest = &lo[p + m.len()..];
            for (k, v) in CMDS {
                if rest.starts_with(k) {
                    return Some(v);
                }
            }
        }
    }
    // qmail-remote: "Connected to 192.0.2.1 but greeting failed." / "... but my name was
    // rejected." (HELO) / "... but sender was rejected." (MAIL FROM)
    if let Some(p) = text::find(lo, "connected to ") {
        let rest = &lo[p..];
        for (k, v) in [("but my name was rejected", "HELO"), ("but sender was rejected", "MAIL"), ("but greeting failed", "CONN")] {
            if text::contains(rest, k) {
                return Some(v);
            }
        }
    }
    if text::contains(lo, "connect to") || text::contains(lo, "connection refused") || text::contains(lo, "timed out while receiving the initial server greeting") {
        return Some("CONN");
    }
    None
}

/// A host name in a phrase like "host mx.example.jp[192.0.2.1] said:" or
/// "mx.example.jp [192.0.2.1]:", lower case.
pub fn find_host(l: &str) -> Option<String> {
    lower_host(&l.to_ascii_lowercase())
}

/// [`find_host`] on ASCII lower-cased text.
fn lower_host(lo: &str) -> Option<String> {
    for key in ["host: ", "host ", "remote host ", "while talking to ", "from remote server ", "by "] {
        if let Some(p) = text::find(lo, key) {
            let rest = &lo[p + key.len()..];
            let h: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-').collect();
            let h = h.trim_end_matches('.');
            if h.contains('.') && h.chars().any(|c| c.is_ascii_alphabetic()) && !h.contains('@') {
                return Some(h.to_string());
            }
        }
    }
    None
}

/// A bounce text's lines, and what the reader needs to know of each, computed once.
struct Text<'a> {
    lines: Vec<&'a str>,
    /// The text ASCII lower-cased (same byte offsets), and each line's span in it. (For an
    /// ASCII text that is `lower` itself.)
    ascii: std::borrow::Cow<'a, str>,
    /// The text lower-cased by [`text::lower`] (also the same byte offsets).
    lower: &'a str,
    spans: Vec<std::ops::Range<usize>>,
    info: Vec<Info>,
}

/// Endings of lines that introduce a server's answer on the next line (Gmail's "The response
/// was:" and "The response from the remote server was:", its older "The error that the
/// other server returned was:").
pub const ANSWER_FOLLOWS: &[&str] = &["response was:", "returned was:"];

impl<'a> Text<'a> {
    /// `lower`: [`text::lower`]`(notification)`.
    fn new(notification: &'a str, lower: &'a str) -> Text<'a> {
        let lines: Vec<&str> = notification.lines().collect();
        let spans: Vec<_> = lines
            .iter()
            .map(|l| {
                let s = l.as_ptr() as usize - notification.as_ptr() as usize;
                s..s + l.len()
            })
            .collect();
        // text::lower keeps every byte offset too
        let mut info: Vec<Info> = spans.iter().map(|r| line_info(&lower[r.clone()])).collect();
        // the line after one that introduces a server's answer is an error line, whatever
        // its words
        let mut answer = false;
        for (inf, r) in info.iter_mut().zip(&spans) {
            if answer && !inf.boiler {
                inf.phrase = true;
                answer = false;
            } else {
                answer |= ANSWER_FOLLOWS.iter().any(|a| lower[r.clone()].trim_end().ends_with(a));
            }
        }
        let ascii = if notification.is_ascii() { lower.into() } else { notification.to_ascii_lowercase().into() };
        Text { lines, ascii, lower, spans, info }
    }

    /// Line `i`, ASCII lower-cased.
    fn lo(&self, i: usize) -> &str {
        &self.ascii[self.spans[i].clone()]
    }
}

/// Splits a bounce text into recipient blocks.
///
/// `known`: recipients already known from machine-readable fields (DSN, X-Failed-Recipients),
/// used as anchors in that order. Otherwise the addresses in the text are the candidates,
/// minus `exclude` (the sender's addresses) and role addresses.
pub fn blocks(notification: &str, known: &[String], exclude: &[String]) -> Vec<Block> {
    blocks_lower(notification, &text::lower(notification), known, exclude)
}

/// [`blocks`] when the caller has `lower` = [`text::lower`]`(notification)` at hand.
pub fn blocks_lower(notification: &str, lower: &str, known: &[String], exclude: &[String]) -> Vec<Block> {
    let text = Text::new(notification, lower);
    let lines = &text.lines;
    let is_excluded = |a: &str| exclude.iter().any(|e| e.eq_ignore_ascii_case(a)) || is_role_address(a);

    // candidates and their anchor lines
    let mut anchors: Vec<(String, usize)> = Vec::new();
    // Addresses quoted inside a server's reply (after its code and other words, or on the
    // reply's indented continuation lines: "said: 553\n    5.1.8 <sender@a>... Domain of
    // sender address does not exist") are candidates only when nothing else names one.
    let mut quoted: Vec<(String, usize)> = Vec::new();
    // (sets beside the lists: a report may name thousands of recipients, and each look-up
    // must not walk all of them)
    let mut anchored = StrTable::default();
    let mut quoted_set = StrTable::default();
    let mut in_reply = false;
    let mut envelope_senders = StrTable::default();
    let lower_known: Vec<String> = known.iter().map(|k| k.to_ascii_lowercase()).collect();
    let known_set: StrTable = lower_known.iter().map(|k| (k.clone(), 0)).collect();
    for (i, l) in lines.iter().enumerate() {
        let lo = text.lo(i);
        if lo.trim().is_empty() || !lo.starts_with([' ', '\t']) {
            in_reply = false;
        }
        let was_in_reply = in_reply;
        in_reply |= text.info[i].code;
        if !known.is_empty() {
            for f in find_addresses(lo) {
                let a = f.addr.to_ascii_lowercase();
                if known_set.contains(&a) && anchored.insert_first(a.clone(), 0) {
                    anchors.push((a, i));
                }
            }
            continue;
        }
        if is_sender_line(lo) {
            // the envelope sender of a transcript (">>> MAIL From:<a@b>")
            if text::contains(lo, "mail from") {
                for f in find_addresses(l) {
                    envelope_senders.insert_first(f.addr.to_ascii_lowercase(), 0);
                }
            }
            continue;
        }
        // (per line, not per address: a line may name thousands)
        let one_address = names_one_address(lo);
        let mut contact: Option<bool> = None;
        for f in find_addresses(l) {
            let a = f.addr.to_ascii_lowercase();
            // a role address (postmaster@...), or the bounce's addressee (a message sent to
            // oneself), is a recipient only when listed on its own line
            // or heading its line ("<a@b>: host mx said: 550 ...")
            let role = is_role_address(&a);
            let listed = if role {
                !exclude.iter().any(|e| e.eq_ignore_ascii_case(&a)) && one_address && is_list_line(lo, &a)
            } else {
                one_address && leads_line(lo, &a)
            };
            if is_excluded(&a) && !listed || anchored.contains(&a) {
                continue;
            }
            // an address inside a URL or a "contact ..." sentence is not a recipient
            let before = &lo[..f.start.min(lo.len())];
            // (the last word: whitespace may be more than one byte, e.g. a no-break space)
            let token = before.rsplit(char::is_whitespace).next().unwrap_or("");
            // the envelope sender named in a transcript ("after MAIL FROM:<a@b>"), or quoted
            // back in a refusal of it (Postfix: "<a@b>: Sender address rejected: ..."), is not a
            // recipient
            let after = lo.get(f.end..).unwrap_or("").trim_start_matches('>');
            let sender = ["mail from:<", "mail from: <", "mail from:", "from:<", "envelope-from <", "sender <"].iter().any(|m| before.ends_with(m)) || after.starts_with(": sender address rejected");
            if sender {
                // (and where the server's reply quotes it back: "<<< 501 <sender>... no access")
                envelope_senders.insert_first(a, 0);
                continue;
            }
            if envelope_senders.contains(&a) || asks_to_write(before) || before.ends_with("mailto:") || before.ends_with('/') || before.ends_with('=') || text::contains(token, "://") || !text.info[i].code && *contact.get_or_insert_with(|| asks_to_contact(&text.lower[text.spans[i].clone()])) {
                continue;
            }
            // (a line that starts with the code and then the address, "554 <a@b>... Host
            // unknown", is how Sendmail and many others name the recipient itself)
            // (only the stretch of the line just before the address is read, so that a line
            // naming thousands of addresses is not read again for each)
            let near = text::tail(before, NEAR_BEFORE);
            let inside = has_code(near) && near.bytes().any(|b| b.is_ascii_alphabetic());
            // the original's own headers quoted in the report ("Your message / To: a@b /
            // Subject: ... / Sent: ...") name whom it was sent to, not who failed
            if (was_in_reply && !(one_address && is_list_line(lo, &a))) || inside || quoted_header_block(&text, i) {
                if quoted_set.insert_first(a.clone(), 0) {
                    quoted.push((a, i));
                }
            } else {
                // (named as a recipient after being quoted: the anchor is here; an anchored
                // address is not looked at again, so it can stay in the set)
                if quoted_set.contains(&a) {
                    quoted.retain(|(x, _)| *x != a);
                }
                anchored.insert_first(a.clone(), 0);
                anchors.push((a, i));
            }
        }
    }
    if anchors.is_empty() {
        anchors = quoted;
    }
    // keep known order for known recipients; missing ones get no anchor
    if !known.is_empty() {
        let at: StrTable = anchors.iter().cloned().collect();
        let mut ordered: Vec<(String, usize)> = Vec::new();
        for k in &lower_known {
            if let Some(i) = at.get(k) {
                ordered.push((k.clone(), i));
            }
        }
        anchors = ordered;
        by_line(&mut anchors);
    }

    // An address listed on a line of its own ("  a@b.c", "<a@b.c>:", "* a@b.c") heads its
    // part of the report, even when a summary sentence named it earlier.
    let mut list_line = StrTable::default();
    for i in 0..lines.len() {
        let lo = text.lo(i);
        if !names_one_address(lo) {
            continue;
        }
        for f in find_addresses(lo) {
            let a = f.addr.to_ascii_lowercase();
            if !list_line.contains(&a) && is_list_line(lo, &a) {
                list_line.insert_first(a, i);
            }
        }
    }
    for (addr, at) in anchors.iter_mut() {
        if let Some(i) = list_line.get(addr) {
            *at = i;
        }
    }
    by_line(&mut anchors);

    let global = error_lines(&text, 0, lines.len());
    if anchors.is_empty() {
        return vec![make_block(None, &text, 0, lines.len(), &global)];
    }
    let all: StrTable = anchors.iter().cloned().collect();
    // several addresses anchored on the same line share the block after it: each block ends
    // where the next anchor line after its own starts
    let mut ends = vec![lines.len(); anchors.len()];
    for n in (0..anchors.len().saturating_sub(1)).rev() {
        let next = anchors[n + 1].1;
        ends[n] = if next > anchors[n].1 { next } else { ends[n + 1] };
    }
    let mut out = Vec::new();
    for ((addr, start), end) in anchors.iter().zip(ends) {
        let mut b = make_block(Some(addr.clone()), &text, *start, end, &global);
        // a line that names only another recipient is that recipient's, not this one's
        b.diagnostic.retain(|l| {
            let lo = l.to_ascii_lowercase();
            text::contains(&lo, addr) || !find_addresses(&lo).iter().any(|o| o.addr != *addr && all.contains(&o.addr))
        });
        out.push(b);
    }
    out
}

/// Sendmail's transcript restates each remote reply in its own words on the next line
/// ("<<< 550 5.7.1 IP address blacklisted" then "550 5.1.1 <a@b>... User unknown"); the
/// restatement maps codes to stock texts, so when it repeats the server's reply code only
/// the server's own line counts.
fn is_restatement(prev: &str, line: &str) -> bool {
    if !prev.trim_start().starts_with("<<<") {
        return false;
    }
    let b = line.as_bytes();
    let code_first = b.len() > 4 && b[..3].iter().all(u8::is_ascii_digit) && b[3] == b' ';
    code_first && line.contains(">... ")
}

/// The reply inside Sendmail's "(reason: 550 5.1.1 unknown user)" line.
fn sendmail_reason(line: &str) -> Option<&str> {
    let r = line.trim().strip_prefix("(reason:")?.trim();
    let r = r.strip_suffix(')').unwrap_or(r).trim();
    has_code(r).then_some(r)
}

/// Words of a "for help, contact <address>" sentence: the address there is a helpdesk, not a
/// recipient. (Bounce boilerplate in the languages of the corpus and of common MTAs' locales.)
const CONTACT_WORDS: &[&str] = &[
    "contact",      // English, French "contactez", Spanish "contacte/contacto"
    "contato",      // Portuguese
    "kontakt",      // German, Scandinavian, Polish
    "contatt",      // Italian "contattare/contattate"
    "связ",         // Russian "свяжитесь"
    "обратитесь",   // Russian "обратитесь к"
    "ご連絡",       // Japanese "ご連絡ください"
    "お問い合わせ", // Japanese "お問い合わせください"
    "問い合わせ",   // Japanese (plain)
    "联系",         // Chinese (simplified)
    "聯繫",         // Chinese (traditional)
    "聯絡",         // Chinese (traditional, Hong Kong / Taiwan)
];

/// Sorts anchors by line, keeping the order of those on the same line (one function for
/// every call: each sort instance costs KBs in the wasm build).
fn by_line(anchors: &mut [(String, usize)]) {
    anchors.sort_by_key(|(_, i)| *i);
}

/// Requests to write to the address that follows ("For assistance forward this error to
/// abuse@...", "please write to", "email us at"). (Not "forward the message to" or "write to
/// mailbox": failures name their recipient so.)
const WRITE_TO: &[&str] = &["forward this error", "for assistance", "please write", "write to us", " us at"];

/// `before` (lower case: the line up to an address) ends in a request to write to it, or to
/// contact it: a contact, even inside a server's reply.
fn asks_to_write(before: &str) -> bool {
    let w = text::tail(before, 48).trim_end_matches([' ', '<', ':']);
    (w.ends_with(" to") || w.ends_with(" at")) && (asks_to_contact(w) || WRITE_TO.iter().any(|p| w.contains(p)))
}

/// How much of a line before an address is read to tell whether a server's reply names it.
const NEAR_BEFORE: usize = 4096;

/// The line, lower-cased by [`text::lower`] (Cyrillic capitals too), asks the reader to
/// contact someone.
fn asks_to_contact(lower: &str) -> bool {
    CONTACT_WORDS.iter().any(|w| lower.contains(w))
}

/// The line is one address on its own (a recipient list item), not a continuation.
fn is_address_line(l: &str) -> bool {
    let f = find_addresses(l);
    f.len() == 1 && is_list_line(&l.to_ascii_lowercase(), &f[0].addr.to_ascii_lowercase())
}

/// The line has exactly one `@`: it may be a list line (see [`is_list_line`]); a line with
/// more is not, whatever it looks like.
fn names_one_address(l: &str) -> bool {
    text::count_byte(l.as_bytes(), b'@') == 1
}

/// `addr` starts lower-case line `lo`, maybe in brackets or after a bullet.
fn leads_line(lo: &str, addr: &str) -> bool {
    text::find(lo, addr).is_some_and(|p| lo[..p].chars().all(|c| matches!(c, '<' | '*' | '-' | '"' | '\'' | '(' | '[' | ' ' | '\t')))
}

/// `lo` (lower case) is `addr` on a line of its own, maybe in brackets or after a bullet,
/// maybe followed by a colon or a short note in brackets ("a@b.c [User unknown]" is not:
/// that is an error line that names it).
fn is_list_line(lo: &str, addr: &str) -> bool {
    let Some(p) = text::find(lo, addr) else { return false };
    let after = lo[p + addr.len()..].trim();
    leads_line(lo, addr)
        && after.chars().all(|c| matches!(c, '>' | ':' | ',' | ';' | '"' | '\'' | ')' | ']' | ' ' | '\t'))
}

/// Line `i` is a "To:" or "Cc:" line among other header lines of the original message
/// quoted in the report (its "Subject:", "Sent:" or "Date:" within two lines).
fn quoted_header_block(text: &Text<'_>, i: usize) -> bool {
    let t = text.lo(i).trim_start();
    if !(t.starts_with("to:") || t.starts_with("cc:")) {
        return false;
    }
    (i.saturating_sub(2)..(i + 3).min(text.lines.len())).filter(|&j| j != i).any(|j| {
        let n = text.lo(j).trim_start();
        n.starts_with("subject:") || n.starts_with("sent:") || n.starts_with("date:")
    })
}

/// Lines that name the sender, the original recipient of a forwarding, or the report's
/// own framing rather than a failed recipient.
fn is_sender_line(lo: &str) -> bool {
    let t = lo.trim_start();
    t.starts_with("from:")
        || t.starts_with("sender:")
        || t.starts_with("return-path:")
        || t.starts_with("reply-to:")
        || t.starts_with("received:")
        || t.starts_with("message-id:")
        || t.starts_with("mail from")
        || t.starts_with(">>> mail from")
        || text::contains(t, "envelope sender")
        || text::contains(t, "sent by")
        || text::contains(t, "was received at") && text::contains(t, "from")
        || t.starts_with("from ") && !text::contains(t, "said")
}

/// Indices of lines in [start, end) that carry error information.
fn error_lines(text: &Text<'_>, start: usize, end: usize) -> Vec<usize> {
    let (lines, info) = (&text.lines, &text.info);
    let mut out = Vec::new();
    let mut i = start;
    while i < end {
        let l = lines[i];
        if !info[i].boiler && (info[i].code || info[i].phrase) {
            out.push(i);
            // continuation: indented lines or lines with the same reply code prefix
            let mut j = i + 1;
            while j < end {
                let n = lines[j];
                if info[j].boiler {
                    break;
                }
                let cont = n.starts_with([' ', '\t']) && !lines[i].starts_with([' ', '\t'])
                    || same_reply_prefix(l, n)
                    || n.starts_with([' ', '\t']) && lines[i].starts_with([' ', '\t']) && !info[j].code;
                if !cont {
                    break;
                }
                out.push(j);
                j += 1;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    out
}

fn same_reply_prefix(a: &str, b: &str) -> bool {
    let a = a.trim_start().trim_start_matches("<<<").trim_start();
    let b = b.trim_start().trim_start_matches("<<<").trim_start();
    a.len() >= 4 && b.len() >= 4 && a.as_bytes()[..3] == b.as_bytes()[..3] && a.as_bytes()[..3].iter().all(u8::is_ascii_digit) && matches!(b.as_bytes()[3], b' ' | b'-')
}

/// The command an error answered: named in the error lines themselves ("in reply to RCPT
/// TO command"), else the last ">>> COMMAND" of a transcript before the first error line,
/// else any command named in the block.
fn command_for(text: &Text<'_>, idx: &[usize], start: usize, end: usize) -> Option<&'static str> {
    let (lines, info) = (&text.lines, &text.info);
    // the error lines and their folded continuations ("(in reply to end of DATA\n command)")
    let mut joined = String::new();
    for (n, &k) in idx.iter().enumerate() {
        if n > 0 {
            joined.push(' ');
        }
        joined.push_str(text.lo(k).trim());
    }
    if let Some(c) = lower_command(&joined) {
        if !joined.trim_start().starts_with(">>>") {
            return Some(c);
        }
    }
    if let Some(&first) = idx.iter().find(|&&k| info[k].code && !lines[k].trim_start().starts_with(">>>")) {
        if let Some(c) = (0..first).rev().take(8).find_map(|k| lines[k].trim_start().starts_with(">>>").then(|| lower_command(text.lo(k))).flatten()) {
            return Some(c);
        }
    }
    (start..end).find_map(|k| lower_command(text.lo(k)))
}

/// How many of the report's shared error lines a block without its own takes.
const MAX_SHARED_LINES: usize = 16;

fn make_block(recipient: Option<String>, text: &Text<'_>, start: usize, end: usize, global: &[usize]) -> Block {
    let (lines, info) = (&text.lines, &text.info);
    let mut idx = error_lines(text, start, end);
    let own = !idx.is_empty();
    if !own {
        // no error line of its own: the lines right after the anchor, then the global ones
        // the block's own words (e.g. Gmail's "The recipient server did not accept our
        // requests to connect."), at most a few lines
        idx.extend((start + 1..end).filter(|&k| !info[k].boiler).take(4));
        if idx.is_empty() || !idx.iter().any(|&k| info[k].phrase) {
            // (the report's shared error lines are few; a text made of thousands of error
            // lines does not give all of them to every block)
            let extra: Vec<usize> = global.iter().copied().filter(|k| !idx.contains(k)).take(MAX_SHARED_LINES).collect();
            idx.extend(extra);
        }
        // the anchor line itself may carry the error ("a@b: 550 ..." was caught above);
        // here it may carry words like "[User unknown]" after the address
        if start < lines.len() && !info[start].boiler {
            idx.insert(0, start);
        }
    } else if idx[0] != start && start < lines.len() {
        let a = lines[start];
        if a.contains('[') || a.contains('(') || text::contains(text.lo(start), "because") {
            idx.insert(0, start);
        }
    }
    // Sendmail names a recipient in its restatement of the reply just before it ("<<< 501
    // ... open relay" then "554 <a@b>... Remote protocol error"): that reply is this block's
    if start > 0 && start < lines.len() && is_restatement(lines[start - 1], lines[start]) {
        idx.push(start - 1);
    }
    // (sorted by insertion: the lines come nearly in order, and a sort instance costs KBs
    // in the wasm build)
    for k in 1..idx.len() {
        let mut j = k;
        while j > 0 && idx[j - 1] > idx[j] {
            idx.swap(j - 1, j);
            j -= 1;
        }
    }
    idx.dedup();
    // an indented line right after another continues it (MTAs wrap long replies, even
    // in the middle of a code: "... multiple 550\n    5.7.1 addresses in From: ...")
    let mut diagnostic: Vec<String> = Vec::new();
    let mut last: Option<usize> = None;
    for &k in &idx {
        let t = text::squeeze(lines[k]);
        if t.is_empty() || k > 0 && is_restatement(lines[k - 1], lines[k]) {
            continue;
        }
        match (last, diagnostic.last_mut()) {
            (Some(p), Some(prev)) if k == p + 1 && lines[k].starts_with([' ', '\t']) && !is_address_line(lines[k]) => {
                prev.push(' ');
                prev.push_str(&t);
            }
            _ => diagnostic.push(t),
        }
        last = Some(k);
    }
    // Sendmail sums up each recipient's failure as "(reason: 550 unknown user)" above its
    // transcript: that reply decided it, and the transcript's later replies ("503 need RCPT
    // command") only follow from it
    if let Some(r) = diagnostic.iter().find_map(|l| sendmail_reason(l)) {
        diagnostic = vec![r.to_string()];
    }
    // (at most the block's own text)
    let mut context = String::with_capacity(if start < end { text.spans[end - 1].end - text.spans[start].start } else { 0 });
    for (n, k) in (start..end).filter(|&k| !info[k].boiler).take(200).enumerate() {
        if n > 0 {
            context.push('\n');
        }
        text::push_squeezed(&mut context, lines[k]);
    }
    let command = command_for(text, &idx, start, end).map(str::to_string);
    let remote_mta = idx.iter().find_map(|&k| lower_host(text.lo(k)));
    Block { recipient, diagnostic, context, command, remote_mta }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_to_write_to_is_a_contact() {
        assert!(asks_to_write("553 5.3.0 for assistance forward this error to "));
        assert!(asks_to_write("questions? email us at <"));
        // a recipient named after "to" in the usual ways is not
        assert!(!asks_to_write("550 mail to "));
        assert!(!asks_to_write("unable to send to "));
        assert!(!asks_to_write("your message could not be forwarded to "));
        assert!(!asks_to_write("554 unable to forward the message to "));
        assert!(!asks_to_write("cannot write to mailbox of "));
    }

    #[test]
    fn exim_style_two_recipients() {
        let t = "This message was created automatically by mail delivery software.\n\n\
                 A message that you sent could not be delivered to one or more of its\n\
                 recipients. This is a permanent error. The following address(es) failed:\n\n\
                 \x20 a@example.jp\n    SMTP error from remote mail server after RCPT TO:<a@example.jp>:\n    host mx.example.jp [192.0.2.1]: 550 5.1.1 unknown user\n\n\
                 \x20 b@example.org\n    host mx.example.org [192.0.2.2]: 552 5.2.2 mailbox full\n";
        let b = blocks(t, &[], &["sender@example.com".into()]);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].recipient.as_deref(), Some("a@example.jp"));
        assert!(b[0].diagnostic.iter().any(|l| l.contains("550 5.1.1")));
        assert!(!b[0].diagnostic.iter().any(|l| l.contains("552")));
        assert_eq!(b[0].command.as_deref(), Some("RCPT"));
        assert_eq!(b[0].remote_mta.as_deref(), Some("mx.example.jp"));
        assert!(b[1].diagnostic.iter().any(|l| l.contains("552 5.2.2")));
    }

    #[test]
    fn addresses_quoted_in_a_reply_or_a_help_line_are_not_recipients() {
        // Postfix: the remote reply names the sender on its continuation line
        let t = "<r@example.net>: host mx.example.net[192.0.2.1] said: 553\n    5.1.8 <s@example.org>... Domain of sender address\n    s@example.org does not exist (in reply to MAIL FROM command)\n";
        let b = blocks(t, &[], &[]);
        assert_eq!(b.iter().map(|b| b.recipient.as_deref()).collect::<Vec<_>>(), [Some("r@example.net")]);
        // a help line in Japanese; a reply quoting another address after its own words
        let t = "何か質問がございましたら、<help@isp.example>へご連絡ください。\n\n   r@example.net\n\nThe other server returned: 550 5.7.1 <s@example.org>... Access denied\n";
        let b = blocks(t, &[], &[]);
        assert_eq!(b.iter().map(|b| b.recipient.as_deref()).collect::<Vec<_>>(), [Some("r@example.net")]);
        // alone, a quoted address is still the recipient; Sendmail's "554 <a>... reason" lines name recipients
        assert_eq!(blocks("Remote said: 550 5.1.1 <r@example.net>... User unknown\n", &[], &[])[0].recipient.as_deref(), Some("r@example.net"));
        let t = "554 <a@example.net>... 550 Host unknown\n550 <b@example.org>... User unknown\n";
        assert_eq!(blocks(t, &[], &[]).len(), 2);
    }

    #[test]
    fn sendmails_restatement_of_a_reply_is_not_the_servers_words() {
        let t = "<r@example.net>\n    ----- Transcript of session follows -----\n>>> RCPT To:<r@example.net>\n<<< 550 5.7.1 IP address blacklisted by recipient\n550 5.1.1 <r@example.net>... User unknown\n";
        let d = blocks(t, &[], &[]).remove(0).diagnostic.join("\n");
        assert!(d.contains("IP address blacklisted") && !d.contains("User unknown"), "{d}");
        // the restatement names the recipient: the reply before it is that recipient's
        let t = "<<< 550 Insecure Mail Relay\n554 <r@example.net>... Remote protocol error\n";
        let b = blocks(t, &[], &[]).remove(0);
        assert_eq!(b.recipient.as_deref(), Some("r@example.net"));
        assert_eq!(b.diagnostic, ["<<< 550 Insecure Mail Relay"]);
    }

    #[test]
    fn sendmails_reason_line_is_the_recipients_diagnostic() {
        let t = "<r@example.net>\n    (reason: 550 unknown user)\n\n   ----- Transcript of session follows -----\n>>> DATA\n<<< 550 unknown user\n<<< 503-All RCPT commands were rejected with this error:\n<<< 503 Valid RCPT command must precede DATA\n";
        let b = blocks(t, &[], &[]).remove(0);
        assert_eq!(b.diagnostic, ["550 unknown user"]);
        assert_eq!(b.command.as_deref(), Some("DATA"));
        // only a reply counts: "(reason: see below)" is no diagnostic
        assert_eq!(sendmail_reason("(reason: see below)"), None);
    }

    #[test]
    fn the_envelope_sender_quoted_back_by_the_server_is_not_a_recipient() {
        let t = ">>> MAIL From:<s@example.org>\n<<< 501 <s@example.org>... no access from mail server [192.0.2.55] which is an open relay.\n554 <r@example.net>... Remote protocol error\n";
        let b = blocks(t, &[], &[]);
        assert_eq!(b.iter().map(|b| b.recipient.as_deref()).collect::<Vec<_>>(), [Some("r@example.net")]);
    }

    #[test]
    fn a_multibyte_space_before_an_address_is_a_word_break() {
        // (found by tests/fuzz.rs: slicing after a no-break space split its UTF-8 bytes)
        let b = blocks("550 5.1.1 le\u{a0}a@example.net>: \u{f4}e\n", &[], &[]);
        assert_eq!(b[0].recipient.as_deref(), Some("a@example.net"));
    }

    #[test]
    fn sender_and_role_addresses_are_not_recipients() {
        let t = "The original message was received at Mon from sender@example.com\n\
                 Please contact postmaster@example.org\n<r@example.net>: 550 no such user\n";
        let b = blocks(t, &[], &["sender@example.com".into()]);
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].recipient.as_deref(), Some("r@example.net"));
    }

    #[test]
    fn no_address_gives_one_anonymous_block() {
        let b = blocks("550 5.7.1 Service unavailable; client host blocked", &[], &[]);
        assert_eq!(b.len(), 1);
        assert!(b[0].recipient.is_none());
        assert_eq!(b[0].diagnostic, ["550 5.7.1 Service unavailable; client host blocked"]);
    }

    #[test]
    fn the_command_table_reads_like_the_letters() {
        let plain = |w: &[u8]| {
            let rest: &[u8] = match w[0] | 0x20 {
                b'r' => b"cp",
                b'l' => b" f",
                b'd' => b"at",
                b'h' | b'e' => b"lo",
                b't' => b"ls",
                b'u' => b"th",
                b'n' => b"ne",
                _ => return false,
            };
            w[1] | 0x20 == rest[0] && w[2] | 0x20 == rest[1]
        };
        let bytes = b"rRlLdDhHeEtTuUnNcCpP fFaAoOsShH\0\x80\xe2x";
        for &a in bytes {
            for &b in bytes {
                for &c in bytes {
                    let w = [a, b, c];
                    let l = String::from_utf8_lossy(&w).into_owned();
                    if l.len() == 3 {
                        assert_eq!(names_command(&l), plain(&w), "{w:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn commands() {
        assert_eq!(find_command("(in reply to RCPT TO command)"), Some("RCPT"));
        assert_eq!(find_command("SMTP error from remote mail server after end of data:"), Some("DATA"));
        assert_eq!(find_command(">>> MAIL FROM:<a@b.c>"), Some("MAIL"));
        assert_eq!(find_command("SMTP error from remote mail server after initial connection:"), Some("CONN"));
        // qmail-remote's stages
        assert_eq!(find_command("Connected to 192.0.2.1 but my name was rejected."), Some("HELO"));
        assert_eq!(find_command("Connected to 192.0.2.1 but sender was rejected."), Some("MAIL"));
        assert_eq!(find_command("Connected to 192.0.2.1 but greeting failed."), Some("CONN"));
    }
}

//! MTA log lines that record a failed or deferred delivery: Postfix (`to=<..>, ...,
//! dsn=5.1.1, status=bounced (...)`), Sendmail (`to=<..>, ..., dsn=5.1.1, stat=...`) and Exim
//! (`** addr ...: SMTP error ...` for failures, `== addr ... defer ...` for deferrals); and
//! the lines of a receiving Postfix or Exim that refused a message as it came in (`NOQUEUE:
//! reject: RCPT from client[ip]: 550 5.1.1 ...; from=<..> to=<..> proto=ESMTP helo=<..>`,
//! `H=client [ip] F=<..> rejected RCPT <..>: ...`).

use crate::pipeline::Record;
use crate::text;

/// Value of `key=` in a Postfix/Sendmail style line, up to the next ", " (or the whole
/// parenthesised text for `status=`).
fn field<'a>(l: &'a str, key: &str) -> Option<&'a str> {
    let p = l.find(key)?;
    if p > 0 && l.as_bytes()[p - 1].is_ascii_alphanumeric() {
        return None;
    }
    let v = &l[p + key.len()..];
    Some(v.split(", ").next().unwrap_or(v).trim())
}

/// The record of log line `l`, itself the evidence.
fn record(l: &str, recipient: Option<String>, action: Option<&str>, diag: String, remote_mta: Option<String>, command: Option<&str>) -> Record {
    let l = l.trim();
    Record {
        recipient,
        action: action.map(str::to_string),
        command: command.map(str::to_string),
        diagnostic: vec![diag],
        context: l.to_string(),
        remote_mta,
        evidence: vec![(l.to_string(), "log line")],
        ..Default::default()
    }
}

fn postfix_or_sendmail(l: &str) -> Option<(&'static str, Record)> {
    let to = field(l, "to=")?;
    let status_word = field(l, "status=").or_else(|| field(l, "stat="))?;
    let is_postfix = l.contains("status=");
    let lw = status_word.to_ascii_lowercase();
    if lw.starts_with("sent") || lw.starts_with("delivered") {
        return None;
    }
    let recipient = text::first_address(to);
    // (only a well-formed enhanced status code counts: the field is whatever the line says)
    let dsn = field(l, "dsn=").and_then(|s| crate::smtp::find_status(s).filter(|h| h.start == 0)).map(|h| h.value);
    // the explanation: Postfix puts it in parentheses after status=word; Sendmail's stat= is it
    let diag = if is_postfix {
        let p = l.find("status=")?;
        let rest = &l[p..];
        rest.find('(').map(|o| rest[o + 1..].trim_end().trim_end_matches(')').to_string()).unwrap_or_default()
    } else {
        let p = l.find("stat=")?;
        l[p + 5..].trim().to_string()
    };
    let relay = field(l, "relay=").map(|r| r.split(['[', ':', ' ']).next().unwrap_or(r).trim_end_matches('.').to_string());
    let action = if lw.starts_with("deferred") { "delayed" } else { "failed" };
    let command = crate::scrape::find_command(&diag);
    let mut rec = record(l, recipient, Some(action), diag, relay.filter(|r| r != "none"), command);
    rec.status_field = dsn;
    Some((if is_postfix { "postfix-log" } else { "sendmail-log" }, rec))
}

/// A receiving Postfix's refusal (smtpd, cleanup or a milter): "reject: CMD from
/// client[ip]: REPLY; from=<s> to=<r> proto=.. helo=<..>", where cleanup's header and body
/// checks give the reply after the fields instead ("...; from=<s> to=<r> proto=.. helo=<..>:
/// 5.7.1 text"). The refused recipient is `to=` (Postfix's postconf(5), "smtpd_*_restrictions",
/// and its logging of them); `from=` is the sender, never a recipient.
fn postfix_reject(l: &str) -> Option<(&'static str, Record)> {
    // ("reject: ", or a milter's "milter-reject: ")
    let at = l.find("reject: ")? + "reject: ".len();
    let tail = &l[at..];
    let semi = tail.find("; from=<")?;
    let (head, fields) = (&tail[..semi], &tail[semi + 2..]);
    // the command ("RCPT", "DATA", "CONNECT", ...; a milter's END-OF-MESSAGE, and cleanup's
    // header and body checks, refuse the DATA)
    let command = match head.split(' ').next() {
        Some("header" | "body" | "END-OF-MESSAGE") => Some("DATA"),
        c => c.filter(|c| c.bytes().all(|b| b.is_ascii_uppercase())),
    };
    // the reply: after the client ("from host[ip]: "), or after the fields (cleanup)
    let after_client = head.find("]: ").map(|p| &head[p + 3..]);
    let after_fields = fields.find(">: ").map(|p| &fields[p + 3..]);
    let diag = after_fields.or(after_client).unwrap_or(head).trim();
    let to = fields.find("to=<").map(|p| &fields[p + 3..]);
    let recipient = to.and_then(text::first_address);
    // (a temporary refusal is not a delay notice: nothing here says the message is queued)
    let action = (!diag.starts_with('4')).then_some("failed");
    let rec = record(l, recipient, action, diag.to_string(), None, command);
    Some(("postfix-reject-log", rec))
}

fn exim(l: &str) -> Option<(&'static str, Record)> {
    let (marker, action) = if let Some(p) = l.find(" ** ") {
        (p, "failed")
    } else if let Some(p) = l.find(" == ") {
        (p, "delayed")
    } else {
        return None;
    };
    let rest = &l[marker + 4..];
    let addr = rest.split_whitespace().next()?;
    let recipient = text::first_address(addr)?;
    let diag = rest.find(": ").map(|p| rest[p + 2..].trim().to_string()).unwrap_or_else(|| rest.to_string());
    let host = rest.find(" H=").map(|p| rest[p + 3..].split_whitespace().next().unwrap_or("").to_string());
    let command = crate::scrape::find_command(&diag);
    let rec = record(l, Some(recipient), Some(action), diag, host.filter(|h| !h.is_empty()), command);
    Some(("exim-log", rec))
}

/// A receiving Exim's refusal, as its main and reject logs write it (the Exim specification,
/// "Log files"): "H=client [ip] F=<sender> rejected RCPT <recipient>: reason", "temporarily
/// rejected RCPT" for a 4xx, "rejected after DATA: reason". `F=` is the sender, never a
/// recipient.
fn exim_reject(l: &str) -> Option<(&'static str, Record)> {
    let at = l.find(" rejected ")?;
    let rest = &l[at + " rejected ".len()..];
    let command = ["RCPT", "DATA", "after DATA", "MAIL"].into_iter().find(|c| rest.starts_with(c))?;
    let colon = rest.find(": ").unwrap_or(rest.len());
    let diag = rest.get(colon + 2..).unwrap_or("").trim();
    let recipient = if command == "RCPT" { text::first_address(&rest[..colon]) } else { None };
    let action = (!l[..at].ends_with(" temporarily")).then_some("failed");
    let rec = record(l, recipient, action, diag.to_string(), None, Some(command.trim_start_matches("after ")));
    Some(("exim-reject-log", rec))
}

/// Records from log text, when every record-bearing line is a known log format. Returns
/// `None` when the text holds no such line.
pub fn parse(t: &str) -> Option<(&'static str, Vec<Record>)> {
    let mut fmt = None;
    let mut recs = Vec::new();
    for l in t.lines().take(100_000) {
        let got = if l.contains("to=") && (l.contains("status=") || l.contains("stat=")) {
            postfix_or_sendmail(l)
        } else if l.contains("reject: ") && l.contains("; from=<") {
            postfix_reject(l)
        } else if (l.contains(" ** ") || l.contains(" == ")) && looks_like_exim_line(l) {
            exim(l)
        } else if l.contains(" rejected ") && looks_like_exim_line(l) {
            exim_reject(l)
        } else {
            None
        };
        if let Some((f, r)) = got {
            fmt.get_or_insert(f);
            recs.push(r);
        }
    }
    fmt.map(|f| (f, recs))
}

/// An Exim main-log line starts with a date and time and a message id.
fn looks_like_exim_line(l: &str) -> bool {
    let b = l.as_bytes();
    b.len() > 20 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[7] == b'-' && b[13] == b':'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postfix_bounced() {
        let l = "Nov 22 10:00:00 mx postfix/smtp[123]: 4F3A21C0: to=<user@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=0.5, delays=0.1/0/0.2/0.2, dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.1] said: 550 5.1.1 <user@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command))";
        let (f, r) = parse(l).unwrap();
        assert_eq!(f, "postfix-log");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].recipient.as_deref(), Some("user@example.com"));
        assert_eq!(r[0].status_field.as_deref(), Some("5.1.1"));
        assert_eq!(r[0].remote_mta.as_deref(), Some("mx.example.com"));
        assert!(r[0].diagnostic[0].starts_with("host mx.example.com"));
        assert_eq!(r[0].command.as_deref(), Some("RCPT"));
    }

    #[test]
    fn sent_lines_are_not_records() {
        assert!(parse("postfix/smtp[1]: X: to=<a@b.org>, relay=x, dsn=2.0.0, status=sent (250 ok)").is_none());
        // a mangled dsn= field gives no status, not a broken one
        let (_, recs) = parse("postfix/smtp[1]: X: to=<a@b.org>, relay=x, dsn=\u{130}5.1.1, status=bounced (550 5.1.1 unknown)").unwrap();
        assert_eq!(recs[0].status_field, None);
    }

    #[test]
    fn exim_failure_and_deferral() {
        let t = "2026-11-22 10:00:00 1rABCD-000123-AB ** user@example.com R=dnslookup T=remote_smtp H=mx.example.com [192.0.2.1]: SMTP error from remote mail server after RCPT TO:<user@example.com>: 550 5.1.1 User unknown\n\
                 2026-11-22 10:00:01 1rABCD-000124-AB == other@example.org R=dnslookup T=remote_smtp defer (-44) H=mx.example.org [192.0.2.2]: SMTP error from remote mail server after RCPT TO:<other@example.org>: 451 4.7.1 Greylisted";
        let (f, r) = parse(t).unwrap();
        assert_eq!(f, "exim-log");
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].action.as_deref(), Some("delayed"));
        assert_eq!(r[0].remote_mta.as_deref(), Some("mx.example.com"));
    }

    #[test]
    fn postfix_reject_names_to_not_from() {
        let t = "Nov 23 08:00:01 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from unknown[192.0.2.7]: 550 5.1.1 <b@example.net>: Recipient address rejected: User unknown; from=<a@example.com> to=<b@example.net> proto=ESMTP helo=<x>\n\
                 Nov 23 08:00:02 mx postfix/cleanup[2]: 5A1B: reject: body Buy now from h[192.0.2.8]; from=<a@example.com> to=<c@example.net> proto=ESMTP helo=<x>: 5.7.1 No spam\n\
                 Nov 23 08:00:03 mx postfix/smtpd[1]: NOQUEUE: reject: CONNECT from unknown[192.0.2.9]: 554 5.7.1 Client host rejected: cannot find your hostname; proto=SMTP";
        let (f, r) = parse(t).unwrap();
        assert_eq!(f, "postfix-reject-log");
        // (the CONNECT line has no from=: not a record)
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].recipient.as_deref(), Some("b@example.net"));
        assert_eq!(r[0].diagnostic[0], "550 5.1.1 <b@example.net>: Recipient address rejected: User unknown");
        assert_eq!(r[0].command.as_deref(), Some("RCPT"));
        assert_eq!(r[1].recipient.as_deref(), Some("c@example.net"));
        assert_eq!(r[1].diagnostic[0], "5.7.1 No spam");
        assert_eq!(r[1].command.as_deref(), Some("DATA"));
    }

    #[test]
    fn exim_reject_names_the_rcpt_not_the_sender() {
        let t = "2026-11-23 08:00:00 H=h [192.0.2.7] F=<a@example.com> rejected RCPT <b@example.net>: relay not permitted\n\
                 2026-11-23 08:00:01 H=h [192.0.2.7] F=<a@example.com> temporarily rejected RCPT <c@example.net>: greylisted\n\
                 2026-11-23 08:00:02 1rABCD-000123-AB H=h [192.0.2.7] F=<a@example.com> rejected after DATA: spam";
        let (f, r) = parse(t).unwrap();
        assert_eq!(f, "exim-reject-log");
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].recipient.as_deref(), Some("b@example.net"));
        assert_eq!(r[0].diagnostic[0], "relay not permitted");
        assert_eq!(r[0].action.as_deref(), Some("failed"));
        assert_eq!(r[1].recipient.as_deref(), Some("c@example.net"));
        assert_eq!(r[1].action, None);
        assert_eq!((r[2].recipient.as_deref(), r[2].command.as_deref()), (None, Some("DATA")));
        // (an Exim line that refused nothing is no record)
        assert!(parse("2026-11-23 08:00:00 H=h [192.0.2.7] F=<a@example.com> rejected EHLO or HELO x: bad").is_none());
    }

    #[test]
    fn sendmail_stat() {
        let l = "Nov 22 10:00:00 mx sendmail[1]: x01: to=<u@example.net>, delay=00:00:01, mailer=esmtp, relay=mx.example.net. [192.0.2.3], dsn=5.1.1, stat=User unknown";
        let (f, r) = parse(l).unwrap();
        assert_eq!(f, "sendmail-log");
        assert_eq!(r[0].diagnostic[0], "User unknown");
    }
}

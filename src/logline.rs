//! MTA log lines that record a failed or deferred delivery: Postfix (`to=<..>, ...,
//! dsn=5.1.1, status=bounced (...)`), Sendmail (`to=<..>, ..., dsn=5.1.1, stat=...`) and Exim
//! (`** addr ...: SMTP error ...` for failures, `== addr ... defer ...` for deferrals).

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
    let mut rec = Record {
        recipient,
        action: Some(action.into()),
        status_field: dsn.clone(),
        diagnostic: vec![diag.clone()],
        context: l.trim().to_string(),
        remote_mta: relay.filter(|r| r != "none"),
        command: crate::scrape::find_command(&diag).map(str::to_string),
        ..Default::default()
    };
    rec.evidence.push((l.trim().to_string(), "log line"));
    Some((if is_postfix { "postfix-log" } else { "sendmail-log" }, rec))
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
    let mut rec = Record {
        recipient: Some(recipient),
        action: Some(action.into()),
        diagnostic: vec![diag.clone()],
        context: l.trim().to_string(),
        remote_mta: host.filter(|h| !h.is_empty()),
        command: crate::scrape::find_command(&diag).map(str::to_string),
        ..Default::default()
    };
    rec.evidence.push((l.trim().to_string(), "log line"));
    Some(("exim-log", rec))
}

/// Records from log text, when every record-bearing line is a known log format. Returns
/// `None` when the text holds no such line.
pub fn parse(t: &str) -> Option<(&'static str, Vec<Record>)> {
    let mut fmt = None;
    let mut recs = Vec::new();
    for l in t.lines().take(100_000) {
        let got = if l.contains("to=") && (l.contains("status=") || l.contains("stat=")) {
            postfix_or_sendmail(l)
        } else if (l.contains(" ** ") || l.contains(" == ")) && looks_like_exim_line(l) {
            exim(l)
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
    fn sendmail_stat() {
        let l = "Nov 22 10:00:00 mx sendmail[1]: x01: to=<u@example.net>, delay=00:00:01, mailer=esmtp, relay=mx.example.net. [192.0.2.3], dsn=5.1.1, stat=User unknown";
        let (f, r) = parse(l).unwrap();
        assert_eq!(f, "sendmail-log");
        assert_eq!(r[0].diagnostic[0], "User unknown");
    }
}

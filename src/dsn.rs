//! RFC 3464 delivery-status fields (and their RFC 6533 "global" form): per-message fields and
//! one group per recipient. Tolerant: groups are split on blank lines or on a new
//! Final-Recipient, folded lines are unfolded, unknown fields are kept.

#[derive(Debug, Default, Clone, PartialEq)]
pub struct DsnRecipient {
    pub final_recipient: Option<String>,
    pub original_recipient: Option<String>,
    pub action: Option<String>,
    pub status: Option<String>,
    pub remote_mta: Option<String>,
    /// Diagnostic-Code type ("smtp", "x-unix", "x-postfix", ...), lower case.
    pub diagnostic_type: Option<String>,
    /// Diagnostic-Code text after the type.
    pub diagnostic: Option<String>,
    /// The comment after the Status code ("4.0.0 (example.com: host name lookup failure)").
    pub status_comment: Option<String>,
    /// How long the reporting server goes on retrying (RFC 3464 Will-Retry-Until).
    pub will_retry_until: Option<String>,
}

impl DsnRecipient {
    /// The recipient address: Final-Recipient, else Original-Recipient.
    pub fn address(&self) -> Option<&str> {
        self.final_recipient.as_deref().or(self.original_recipient.as_deref())
    }
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Dsn {
    pub reporting_mta: Option<String>,
    pub received_from_mta: Option<String>,
    pub arrival_date: Option<String>,
    pub recipients: Vec<DsnRecipient>,
}

/// Strips an RFC 3464 type prefix ("rfc822; ", "dns; ", "smtp; ") and returns (type, value).
fn typed(v: &str) -> (Option<String>, String) {
    match v.split_once(';') {
        Some((t, rest)) if !t.trim().is_empty() && t.trim().len() <= 16 && !t.contains(' ') && !t.contains('@') => {
            (Some(t.trim().to_ascii_lowercase()), rest.trim().to_string())
        }
        _ => (None, v.trim().to_string()),
    }
}

/// Address from an "rfc822; <addr>" value, unbracketed, domain lower-cased.
fn address_value(v: &str) -> Option<String> {
    let (_, val) = typed(v);
    let val = val.trim().trim_matches(|c| c == '<' || c == '>' || c == '"').trim();
    if let Some(a) = crate::text::first_address(val) {
        return Some(a);
    }
    (!val.is_empty()).then(|| val.to_string())
}

/// Unfolded (name, value) field lines of `text`. Lines that are not fields are dropped; a
/// blank line is returned as ("", "") to mark group ends.
fn fields(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if out.last().is_some_and(|(n, _)| !n.is_empty()) {
                out.push((String::new(), String::new()));
            }
            continue;
        }
        if line.starts_with([' ', '\t']) {
            if let Some((n, v)) = out.last_mut() {
                if !n.is_empty() {
                    v.push(' ');
                    v.push_str(line.trim());
                }
            }
            continue;
        }
        match crate::email::header_name(line) {
            Some(n) => out.push((n.to_ascii_lowercase(), line[n.len() + 1..].trim().to_string())),
            None => {
                // prose between groups ends the current field
                if out.last().is_some_and(|(n, _)| !n.is_empty()) {
                    out.push((String::new(), String::new()));
                }
            }
        }
    }
    out
}

/// Parses delivery-status text.
pub fn parse(text: &str) -> Dsn {
    let mut dsn = Dsn::default();
    let mut cur = DsnRecipient::default();
    let mut started = false;
    let flush = |cur: &mut DsnRecipient, dsn: &mut Dsn| {
        if cur.address().is_some() || cur.status.is_some() || cur.diagnostic.is_some() {
            dsn.recipients.push(std::mem::take(cur));
        } else {
            *cur = DsnRecipient::default();
        }
    };
    for (name, value) in fields(text) {
        if name.is_empty() {
            if started && (cur.address().is_some() || cur.action.is_some()) {
                flush(&mut cur, &mut dsn);
                started = false;
            }
            continue;
        }
        match name.as_str() {
            "reporting-mta" => dsn.reporting_mta = Some(typed(&value).1),
            "received-from-mta" => dsn.received_from_mta = Some(typed(&value).1),
            "arrival-date" => dsn.arrival_date = Some(value),
            "final-recipient" | "original-recipient" | "x-actual-recipient" => {
                let is_final = name == "final-recipient";
                // a field seen twice starts the next recipient's group
                if started && (if is_final { cur.final_recipient.is_some() } else { cur.original_recipient.is_some() }) {
                    flush(&mut cur, &mut dsn);
                }
                started = true;
                let a = address_value(&value);
                match name.as_str() {
                    "final-recipient" => cur.final_recipient = a,
                    "original-recipient" => cur.original_recipient = a,
                    _ => {}
                }
            }
            "action" => {
                if started && cur.action.is_some() {
                    flush(&mut cur, &mut dsn);
                }
                started = true;
                cur.action = Some(value.split_whitespace().next().unwrap_or("").to_ascii_lowercase());
            }
            "status" => {
                if started && cur.status.is_some() {
                    flush(&mut cur, &mut dsn);
                }
                started = true;
                let v = value.trim();
                cur.status = crate::smtp::find_status(v).map(|h| h.value).or_else(|| (!v.is_empty()).then(|| v.to_string()));
                cur.status_comment = v.split_once('(').and_then(|(_, c)| c.rsplit_once(')')).map(|(c, _)| c.trim().to_string()).filter(|c| !c.is_empty());
            }
            "remote-mta" => cur.remote_mta = Some(typed(&value).1),
            "diagnostic-code" => {
                started = true;
                let (t, v) = typed(&value);
                cur.diagnostic_type = t;
                cur.diagnostic = (!v.is_empty()).then_some(v);
            }
            "will-retry-until" => cur.will_retry_until = Some(value),
            _ => {}
        }
    }
    if started {
        flush(&mut cur, &mut dsn);
    }
    dsn
}

/// True when `text` carries RFC 3464 per-recipient fields.
pub fn looks_like_dsn(text: &str) -> bool {
    dsn_fields(|f| crate::text::contains_ci(text, f))
}

/// [`looks_like_dsn`] on lower-case text (a quicker search).
pub fn looks_like_dsn_lower(lower: &str) -> bool {
    dsn_fields(|f| crate::text::contains(lower, f))
}

fn dsn_fields(has: impl Fn(&str) -> bool) -> bool {
    (has("final-recipient:") || has("original-recipient:")) && (has("\naction:") || has("\nstatus:"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_recipients_and_folded_diagnostic() {
        let d = parse(
            "Reporting-MTA: dns; mx.example.org\nArrival-Date: Thu, 29 Apr 2013\n\n\
             Final-Recipient: rfc822; a@example.net\nOriginal-Recipient: rfc822;alias@example.com\nAction: failed\nStatus: 5.1.1\n\
             Remote-MTA: dns; mx.example.net\nDiagnostic-Code: smtp; 550 5.1.1 <a@example.net>:\n    Recipient address rejected\n\n\
             Final-Recipient: RFC822; <B@Example.NET>\nAction: delayed\nStatus: 4.4.1\n",
        );
        assert_eq!(d.reporting_mta.as_deref(), Some("mx.example.org"));
        assert_eq!(d.recipients.len(), 2);
        let a = &d.recipients[0];
        assert_eq!(a.final_recipient.as_deref(), Some("a@example.net"));
        assert_eq!(a.original_recipient.as_deref(), Some("alias@example.com"));
        assert_eq!(a.diagnostic_type.as_deref(), Some("smtp"));
        assert_eq!(a.diagnostic.as_deref(), Some("550 5.1.1 <a@example.net>: Recipient address rejected"));
        assert_eq!(a.remote_mta.as_deref(), Some("mx.example.net"));
        let b = &d.recipients[1];
        assert_eq!(b.final_recipient.as_deref(), Some("B@example.net"));
        assert_eq!(b.action.as_deref(), Some("delayed"));
        assert_eq!(b.status.as_deref(), Some("4.4.1"));
    }

    #[test]
    fn status_comment() {
        let d = parse("Final-Recipient: rfc822; a@x.org\nAction: delayed\nStatus: 4.0.0 (x.org: host name lookup failure)\n\nFinal-Recipient: rfc822; b@x.org\nStatus: 5.0.0\n");
        assert_eq!(d.recipients[0].status.as_deref(), Some("4.0.0"));
        assert_eq!(d.recipients[0].status_comment.as_deref(), Some("x.org: host name lookup failure"));
        assert_eq!(d.recipients[1].status_comment, None);
    }

    #[test]
    fn groups_without_blank_lines() {
        let d = parse("Final-Recipient: rfc822; a@x.org\nAction: failed\nStatus: 5.0.0\nFinal-Recipient: rfc822; b@x.org\nAction: failed\nStatus: 5.2.2\n");
        assert_eq!(d.recipients.len(), 2);
        assert_eq!(d.recipients[1].status.as_deref(), Some("5.2.2"));
    }

    #[test]
    fn action_before_recipient_and_original_after_final() {
        let d = parse("Action: failed\nFinal-Recipient: rfc822; a@x.org\nOriginal-Recipient: rfc822; a@x.org\nDiagnostic-Code: smtp; 550 5.1.1 no\nStatus: 5.1.1\n");
        assert_eq!(d.recipients.len(), 1);
        assert_eq!(d.recipients[0].status.as_deref(), Some("5.1.1"));
        assert_eq!(d.recipients[0].diagnostic.as_deref(), Some("550 5.1.1 no"));
    }

    #[test]
    fn garbage_gives_nothing() {
        assert!(parse("hello\nworld: \n\n\n").recipients.is_empty());
    }
}

//! Amazon SES event notifications (JSON, as SNS emails them or as an ESP dashboard shows
//! them): "Bounce" (bouncedRecipients with action, status, diagnosticCode), "Complaint"
//! (complainedRecipients) and "Delivery" (recipients, smtpResponse). A small reader for just
//! these fields: a JSON library costs more wasm size than the whole reader.
//! Source: the SES developer guide, "Contents of notifications for Amazon SES".

use crate::pipeline::Record;

/// What a notification says.
#[derive(Debug, Clone)]
pub enum Notification {
    Bounce(Vec<Record>),
    /// A DeliveryDelay event: the recipients SES is still trying, and until when.
    Delay(Vec<Record>, Option<String>),
    Complaint(Vec<Record>),
    Delivery(Vec<Record>),
}

/// The notification in `text`, if it holds one. SNS wraps long lines, so line breaks
/// inside the JSON are removed first. Both SNS's notifications ("notificationType") and a
/// configuration set's event publishing ("eventType") are read, and either one inside an
/// SNS message as the SNS email-json subscription sends it (the notification as the
/// escaped JSON string "Message").
pub fn parse(text: &str) -> Option<Notification> {
    // (two searches of the whole text when it is no notification, as nearly every input is)
    let (at, key) = ["\"notificationType\"", "\"eventType\""].into_iter().find_map(|k| Some((text.find(&k[..k.len() - 1])?, k)))?;
    // (an SNS envelope's "Message": the whole text is read for it)
    let escaped = text[at + key.len() - 1..].starts_with('\\');
    let start = if escaped { 0 } else { text[..at].rfind('{')? };
    let json: String = text[start..].split(['\r', '\n']).collect();
    if escaped {
        // (each level of escaping doubles the backslashes: the depth stays small)
        return parse(&string_after(&json, "\"Message\"")?);
    }
    let kind = string_after(&json, key)?;
    match kind.as_str() {
        // (a bounce's recipients failed, unless SES calls it transient; a delay's are still
        // being tried, until its expiration time)
        "Bounce" | "DeliveryDelay" => {
            let bounce = kind == "Bounce";
            let recs = recipients(&json, if bounce { "\"bouncedRecipients\"" } else { "\"delayedRecipients\"" }, bounce && string_after(&json, "\"bounceType\"").is_some_and(|t| t == "Permanent"));
            Some(if bounce { Notification::Bounce(recs) } else { Notification::Delay(recs, string_after(&json, "\"expirationTime\"")) })
        }
        "Complaint" => {
            let ftype = string_after(&json, "\"complaintFeedbackType\"").unwrap_or_else(|| "abuse".into());
            let recs = objects_in(&json, "\"complainedRecipients\"")
                .into_iter()
                .map(|o| Record {
                    recipient: string_after(o, "\"emailAddress\"").as_deref().and_then(crate::text::first_address),
                    fixed_reason: Some("feedback"),
                    diagnostic: vec![format!("Complaint ({ftype})")],
                    ..Default::default()
                })
                .collect();
            Some(Notification::Complaint(recs))
        }
        "Delivery" => {
            let resp = string_after(&json, "\"smtpResponse\"");
            let recs = strings_in(&json, "\"recipients\"")
                .into_iter()
                .map(|a| Record {
                    recipient: crate::text::first_address(&a),
                    action: Some("delivered".into()),
                    diagnostic: resp.clone().into_iter().collect(),
                    ..Default::default()
                })
                .collect();
            Some(Notification::Delivery(recs))
        }
        _ => None,
    }
}

/// The records of a bounce's or a delay's recipients (the array after `key`).
fn recipients(json: &str, key: &str, permanent: bool) -> Vec<Record> {
    objects_in(json, key)
        .into_iter()
        .map(|o| {
            let addr = string_after(o, "\"emailAddress\"");
            let diag = string_after(o, "\"diagnosticCode\"").map(|d| d.split_once(';').map_or(d.clone(), |(t, r)| if t.len() < 12 { r.trim().to_string() } else { d.clone() }));
            let mut r = Record {
                recipient: addr.as_deref().and_then(crate::text::first_address),
                action: string_after(o, "\"action\"").or_else(|| Some(if permanent { "failed" } else { "delayed" }.into())),
                status_field: string_after(o, "\"status\""),
                diagnostic: diag.clone().into_iter().collect(),
                remote_mta: None,
                ..Default::default()
            };
            if let Some(d) = diag {
                r.evidence.push((d, "diagnosticCode in the SES notification"));
            }
            r
        })
        .collect()
}

/// The JSON string value after `key` (`"key": "value"`), unescaped.
fn string_after(json: &str, key: &str) -> Option<String> {
    let p = json.find(key)? + key.len();
    let rest = json[p..].trim_start().strip_prefix(':')?.trim_start();
    read_string(rest).map(|(s, _)| s)
}

/// A JSON string at the start of `s` (which starts with `"`): its value and the bytes read.
fn read_string(s: &str) -> Option<(String, usize)> {
    let b = s.as_bytes();
    if b.first() != Some(&b'"') {
        return None;
    }
    let mut out = String::new();
    let mut chars = s[1..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, i + 2)),
            '\\' => match chars.next()?.1 {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'u' => {
                    let hex: String = (0..4).filter_map(|_| chars.next().map(|x| x.1)).collect();
                    out.push(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32).unwrap_or('\u{FFFD}'));
                }
                other => out.push(other),
            },
            _ => out.push(c),
        }
    }
    None
}

/// The characters of `s` outside JSON strings, with their byte offsets.
fn structural(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let (mut in_str, mut esc) = (false, false);
    s.char_indices().filter(move |&(_, c)| {
        if in_str {
            match c {
                '\\' if !esc => esc = true,
                '"' if !esc => in_str = false,
                _ => esc = false,
            }
            false
        } else {
            in_str = c == '"';
            !in_str
        }
    })
}

/// The text of the array after `key`, up to its closing bracket.
fn array_after<'a>(json: &'a str, key: &str) -> Option<&'a str> {
    let p = json.find(key)? + key.len();
    let rest = json[p..].trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('[')?;
    let mut depth = 0usize;
    for (i, c) in structural(rest) {
        match c {
            '[' | '{' => depth += 1,
            ']' if depth == 0 => return Some(&rest[..i]),
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// The objects (`{...}`) of the array after `key`, as text.
fn objects_in<'a>(json: &'a str, key: &str) -> Vec<&'a str> {
    let Some(arr) = array_after(json, key) else { return vec![] };
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in structural(arr) {
        match c {
            '{' => {
                if depth == 0 {
                    start = i;
                }
                depth += 1;
            }
            '}' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(&arr[start..=i]);
                }
            }
            _ => {}
        }
    }
    out
}

/// The strings of the array after `key`.
fn strings_in(json: &str, key: &str) -> Vec<String> {
    let Some(arr) = array_after(json, key) else { return vec![] };
    let mut out = Vec::new();
    let mut rest = arr;
    while let Some(p) = rest.find('"') {
        match read_string(&rest[p..]) {
            Some((s, n)) => {
                out.push(s);
                rest = &rest[p + n..];
            }
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounce_with_wrapped_lines() {
        let t = "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\",\"bouncedRecipients\":[{\"emailAddress\":\"a@example.com\",\"action\":\"failed\",\"status\":\"5.1.1\",\"diagnosticCode\":\"smtp; 550 5.1.1 user unkn\nown\"}]},\"mail\":{\"destination\":[\"a@example.com\"]}}";
        let Some(Notification::Bounce(r)) = parse(t) else { panic!("not a bounce") };
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].recipient.as_deref(), Some("a@example.com"));
        assert_eq!(r[0].status_field.as_deref(), Some("5.1.1"));
        assert_eq!(r[0].diagnostic, ["550 5.1.1 user unknown"]);
    }

    #[test]
    fn complaint_and_delivery() {
        let c = "{\"notificationType\":\"Complaint\",\"complaint\":{\"complainedRecipients\":[{\"emailAddress\":\"x@example.org\"}],\"complaintFeedbackType\":\"abuse\"}}";
        assert!(matches!(parse(c), Some(Notification::Complaint(r)) if r[0].recipient.as_deref() == Some("x@example.org")));
        let d = "{\"notificationType\":\"Delivery\",\"delivery\":{\"recipients\":[\"y@example.org\",\"z@example.org\"],\"smtpResponse\":\"250 2.6.0 Message received\"}}";
        assert!(matches!(parse(d), Some(Notification::Delivery(r)) if r.len() == 2 && r[1].action.as_deref() == Some("delivered")));
    }

    #[test]
    fn event_publishing_and_the_sns_envelope() {
        // a configuration set's event ("eventType") reads as a notification does
        let e = "{\"eventType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\",\"bouncedRecipients\":[{\"emailAddress\":\"a@example.com\",\"status\":\"5.1.1\"}]}}";
        assert!(matches!(parse(e), Some(Notification::Bounce(r)) if r[0].action.as_deref() == Some("failed")));
        // the same inside SNS's email-json message, escaped, with a line SNS wrapped
        let sns = "Content-Type: text/plain\n\n{\n  \"Type\" : \"Notification\",\n  \"Message\" : \"{\\\"notificationType\\\":\\\"Bounce\\\",\\\"bounce\\\":{\\\"bounceType\\\":\\\"Permanent\\\",\\\"bouncedRecipients\\\":[{\\\"emailAddress\\\":\\\"b@exam\nple.com\\\",\\\"diagnosticCode\\\":\\\"smtp; 550 5.1.1 user unknown\\\"}]}}\",\n  \"Timestamp\" : \"2025-01-01T00:00:00Z\"\n}";
        let Some(Notification::Bounce(r)) = parse(sns) else { panic!("not a bounce") };
        assert_eq!(r[0].recipient.as_deref(), Some("b@example.com"));
        assert_eq!(r[0].diagnostic, ["550 5.1.1 user unknown"]);
        // a delay event: still tried, until SES's expiration time
        let d = "{\"eventType\":\"DeliveryDelay\",\"deliveryDelay\":{\"expirationTime\":\"2025-06-04T08:40:02Z\",\"delayedRecipients\":[{\"emailAddress\":\"c@example.com\",\"status\":\"4.4.7\"}]}}";
        let Some(Notification::Delay(r, until)) = parse(d) else { panic!("not a delay") };
        assert_eq!((r[0].action.as_deref(), until.as_deref()), (Some("delayed"), Some("2025-06-04T08:40:02Z")));
        // "Type" in headers and in other keys is no notification
        assert!(parse("Content-Type: text/plain\n\n{\"Type\" : \"Notification\", \"Message\" : \"hello\"}").is_none());
    }

    #[test]
    fn not_json() {
        assert!(parse("hello {\"x\": 1}").is_none());
        assert!(parse("{\"notificationType\":\"Bounce\",\"bouncedRecipients\":[{\"emailAddress\":\"a").is_some_and(|n| matches!(n, Notification::Bounce(r) if r.is_empty())));
    }
}

//! Finding SMTP reply codes (RFC 5321) and enhanced status codes (RFC 3463) in free text.
//! Hand-written scanners: no regex, linear in the text length.

/// A code found in text, with its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit<T> {
    pub value: T,
    pub start: usize,
    pub end: usize,
}

fn digit(b: u8) -> bool {
    b.is_ascii_digit()
}

/// Enhanced status codes (`X.Y.Z`, class 2/4/5, subject 0-7, detail up to 3 digits) in order.
/// A code inside a longer dotted number (an IP address or a version like 1.2.3.4) is skipped.
pub fn statuses(s: &str) -> Vec<Hit<String>> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 5 <= b.len() {
        let c = b[i];
        if matches!(c, b'2' | b'4' | b'5')
            && (i == 0 || !(digit(b[i - 1]) || b[i - 1] == b'.'))
            && b[i + 1] == b'.'
        {
            // subject: 1-3 digits (0-7 by the registry; bigger numbers are not codes)
            let mut j = i + 2;
            let s0 = j;
            while j < b.len() && digit(b[j]) && j - s0 < 3 {
                j += 1;
            }
            if j > s0 && j < b.len() && b[j] == b'.' {
                let subject = &s[s0..j];
                let d0 = j + 1;
                let mut k = d0;
                while k < b.len() && digit(b[k]) && k - d0 < 3 {
                    k += 1;
                }
                let tail_ok = k == b.len()
                    || !(digit(b[k]) || (b[k] == b'.' && k + 1 < b.len() && digit(b[k + 1])));
                let subj_ok = subject.len() == 1 && subject.as_bytes()[0] <= b'7';
                if k > d0 && tail_ok && subj_ok {
                    out.push(Hit { value: s[i..k].to_string(), start: i, end: k });
                    i = k;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// Whether `s` holds an enhanced status code (cheap: no allocation in the common case).
pub fn has_status(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(2).any(|w| matches!(w[0], b'2' | b'4' | b'5') && w[1] == b'.') && !statuses(s).is_empty()
}

/// The enhanced status code that speaks for a failure in `s`: the first of class 4 or 5
/// (a "2.1.5" earlier in a transcript is not the failure), and a specific one over a general
/// "X.Y.0" of the same class that precedes it ("5.1.0 - Unknown address error 550-'5.2.2").
pub fn find_status(s: &str) -> Option<Hit<String>> {
    let all = statuses(s);
    let failing: Vec<&Hit<String>> = all.iter().filter(|h| !h.value.starts_with('2')).collect();
    let first = failing.first().copied().or(all.first())?;
    // RFC 3463: X.4.7 (delivery time expired) should give way to the code of the actual
    // problem found while trying, when the text carries it
    if first.value[1..] == *".4.7" {
        if let Some(cause) = failing.iter().find(|h| h.value[1..] != *".4.7") {
            return Some((*cause).clone());
        }
    }
    if first.value.ends_with(".0") {
        let class = first.value.as_bytes()[0];
        if let Some(better) = failing.iter().find(|h| h.value.as_bytes()[0] == class && !h.value.ends_with(".0")) {
            return Some((*better).clone());
        }
    }
    Some(first.clone())
}

/// SMTP reply codes (2xx/4xx/5xx, second digit 0-5) standing as a token: at a line start,
/// or after a space, colon, `<`, `(`, `[`, `#`, `"`; followed by a space, `-`, end or
/// line end. Numbers inside longer numbers, dates (`2013-`), or sizes are not codes.
pub fn replies(s: &str) -> Vec<Hit<u16>> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 3 <= b.len() {
        let c = b[i];
        if matches!(c, b'2' | b'4' | b'5')
            && digit(b[i + 1])
            && b[i + 1] <= b'5'
            && digit(b[i + 2])
            && (i == 0 || matches!(b[i - 1], b' ' | b'\t' | b'\n' | b':' | b'<' | b'(' | b'[' | b'#' | b'"' | b'\'' | b'=' | b';'))
        {
            let after = b.get(i + 3).copied();
            let ok = match after {
                None | Some(b'\n') | Some(b'\r') => true,
                Some(b' ') | Some(b'\t') | Some(b')') | Some(b']') => true,
                // "550: 5.1.1 ..." (Yahoo), "550:" at a line end
                Some(b':') => matches!(b.get(i + 4), None | Some(b' ') | Some(b'\n') | Some(b'\r')),
                // "550-5.7.1" continuation; but not a date such as "2013-04-29"
                Some(b'-') => !matches!(b.get(i + 4), Some(d) if digit(*d)) || b.get(i + 5) == Some(&b'.'),
                Some(b'.') | Some(b',') | Some(b';') => !matches!(b.get(i + 4), Some(d) if digit(*d)),
                _ => false,
            };
            // "(#5.1.1)" is a status; "said: 550" is a reply; a reply directly followed
            // by a unit ("552 bytes") or inside prose numbers stays a candidate: the caller
            // prefers codes that start a line or precede a status code.
            if ok {
                let v = (c - b'0') as u16 * 100 + (b[i + 1] - b'0') as u16 * 10 + (b[i + 2] - b'0') as u16;
                out.push(Hit { value: v, start: i, end: i + 3 });
                i += 3;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The most likely reply code in `s`: one directly followed by an enhanced status code of
/// the same class ("550 5.1.1", "550-5.1.1"), else one starting a line or following a
/// "said:"-like marker, else the first token-like one. When `class` is given ('4' or '5')
/// only codes of that class count.
pub fn find_reply(s: &str, class: Option<u8>) -> Option<u16> {
    let b = s.as_bytes();
    let all: Vec<Hit<u16>> = replies(s)
        .into_iter()
        // only codes some RFC defines (a "426" or "542" is not an SMTP reply)
        .filter(|h| crate::knowledge::reply_codes::lookup(h.value).is_some())
        .filter(|h| h.value >= 400 || h.value < 300)
        .filter(|h| class.is_none_or(|c| (h.value / 100) as u8 == c - b'0'))
        .collect();
    // a failure code speaks for the failure, not a "250 Ok" earlier in a transcript
    let failing: Vec<Hit<u16>> = all.iter().copied().filter(|h| h.value >= 400).collect();
    let cands = if failing.is_empty() { all } else { failing };
    // Sendmail quotes the remote's reply after its own: "554 <a@b>... 550 Host unknown";
    // the quoted code is the remote server's
    if let [first, second, ..] = cands.as_slice() {
        let between = &s[first.end..second.start];
        if between.contains(">...") && !between.contains('\n') && between.len() < 200 {
            return Some(second.value);
        }
    }
    // paired with a status code of the same class ("550 5.1.1", "550-5.1.1", "550-'5.1.1")
    for h in &cands {
        let rest = &b[h.end..];
        let skip = rest.iter().take(3).take_while(|c| matches!(c, b' ' | b'-' | b'\'' | b'"' | b':')).count();
        if skip > 0
            && rest.len() >= skip + 4
            && rest[skip] == b'0' + (h.value / 100) as u8
            && rest[skip + 1] == b'.'
        {
            return Some(h.value);
        }
    }
    // at a line start (after indentation or ">>>"/"<<<" transcript markers) or after "said:"
    for h in &cands {
        let line_start = s[..h.start].rfind('\n').map_or(0, |p| p + 1);
        let before = s[line_start..h.start].trim();
        let before_l = before.to_ascii_lowercase();
        if before.is_empty()
            || before.ends_with("<<<")
            || before_l.ends_with("said:")
            || before_l.ends_with("said")
            || before_l.ends_with("returned:")
            || before_l.ends_with("reply:")
            || before_l.ends_with("error:")
            || before_l.ends_with("response:")
            || before_l.ends_with("diagnostic-code: smtp;")
            || before_l.ends_with("code")
            || before_l.ends_with("smtp;")
            || before.ends_with(':')
            || before.ends_with('#')
            || before.ends_with('\'')
            || before.ends_with('"')
        {
            // a line that is only a number (a count, a port) is not a reply
            let after = s[h.end..].split('\n').next().unwrap_or("");
            if !after.trim().is_empty() || before.ends_with(':') {
                return Some(h.value);
            }
        }
    }
    // Amazon SES quotes the remote reply after its own words: "... error 550-'Unknown user ...'"
    if let Some(h) = cands.iter().find(|h| b[h.end..].starts_with(b"-'")) {
        return Some(h.value);
    }
    // a multi-line reply whose first line the scan leaves out ("550-192.0.2.1 blocked ...
    // 550 Error ..."): the same code opens the text as "550-" and comes back later
    let o = s.trim_start().as_bytes();
    let opening = (o.len() > 4 && o[3] == b'-' && o[..3].iter().all(|c| digit(*c)))
        .then(|| o[..3].iter().fold(0u16, |n, c| n * 10 + (c - b'0') as u16))?;
    cands.iter().map(|h| h.value).find(|&v| v == opening)
}

/// Class digit of a code ("5.1.1" -> b'5', 550 -> b'5').
pub fn class_of_status(status: &str) -> Option<u8> {
    status.as_bytes().first().copied().filter(|c| matches!(c, b'2' | b'4' | b'5'))
}

/// A multi-line reply in one line of words (`s` has single spaces), as a person reads it:
/// the code that opens each continuation line ("550-5.7.26", "550-", and "550 5.7.26" on
/// the last) is left out after the first, which reads as a one-line reply's ("550 5.7.26").
/// (For what the result shows. The classifier reads `pipeline::server_words`, which works on
/// the reply's lines and drops every code and each URL's path.)
pub fn join_reply(s: &str) -> String {
    let Some(h) = replies(s).into_iter().find(|h| s.as_bytes().get(h.end) == Some(&b'-')) else { return s.to_string() };
    let code = &s[h.start..h.end];
    let mut words = s[h.end + 1..].split(' ').peekable();
    let st = words.peek().copied().filter(|w| w.contains('.') && w.bytes().all(|b| b.is_ascii_digit() || b == b'.')).unwrap_or("");
    let mut out = s[..h.end].to_string();
    let mut first = true;
    while let Some(w) = words.next() {
        let w = match w.strip_prefix(code) {
            // (a continuation's code, with or without its status; a word it was glued to stays)
            Some(r) if !first && r.starts_with('-') => match &r[1..] {
                r if r.is_empty() || r == st => continue,
                r => r,
            },
            // (the last line's "550 5.7.26")
            Some("") if !first && (st.is_empty() || words.peek() == Some(&st)) => {
                words.next_if_eq(&st);
                continue;
            }
            _ => w,
        };
        first = false;
        if !w.is_empty() {
            out.push(' ');
            out.push_str(w);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_line_replies_read_as_one() {
        for (multi, one) in [
            ("550-5.7.26 The domain has an SPF record with a 550-5.7.26 hard fail policy. 550-5.7.26 550 5.7.26 To learn more", "550 5.7.26 The domain has an SPF record with a hard fail policy. To learn more"),
            ("Remote host said: 421-4.7.0 [192.0.2.1] Our system 421-4.7.0 has detected 421 4.7.0 spam", "Remote host said: 421 4.7.0 [192.0.2.1] Our system has detected spam"),
            ("550-Your message was rejected 550-Reason: no reverse DNS 550 Bye", "550 Your message was rejected Reason: no reverse DNS Bye"),
            ("550 5.1.1 User unknown; 550-5.1.1 stays when it opens nothing", "550 5.1.1 User unknown; 550 5.1.1 stays when it opens nothing"),
            ("550 5.1.1 User unknown", "550 5.1.1 User unknown"),
            ("550-5.7.1 Blocked: 550-5.7.1 see 5.7.1 in our FAQ", "550 5.7.1 Blocked: see 5.7.1 in our FAQ"),
            ("Deferred since 2013-04-29 10:00", "Deferred since 2013-04-29 10:00"),
        ] {
            assert_eq!(join_reply(multi), one);
        }
    }

    #[test]
    fn status_codes_not_ip_addresses() {
        let v: Vec<_> = statuses("host 192.0.2.1 said 550 5.1.1 and (#4.4.1) v2.1.5.3").into_iter().map(|h| h.value).collect();
        assert_eq!(v, ["5.1.1", "4.4.1"]);
        assert_eq!(find_status("Status: 5.7.606").unwrap().value, "5.7.606");
        assert!(find_status("version 5.12.1").is_none());
        assert_eq!(find_status("5.1.0 - Unknown address error 550-'5.2.2 Mailbox Full'").unwrap().value, "5.2.2");
        assert_eq!(find_status("250 2.1.5 Ok then 451 4.3.0 Error").unwrap().value, "4.3.0");
    }

    #[test]
    fn reply_codes_prefer_pairs_and_line_starts() {
        assert_eq!(find_reply("host mx said: 550 5.1.1 <a@b.c>: no such user", None), Some(550));
        assert_eq!(find_reply("size 552 bytes\n554 5.7.1 rejected", None), Some(554));
        assert_eq!(find_reply("550-5.7.1 first\n550 5.7.1 last", None), Some(550));
        // Exchange writes the remote reply after "smtp;" ("<mx #5.1.1 smtp;550 5.1.1 ...>")
        assert_eq!(find_reply("<mx.example.net #5.1.1 smtp;550 5.1.1 <a@b.c>: unknown>", None), Some(550));
        assert_eq!(find_reply("Date: 2013-04-29 12:00", None), None);
        assert_eq!(find_reply("<<< 450 4.7.1 try later", None), Some(450));
        assert_eq!(find_reply("remote host 192.0.2.32 said: 550 Unknown user", None), Some(550));
        assert_eq!(find_reply("5.1.0 - Unknown address error 550-'5.2.2 <a@b.c>... Mailbox Full'", None), Some(550));
        assert_eq!(find_reply("550: 5.2.2 <a@b.c>... Mailbox Full", None), Some(550));
        assert_eq!(find_reply("Out: 250 2.1.5 Ok\nOut: 451 4.3.0 Error: queue file write error", None), Some(451));
        assert_eq!(find_reply("426 connection timed out", None), None);
        assert_eq!(find_reply("554 <a@example.org>... 550 Host unknown (Authoritative answer)", None), Some(550));
        assert_eq!(find_reply("5.3.0 - Other mail system problem 550-'Unknown user a@b.c' (delivery attempts: 0)", None), Some(550));
        // a multi-line reply whose first line starts with a number: its code comes back later
        assert_eq!(find_reply("550-192.0.2.1 blocked by ldap:ou=x 550 Error - Blocked for abuse", None), Some(550));
        assert_eq!(find_reply("550-192.0.2.1 blocked; see 554 bytes", None), None);
    }

    #[test]
    fn reply_class_filter() {
        assert_eq!(find_reply("421 busy; then 550 5.1.1 unknown", Some(b'5')), Some(550));
    }
}

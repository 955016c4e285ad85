//! Bounces forwarded in a message's text: a person forwards "Undeliverable: ..." to a help
//! desk, or copies a bounce out of webmail together with its From/To/Subject lines. The
//! mail client writes the bounce's own header lines above its text ("From: Mail Delivery
//! Subsystem <mailer-daemon@...>", "Date: ...", "Subject: ...", "To: <the sender>"); this
//! finds them, so the bounce is read from there and its addressee (the person who sent the
//! original message) is not taken for a failed recipient.

use crate::text;

/// "From:" as mail clients write it in a forwarded message's header lines (Gmail, Outlook,
/// Apple Mail, Thunderbird in their English, German, French/Spanish/Portuguese, Italian,
/// Russian, Japanese and Chinese versions).
const FROM_NAMES: &[&str] = &["from", "von", "de", "da", "от", "差出人", "发件人", "寄件者"];

/// Senders that are mail systems, not people: the names and mailboxes bounces come from
/// (Postfix and Sendmail "MAILER-DAEMON", "Mail Delivery System/Subsystem", Exchange's
/// "Microsoft Outlook <MicrosoftExchange...>", "postmaster").
const SYSTEM_SENDERS: &[&str] =
    &["mailer-daemon", "postmaster", "mail delivery", "delivery subsystem", "microsoftexchange", "mail administrator"];

/// A forwarded bounce's header lines.
#[derive(Debug, PartialEq)]
pub struct Forwarded {
    /// Byte offsets of the lines: from the start of the "From:" line to the end of the last.
    pub start: usize,
    pub end: usize,
    /// The addresses on the lines after "From:" (To, Cc): whom the bounce was sent to.
    pub addressee: Vec<String>,
}

/// A forwarded bounce's header lines in lower-case `lower`: a "From:" line naming a mail
/// system as sender (or the null sender "<>" bounces are sent from, RFC 5321 4.5.5), with
/// other header lines right after it. Not when a server's reply stands above them: then
/// they are the original message's headers quoted in a bounce. (Only the first 64 KB are
/// looked at: the forwarding person's note stands above the bounce.)
pub fn bounce_header(lower: &str) -> Option<Forwarded> {
    let head = text::truncate(lower, 64 * 1024);
    let mut lines = Lines { s: head, at: 0 };
    while let Some((start, l)) = lines.next() {
        if crate::smtp::has_status(l) || crate::smtp::find_reply(l, None).is_some_and(|c| c >= 400) {
            return None;
        }
        let system = |v: &str| v.trim() == "<>" || SYSTEM_SENDERS.iter().any(|s| v.contains(s)) || text::first_address(v).is_some_and(|a| crate::scrape::is_role_address(&a));
        if !header(l).is_some_and(|(name, value)| FROM_NAMES.contains(&name) && system(value)) {
            continue;
        }
        let mut block = lines.clone();
        let (mut end, mut n, mut addressee) = (lines.at, 0, Vec::new());
        while let Some((_, (_, value))) = block.next().and_then(|(s, l)| Some((s, header(l)?))).filter(|_| n < 5) {
            addressee.extend(text::find_addresses(value).into_iter().map(|f| f.addr));
            (end, n) = (block.at, n + 1);
        }
        if n > 0 {
            return Some(Forwarded { start, end: end.min(lower.len()), addressee });
        }
    }
    None
}

/// A header line's lower-case name and value ("subject: hi", "de : ..."): a name of one
/// word before the colon.
fn header(l: &str) -> Option<(&str, &str)> {
    let (name, value) = l.split_once(':')?;
    let name = name.trim_end();
    (!name.is_empty() && name.len() <= 24 && !name.contains(char::is_whitespace)).then_some((name, value))
}

/// Lines with their byte offsets, quote marks (">") and indentation left out.
#[derive(Clone)]
struct Lines<'a> {
    s: &'a str,
    at: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = (usize, &'a str);
    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.s.get(self.at..).filter(|r| !r.is_empty())?;
        let len = rest.find('\n').map_or(rest.len(), |p| p + 1);
        let start = self.at;
        self.at += len;
        Some((start, rest[..len].trim_end().trim_start_matches(['>', ' ', '\t', '*'])))
    }
}

#[cfg(test)]
mod tests {
    use super::{bounce_header, Forwarded};

    #[test]
    fn a_forwarded_bounces_header_lines_are_found_in_any_client_language() {
        let t = "hi, i got this back. what does it mean?\n\n---------- forwarded message ---------\nfrom: mail delivery subsystem <mailer-daemon@googlemail.com>\ndate: mon, 2 nov 2026 at 10:00\nsubject: delivery status notification (failure)\nto: <pat@example.org>\n\naddress not found\n";
        let f = bounce_header(t).expect("a forwarded bounce");
        assert!(t[f.start..].starts_with("from: mail delivery"));
        assert_eq!(&t[f.end..], "\naddress not found\n");
        assert_eq!(f.addressee, ["pat@example.org"]);
        let t = "von: postmaster@example.de\ngesendet: montag, 2. november 2026\nan: pat@example.org\nbetreff: unzustellbar\n";
        assert_eq!(bounce_header(t), Some(Forwarded { start: 0, end: t.len(), addressee: vec!["pat@example.org".into()] }));
    }

    #[test]
    fn a_person_as_sender_or_a_lone_from_line_is_no_forwarded_bounce() {
        // a forwarded message from a person; the original's headers quoted in a bounce
        assert_eq!(bounce_header("from: pat <pat@example.org>\nsubject: lunch\nto: sam@example.net\n"), None);
        // a bounce quoting its original's headers, the sender a role address
        assert_eq!(bounce_header("550 5.4.1 access denied\n\n---- original mail info\nfrom: postmaster@example.org\nsubject: hi\n"), None);
        // a "from:" line with nothing of a header block after it
        assert_eq!(bounce_header("from: mailer-daemon@example.org\n\nthe message could not be delivered\n"), None);
    }
}

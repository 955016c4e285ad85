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
const FROM_NAMES: &[&str] = &["from:", "von:", "de:", "da:", "от:", "差出人:", "发件人:", "寄件者:"];

/// The other header lines of such a block: recipients first (their addresses are the
/// bounce's addressee), then subject and date.
const TO_NAMES: &[&str] = &["to:", "cc:", "an:", "à:", "a:", "para:", "кому:", "宛先:", "收件人:"];
const OTHER_NAMES: &[&str] = &[
    "subject:", "date:", "sent:", "betreff:", "datum:", "gesendet:", "objet:", "envoyé:", "asunto:", "enviado:",
    "oggetto:", "inviato:", "assunto:", "тема:", "дата:", "отправлено:", "件名:", "日付:", "送信日時:", "主题:", "日期:",
    "发送时间:", "主旨:",
];

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
    /// The addresses of the To/Cc lines: whom the bounce was sent to.
    pub addressee: Vec<String>,
}

/// A forwarded bounce's header lines in lower-case `lower`: a "From:" line naming a mail
/// system as sender, with other header lines right after it. Not when a server's reply stands above them: then they
/// are the original message's headers quoted in a bounce. (Only the first 64 KB are
/// looked at: the forwarding person's note stands above the bounce.)
pub fn bounce_header(lower: &str) -> Option<Forwarded> {
    let head = text::truncate(lower, 64 * 1024);
    let mut at = 0;
    let lines: Vec<(usize, &str)> = head
        .split('\n')
        .map(|l| {
            let start = at;
            at += l.len() + 1;
            (start, l.trim_start_matches(['>', ' ', '\t', '*']))
        })
        .collect();
    for (i, &(start, l)) in lines.iter().enumerate() {
        // (a bounce's own text above the lines: they quote the original message's headers)
        if crate::smtp::has_status(l) || crate::smtp::find_reply(l, None).is_some_and(|c| c >= 400) {
            return None;
        }
        let Some(name) = FROM_NAMES.iter().find(|n| l.starts_with(*n)) else { continue };
        let value = &l[name.len()..];
        // (or the null sender "<>" that bounces are sent from, RFC 5321 4.5.5)
        let system = value.trim() == "<>"
            || SYSTEM_SENDERS.iter().any(|s| value.contains(s)) || text::first_address(value).is_some_and(|a| crate::scrape::is_role_address(&a));
        if !system {
            continue;
        }
        let block: Vec<&str> = lines[i + 1..].iter().take(5).map(|&(_, l)| l).take_while(|l| is_header_line(l)).collect();
        if block.is_empty() {
            continue;
        }
        let addressee = block
            .iter()
            .filter(|l| TO_NAMES.iter().any(|n| l.starts_with(n)))
            .flat_map(|l| text::find_addresses(l).into_iter().map(|f| f.addr))
            .collect();
        let end = lines.get(i + 1 + block.len()).map_or(lower.len(), |&(s, _)| s);
        return Some(Forwarded { start, end, addressee });
    }
    None
}

fn is_header_line(l: &str) -> bool {
    TO_NAMES.iter().chain(OTHER_NAMES).any(|n| l.starts_with(n))
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

//! Which mail system wrote a bounce, from the fixed texts and headers each one uses.
//! Informational (shown to admins, used for the typical retry period); the reading of the
//! bounce itself does not depend on it.

/// A bounce format and the lower-case marks that identify it (any one suffices). Marks are
/// searched in the bounce's own headers and notification text, in table order.
pub struct Format {
    pub id: &'static str,
    pub name: &'static str,
    pub marks: &'static [&'static str],
}

/// Sources: each MTA's bounce templates (Postfix bounce(5), Exim's
/// exim-deliver-message, Sendmail's DSN texts, qmail-send, Courier, OpenSMTPD) and the
/// header fields providers add to their bounces.
pub static FORMATS: &[Format] = &[
    Format { id: "amazonses", name: "Amazon SES", marks: &["x-ses-outgoing", "amazonses.com", "amazon ses"] },
    Format { id: "sendgrid", name: "SendGrid", marks: &["sendgrid"] },
    Format { id: "gmail", name: "Gmail / Google Workspace", marks: &["mailer-daemon@googlemail.com", "google tried to deliver your message", "the response from the remote server was", "mailer-daemon@google.com", "x-gm-message-state"] },
    Format { id: "office365", name: "Microsoft 365 / Exchange Online", marks: &["x-ms-exchange-message-is-ndr", "protection.outlook.com", "outlook.com", "office365", "microsoft 365"] },
    Format { id: "exchange", name: "Microsoft Exchange", marks: &["x-ms-exchange", "microsoft exchange", "did not reach the following recipient", "delivery has failed to these recipients", "msexch"] },
    Format { id: "yahoo", name: "Yahoo Mail", marks: &["yahoo.com", "yahoo! mail", "yahoodns.net"] },
    Format { id: "aol", name: "AOL", marks: &["aol.com"] },
    Format { id: "postfix", name: "Postfix", marks: &["x-postfix-queue-id", "this is the mail system at host", "(postfix)", "postfix program"] },
    Format { id: "exim", name: "Exim", marks: &["this message was created automatically by mail delivery software", "x-failed-recipients", "exim"] },
    Format { id: "sendmail", name: "Sendmail", marks: &["----- transcript of session follows -----", "the original message was received at", "sendmail"] },
    Format { id: "qmail", name: "qmail", marks: &["this is the qmail-send program", "qmail"] },
    Format { id: "courier", name: "Courier", marks: &["courier mail server"] },
    Format { id: "opensmtpd", name: "OpenSMTPD", marks: &["opensmtpd", "this is the mailer-daemon, please do not reply"] },
    Format { id: "domino", name: "HCL/Lotus Domino", marks: &["domino", "lotus"] },
    Format { id: "zimbra", name: "Zimbra", marks: &["zimbra"] },
    Format { id: "mimecast", name: "Mimecast", marks: &["mimecast"] },
    Format { id: "mdaemon", name: "MDaemon", marks: &["mdaemon"] },
    Format { id: "imail", name: "IMail Server", marks: &["imail"] },
    Format { id: "messagingserver", name: "Oracle/Sun Messaging Server", marks: &["messaging server", "sun java", "iplanet"] },
    Format { id: "zoho", name: "Zoho Mail", marks: &["zoho"] },
    Format { id: "gmx", name: "GMX / Web.de", marks: &["gmx.net", "web.de", "gmx."] },
    Format { id: "mailru", name: "Mail.ru", marks: &["mail.ru"] },
    Format { id: "yandex", name: "Yandex", marks: &["yandex"] },
    Format { id: "rfc3464", name: "RFC 3464 DSN", marks: &["message/delivery-status"] },
];

/// The format of a bounce, from its lower-case header block and notification text.
pub fn detect(lower_headers: &str, lower_text: &str) -> Option<&'static Format> {
    FORMATS
        .iter()
        .find(|f| f.marks.iter().any(|m| lower_text.contains(m)))
        .or_else(|| FORMATS.iter().find(|f| f.marks.iter().any(|m| lower_headers.contains(m))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_text_before_headers() {
        let f = detect("received: by x (postfix)", "hi. this is the qmail-send program at x").unwrap();
        assert_eq!(f.id, "qmail");
        assert_eq!(detect("x-postfix-queue-id: 1", "").unwrap().id, "postfix");
        assert!(detect("", "hello").is_none());
    }
}

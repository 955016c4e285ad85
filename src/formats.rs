//! Which mail system wrote a bounce, from the fixed texts and headers each one uses.
//! Informational (shown to admins, used for the typical retry period); the reading of the
//! bounce itself does not depend on it.

/// A bounce format and the lower-case marks that identify it (any one suffices). Marks are
/// searched in the bounce's own headers and notification text, in table order.
pub struct Format {
    pub id: &'static str,
    pub name: &'static str,
    pub marks: &'static [&'static str],
    /// The one reason this format ever reports, when it has only one.
    pub reason: Option<&'static str>,
}

/// Sources: each MTA's bounce templates (Postfix bounce(5), Exim's
/// exim-deliver-message, Sendmail's DSN texts, qmail-send, Courier, OpenSMTPD) and the
/// header fields providers add to their bounces.
pub static FORMATS: &[Format] = &[
    Format { id: "amazonses", name: "Amazon SES", reason: None, marks: &["x-ses-outgoing", "amazonses.com", "amazon ses"] },
    Format { id: "sendgrid", name: "SendGrid", reason: None, marks: &["sendgrid"] },
    // Google Groups refuses a post when the group does not exist or the sender may not post
    // to it: the sender is refused, in every language the notice comes in.
    Format { id: "googlegroups", name: "Google Groups", reason: Some("rejected"), marks: &["groups.google.com/support", "google groups", "google グループ"] },
    Format { id: "gmail", name: "Gmail / Google Workspace", reason: None, marks: &["mailer-daemon@googlemail.com", "google tried to deliver your message", "the response from the remote server was", "mailer-daemon@google.com", "x-gm-message-state"] },
    Format { id: "office365", name: "Microsoft 365 / Exchange Online", reason: None, marks: &["x-ms-exchange-message-is-ndr", "protection.outlook.com", "outlook.com", "office365", "microsoft 365"] },
    Format { id: "exchange", name: "Microsoft Exchange", reason: None, marks: &["x-ms-exchange", "microsoft exchange", "did not reach the following recipient", "delivery has failed to these recipients", "msexch"] },
    Format { id: "yahoo", name: "Yahoo Mail", reason: None, marks: &["yahoo.com", "yahoo! mail", "yahoodns.net"] },
    Format { id: "aol", name: "AOL", reason: None, marks: &["aol.com"] },
    Format { id: "postfix", name: "Postfix", reason: None, marks: &["x-postfix-queue-id", "this is the mail system at host", "(postfix)", "postfix program"] },
    Format { id: "exim", name: "Exim", reason: None, marks: &["this message was created automatically by mail delivery software", "x-failed-recipients", "exim"] },
    Format { id: "sendmail", name: "Sendmail", reason: None, marks: &["----- transcript of session follows -----", "the original message was received at", "sendmail"] },
    Format { id: "qmail", name: "qmail", reason: None, marks: &["this is the qmail-send program", "qmail"] },
    Format { id: "courier", name: "Courier", reason: None, marks: &["courier mail server"] },
    Format { id: "opensmtpd", name: "OpenSMTPD", reason: None, marks: &["opensmtpd", "this is the mailer-daemon, please do not reply"] },
    Format { id: "domino", name: "HCL/Lotus Domino", reason: None, marks: &["domino", "lotus"] },
    Format { id: "zimbra", name: "Zimbra", reason: None, marks: &["zimbra"] },
    Format { id: "mimecast", name: "Mimecast", reason: None, marks: &["mimecast"] },
    Format { id: "mdaemon", name: "MDaemon", reason: None, marks: &["mdaemon"] },
    Format { id: "imail", name: "IMail Server", reason: None, marks: &["imail"] },
    Format { id: "messagingserver", name: "Oracle/Sun Messaging Server", reason: None, marks: &["messaging server", "sun java", "iplanet"] },
    Format { id: "zoho", name: "Zoho Mail", reason: None, marks: &["zoho"] },
    Format { id: "gmx", name: "GMX / Web.de", reason: None, marks: &["gmx.net", "web.de", "gmx."] },
    Format { id: "mailru", name: "Mail.ru", reason: None, marks: &["mail.ru"] },
    Format { id: "yandex", name: "Yandex", reason: None, marks: &["yandex"] },
    Format { id: "rfc3464", name: "RFC 3464 DSN", reason: None, marks: &["message/delivery-status"] },
];

/// The format of a bounce, from its lower-case header block and notification text.
pub fn detect(lower_headers: &str, lower_text: &str) -> Option<&'static Format> {
    static TABLE: std::sync::OnceLock<Vec<(&'static str, &'static [&'static str])>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| FORMATS.iter().map(|f| (f.id, f.marks)).collect());
    let m = crate::tagged!(table);
    // table order decides: the first format any of whose marks occurs
    let first = |t: &str| {
        let found = m.tags(t);
        FORMATS.iter().find(|f| found.contains(&f.id))
    };
    first(lower_text).or_else(|| first(lower_headers))
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

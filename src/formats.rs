//! Which mail system wrote a bounce, from the fixed texts and headers each one uses.
//! Informational (shown to admins, used for the typical retry period); the reading of the
//! bounce itself does not depend on it.

/// A bounce format and the lower-case marks that identify it (any one suffices). Marks are
/// searched in the bounce's own headers and notification text, in table order.
/// (The MTA or service each entry stands for is named in the comment after it.)
pub struct Format {
    pub id: &'static str,
    pub marks: &'static [&'static str],
    /// The one reason this format ever reports, when it has only one.
    pub reason: Option<&'static str>,
    /// The SMTP stage its refusals come at when the text does not say: content-filter
    /// gateways accept a message and refuse it after DATA.
    pub command: Option<&'static str>,
}

/// Sources: each MTA's bounce templates (Postfix bounce(5), Exim's
/// exim-deliver-message, Sendmail's DSN texts, qmail-send, Courier, OpenSMTPD) and the
/// header fields providers add to their bounces.
pub static FORMATS: &[Format] = &[
    // Content-filter gateways: their own headers mark the bounce; they accept a message and
    // refuse its recipients after DATA (sources: the headers these appliances add)
    Format { id: "mcafee", reason: None, command: Some("DATA"), marks: &["x-nai-header", "mcafee email"] }, // McAfee Email Gateway
    Format { id: "mfilter", reason: None, command: Some("DATA"), marks: &["m-filter"] }, // m-FILTER
    Format { id: "mxlogic", reason: None, command: Some("DATA"), marks: &["x-mx-bounce", "x-mxl-", "mxlogic.net"] }, // MX Logic
    Format { id: "surfcontrol", reason: None, command: Some("DATA"), marks: &["surfcontrol"] }, // SurfControl E-mail Filter
    Format { id: "mailfoundry", reason: None, command: Some("DATA"), marks: &["(mailfoundry)"] }, // MailFoundry
    Format { id: "activehunter", reason: None, command: Some("DATA"), marks: &["x-ahmailid"] }, // ActiveHunter
    Format { id: "amazonses", reason: None, command: None, marks: &["x-ses-outgoing", "amazonses.com", "amazon ses"] }, // Amazon SES
    Format { id: "sendgrid", reason: None, command: None, marks: &["sendgrid"] }, // SendGrid
    // Google Groups refuses a post when the group does not exist or the sender may not post
    // to it: the sender is refused, in every language the notice comes in.
    Format { id: "googlegroups", reason: Some("rejected"), command: None, marks: &["groups.google.com/support", "google groups", "google グループ"] }, // Google Groups
    Format { id: "gmail", reason: None, command: None, marks: &["mailer-daemon@googlemail.com", "google tried to deliver your message", "the response from the remote server was", "mailer-daemon@google.com", "x-gm-message-state"] }, // Gmail / Google Workspace
    Format { id: "office365", reason: None, command: None, marks: &["x-ms-exchange-message-is-ndr", "protection.outlook.com", "outlook.com", "office365", "microsoft 365"] }, // Microsoft 365 / Exchange Online
    Format { id: "exchange", reason: None, command: None, marks: &["x-ms-exchange", "microsoft exchange", "did not reach the following recipient", "delivery has failed to these recipients", "msexch"] }, // Microsoft Exchange
    Format { id: "yahoo", reason: None, command: None, marks: &["yahoo.com", "yahoo! mail", "yahoodns.net"] }, // Yahoo Mail
    Format { id: "aol", reason: None, command: None, marks: &["aol.com"] }, // AOL
    Format { id: "postfix", reason: None, command: None, marks: &["x-postfix-queue-id", "this is the mail system at host", "(postfix)", "postfix program"] }, // Postfix
    Format { id: "exim", reason: None, command: None, marks: &["this message was created automatically by mail delivery software", "x-failed-recipients", "exim"] }, // Exim
    Format { id: "sendmail", reason: None, command: None, marks: &["----- transcript of session follows -----", "the original message was received at", "sendmail"] }, // Sendmail
    Format { id: "qmail", reason: None, command: None, marks: &["this is the qmail-send program", "qmail"] }, // qmail
    Format { id: "courier", reason: None, command: None, marks: &["courier mail server"] }, // Courier
    Format { id: "opensmtpd", reason: None, command: None, marks: &["opensmtpd", "this is the mailer-daemon, please do not reply"] }, // OpenSMTPD
    Format { id: "domino", reason: None, command: None, marks: &["domino", "lotus"] }, // HCL/Lotus Domino
    Format { id: "zimbra", reason: None, command: None, marks: &["zimbra"] }, // Zimbra
    Format { id: "mimecast", reason: None, command: None, marks: &["mimecast"] }, // Mimecast
    Format { id: "mdaemon", reason: None, command: None, marks: &["mdaemon"] }, // MDaemon
    Format { id: "imail", reason: None, command: None, marks: &["imail"] }, // IMail Server
    Format { id: "messagingserver", reason: None, command: None, marks: &["messaging server", "sun java", "iplanet"] }, // Oracle/Sun Messaging Server
    Format { id: "zoho", reason: None, command: None, marks: &["zoho"] }, // Zoho Mail
    Format { id: "gmx", reason: None, command: None, marks: &["gmx.net", "web.de", "gmx."] }, // GMX / Web.de
    Format { id: "mailru", reason: None, command: None, marks: &["mail.ru"] }, // Mail.ru
    Format { id: "yandex", reason: None, command: None, marks: &["yandex"] }, // Yandex
    // a mailing-list manager's refusal of a post (`mlist`): known by its words, not by marks
    Format { id: "mailinglist", reason: None, command: None, marks: &[] }, // Mailing list manager (fml, GNU Mailman)
    Format { id: "rfc3464", reason: None, command: None, marks: &["message/delivery-status"] }, // RFC 3464 DSN
];

/// Texts found only in the refusal notice of a system that sends one kind of refusal, so
/// that pasted text with no headers can be known as one. (A group's ordinary messages say
/// "Google Groups" too; only its refusal notice points to the help centre.)
static REFUSAL_NOTICES: &[(&str, &str)] = &[
    // Google Groups' "group does not exist or you may not post" notice, in every language
    ("googlegroups", "groups.google.com/support"),
];

/// The format whose refusal notice lower-case `text` is, if any.
pub fn refusal_notice(text: &str) -> Option<&'static Format> {
    let (id, _) = REFUSAL_NOTICES.iter().find(|(_, mark)| text.contains(mark))?;
    FORMATS.iter().find(|f| f.id == *id)
}

/// The format of a bounce, from its lower-case header block and notification text.
pub fn detect(lower_headers: &str, lower_text: &str) -> Option<&'static Format> {
    static TABLE: std::sync::OnceLock<Vec<(&'static str, &'static [&'static str])>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| FORMATS.iter().map(|f| (f.id, f.marks)).collect());
    let m = crate::tagged!(table);
    // table order decides: the first format any of whose marks occurs
    // the marks stand near the top of a bounce; a huge text need not be read to its end
    let in_text = m.tags(crate::text::truncate(lower_text, 16 * 1024));
    let in_headers = m.tags(crate::text::truncate(lower_headers, 8 * 1024));
    // gateways (which stamp their own headers) first, then the text's wording, then headers
    FORMATS
        .iter()
        .find(|f| f.command.is_some() && (in_text.contains(&f.id) || in_headers.contains(&f.id)))
        .or_else(|| FORMATS.iter().find(|f| in_text.contains(&f.id)))
        .or_else(|| FORMATS.iter().find(|f| in_headers.contains(&f.id)))
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

//! SMTP reply codes (RFC 5321 section 4.2.3, and later RFCs) in plain words.
//!
//! [`REPLY_CODES`] lists every code an RFC defines; a code that is not listed falls back to
//! the meaning of its first two digits ([`CATEGORIES`], RFC 5321 section 4.2.1).

/// One SMTP reply code with its plain-words meaning.
#[derive(Debug, Clone, Copy)]
pub struct ReplyCode {
    pub code: u16,
    pub meaning: &'static str,
}

/// An entry; where the code is defined stands in the comment after it.
const fn r(code: u16, meaning: &'static str) -> ReplyCode {
    ReplyCode { code, meaning }
}

/// Every reply code defined by an RFC, in numeric order.
pub static REPLY_CODES: &[ReplyCode] = &[
    r(211, "System status or help reply"), // RFC 5321 4.2.3
    r(214, "Help message for a person"), // RFC 5321 4.2.3
    r(220, "The server is ready"), // RFC 5321 4.2.3
    r(221, "The server is closing the connection normally"), // RFC 5321 4.2.3
    r(235, "Login (SMTP authentication) succeeded"), // RFC 4954 6
    r(250, "Accepted: the requested action was completed"), // RFC 5321 4.2.3
    r(251, "The recipient is not local; the server will forward the message"), // RFC 5321 4.2.3
    r(252, "The server cannot verify the address but will accept the message and try to deliver it"), // RFC 5321 4.2.3
    r(253, "Pending messages for the node are being sent (ETRN)"), // RFC 1985
    r(334, "The server is waiting for the next login (authentication) step"), // RFC 4954 4
    r(354, "The server is ready for the message content"), // RFC 5321 4.2.3
    r(421, "The server is not available right now and closed the connection; the sender should try again later"), // RFC 5321 4.2.3
    r(432, "A password transition is needed before this login method can be used"), // RFC 4954 6
    r(450, "The mailbox is temporarily unavailable (busy, or blocked for now by a policy); try again later"), // RFC 5321 4.2.3
    r(451, "The server had a local problem and stopped; try again later"), // RFC 5321 4.2.3
    r(452, "The server is temporarily short of storage or the recipient limit was reached; try again later"), // RFC 5321 4.2.3
    r(454, "Temporary login (authentication) or TLS failure; try again later"), // RFC 4954 6, RFC 3207
    r(455, "The server cannot accept these command parameters right now"), // RFC 5321 4.2.3
    r(458, "Unable to queue messages for the node (ETRN)"), // RFC 1985
    r(459, "Node not allowed to request its queued messages (ETRN)"), // RFC 1985
    r(500, "The server did not understand the command (or the line was too long)"), // RFC 5321 4.2.3, RFC 4954
    r(501, "Syntax error in the command's parameters, for example a malformed address"), // RFC 5321 4.2.3
    r(502, "The command is not implemented by this server"), // RFC 5321 4.2.3
    r(503, "Commands were sent in the wrong order (bad sequence)"), // RFC 5321 4.2.3
    r(504, "A command parameter is not implemented"), // RFC 5321 4.2.3
    r(521, "This host does not accept mail at all"), // RFC 7504 3, RFC 1846
    r(523, "Encryption is needed for this login method"), // IANA enhanced status registry, X.7.10 (RFC 5248)
    r(524, "This login method may only be used over an encrypted connection"), // IANA enhanced status registry, X.7.11 (RFC 4954)
    r(525, "The user account is disabled"), // IANA enhanced status registry, X.7.13 (RFC 5248)
    r(530, "Authentication (login) is required first, or TLS must be started first"), // RFC 4954 6, RFC 3207
    r(534, "The login method is too weak for this server's policy"), // RFC 4954 6
    r(535, "Login failed: the user name or password was not accepted"), // RFC 4954 6
    r(538, "This login method needs an encrypted connection"), // RFC 4954 6
    r(550, "The request was refused: the mailbox is unavailable (does not exist, no access) or a policy rejected it"), // RFC 5321 4.2.3
    r(551, "The recipient is not local to this server; the sender should use another address"), // RFC 5321 4.2.3
    r(552, "Refused: a storage limit was exceeded (mailbox full or message too big)"), // RFC 5321 4.2.3
    r(553, "Refused: the mailbox name is not allowed (for example, bad address syntax)"), // RFC 5321 4.2.3
    r(554, "The transaction failed (a general permanent refusal, often a policy or spam block)"), // RFC 5321 4.2.3
    r(555, "The MAIL FROM or RCPT TO parameters were not recognised or are not implemented"), // RFC 5321 4.2.3
    r(556, "The recipient's domain does not accept mail"), // RFC 7504 3
];

/// Non-standard codes seen from widely deployed servers; meanings as reported in their bounces.
pub static NONSTANDARD_CODES: &[ReplyCode] = &[
    // Microsoft Exchange and some appliances answer 571 for "delivery not authorized / unable to relay".
    r(571, "Refused: delivery not authorized or relaying denied (a non-standard code used by some servers)"), // as reported in Exchange and appliance bounces
    // qmail-style "471" for temporary local errors (e.g. anti-virus scanner unavailable).
    r(471, "A temporary local error on the server (a non-standard code used by some servers)"), // as reported in bounces
];

/// Meanings of the first two digits, for codes no RFC lists (RFC 5321 section 4.2.1).
pub static CATEGORIES: &[(u16, &str)] = &[
    (20, "Success (syntax or informational reply)"),
    (21, "Success: information or help"),
    (22, "Success: connection status"),
    (23, "Success: authentication"),
    (24, "Success"),
    (25, "Success: the mail action completed"),
    (30, "Waiting for more input (syntax)"),
    (31, "Waiting for more input: information"),
    (32, "Waiting for more input: connection"),
    (33, "Waiting for more input: authentication"),
    (34, "Waiting for more input"),
    (35, "Waiting for more input: mail system"),
    (40, "Temporary failure: a syntax or command problem; the sender may try again"),
    (41, "Temporary failure reported with information; the sender may try again"),
    (42, "Temporary failure of the connection; the sender may try again"),
    (43, "Temporary failure, often about login (authentication); the sender may try again"),
    (44, "Temporary failure; the sender may try again"),
    (45, "Temporary failure of the mail system or the mailbox; the sender may try again"),
    (50, "Permanent failure: a syntax or command problem"),
    (51, "Permanent failure reported with information"),
    (52, "Permanent failure of the connection: the host does not accept mail"),
    (53, "Permanent failure, often about login (authentication) or security"),
    (54, "Permanent failure"),
    (55, "Permanent failure of the mail system or the mailbox"),
];

/// The table entry for `code` (RFC codes first, then known non-standard ones).
pub fn lookup(code: u16) -> Option<&'static ReplyCode> {
    REPLY_CODES.iter().chain(NONSTANDARD_CODES).find(|c| c.code == code)
}

/// Plain-words meaning of an SMTP reply code; class meaning for unlisted codes.
pub fn meaning(code: u16) -> Option<&'static str> {
    if !(200..=599).contains(&code) {
        return None;
    }
    if let Some(c) = lookup(code) {
        return Some(c.meaning);
    }
    let prefix = code / 10;
    CATEGORIES.iter().find(|(p, _)| *p == prefix).map(|(_, m)| *m).or(Some(match code / 100 {
        2 => "Success",
        3 => "Waiting for more input",
        4 => "Temporary failure; the sender may try again",
        _ => "Permanent failure",
    }))
}

/// True when a reply code means the server will not take the message for good (5xx).
pub fn is_permanent(code: u16) -> bool {
    (500..=599).contains(&code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rfc_5321_code_is_listed() {
        let rfc5321 = [
            211, 214, 220, 221, 250, 251, 252, 354, 421, 450, 451, 452, 455, 500, 501, 502, 503, 504, 550, 551,
            552, 553, 554, 555,
        ];
        for c in rfc5321 {
            assert!(lookup(c).is_some(), "{c} missing");
        }
    }

    #[test]
    fn auth_and_7504_codes_are_listed() {
        for c in [235, 334, 432, 454, 500, 530, 534, 535, 538, 521, 556] {
            assert!(lookup(c).is_some(), "{c} missing");
        }
        assert!(meaning(535).unwrap().contains("password"));
        assert!(meaning(556).unwrap().contains("domain does not accept"));
    }

    #[test]
    fn table_is_sorted_and_unique() {
        for w in REPLY_CODES.windows(2) {
            assert!(w[0].code < w[1].code, "{} before {}", w[0].code, w[1].code);
        }
    }

    #[test]
    fn unlisted_codes_fall_back_to_their_category() {
        assert_eq!(meaning(559), Some("Permanent failure of the mail system or the mailbox"));
        assert_eq!(meaning(429), Some("Temporary failure of the connection; the sender may try again"));
        assert!(meaning(599).unwrap().starts_with("Permanent"));
        assert!(meaning(299).unwrap().starts_with("Success"));
    }

    #[test]
    fn out_of_range_codes_have_no_meaning() {
        assert_eq!(meaning(0), None);
        assert_eq!(meaning(199), None);
        assert_eq!(meaning(600), None);
    }

    #[test]
    fn permanence_follows_the_first_digit() {
        assert!(is_permanent(550));
        assert!(!is_permanent(450));
        assert!(!is_permanent(250));
    }
}

//! Enhanced mail system status codes: the IANA registry (RFC 3463 and later additions),
//! sisimai's pseudo codes, and providers' own meanings of codes.
//!
//! Source of the registry: IANA "Simple Mail Transfer Protocol (SMTP) Enhanced Status Codes
//! Registry" (https://www.iana.org/assignments/smtp-enhanced-status-codes), which holds
//! X.0.0 to X.7.30. Titles are the registry's; meanings are our plain words.

use super::{ProviderStatus, StatusEntry};

/// An entry: its code and plain-words meaning; the registry's title and the defining RFC
/// stand in the comment after it (kept out of the module: no output shows them).
const fn s(code: &'static str, meaning: &'static str) -> StatusEntry {
    StatusEntry { code, meaning }
}

/// The IANA registry, class-independent ("1.1" stands for 2.1.1, 4.1.1 and 5.1.1).
pub static STATUS_CODES: &[StatusEntry] = &[
    // X.0.X Other or undefined status
    s("0.0", "no specific reason was given"), // Other undefined Status (RFC 3463)
    // X.1.X Addressing status
    s("1.0", "something about an address caused the problem"), // Other address status (RFC 3463)
    s("1.1", "the mailbox does not exist"), // Bad destination mailbox address (RFC 3463)
    s("1.2", "the recipient's domain does not exist or cannot receive mail"), // Bad destination system address (RFC 3463)
    s("1.3", "the recipient address is not written correctly"), // Bad destination mailbox address syntax (RFC 3463)
    s("1.4", "the address matches more than one mailbox at the destination"), // Destination mailbox address ambiguous (RFC 3463)
    s("1.5", "the recipient address is valid"), // Destination address valid (RFC 3463)
    s("1.6", "the mailbox used to exist but no longer takes mail, and there is no forwarding address"), // Destination mailbox has moved, No forwarding address (RFC 3463)
    s("1.7", "the sender address is not written correctly"), // Bad sender's mailbox address syntax (RFC 3463)
    s("1.8", "the sender's domain does not exist or cannot receive replies"), // Bad sender's system address (RFC 3463)
    s("1.9", "the message was handed to a system that cannot report on delivery; no further status will follow"), // Message relayed to non-compliant mailer (RFC 3886)
    s("1.10", "the recipient's domain declares that it accepts no email at all (null MX)"), // Recipient address has null MX (RFC 7505)
    // X.2.X Mailbox status
    s("2.0", "the mailbox exists, but something about it caused the problem"), // Other or undefined mailbox status (RFC 3463)
    s("2.1", "the mailbox exists but is disabled and does not accept messages"), // Mailbox disabled, not accepting messages (RFC 3463)
    s("2.2", "the recipient's mailbox is full"), // Mailbox full (RFC 3463)
    s("2.3", "the message is larger than this recipient may receive"), // Message length exceeds administrative limit (RFC 3463)
    s("2.4", "the address is a mailing list that could not be expanded to its members"), // Mailing list expansion problem (RFC 3463)
    // X.3.X Mail system status
    s("3.0", "the destination system normally accepts mail, but something about it caused the problem"), // Other or undefined mail system status (RFC 3463)
    s("3.1", "the destination mail system has run out of storage"), // Mail system full (RFC 3463)
    s("3.2", "the destination system is not accepting mail now (shutdown, overload or maintenance)"), // System not accepting network messages (RFC 3463)
    s("3.3", "the destination system does not support features this message needs"), // System not capable of selected features (RFC 3463)
    s("3.4", "the message is larger than the destination system accepts"), // Message too big for system (RFC 3463)
    s("3.5", "the destination system is misconfigured and cannot accept this message"), // System incorrectly configured (RFC 3463)
    s("3.6", "the message was accepted, but with a different priority than requested"), // Requested priority was changed (RFC 6710)
    // X.4.X Network and routing status
    s("4.0", "a network or routing problem occurred"), // Other or undefined network or routing status (RFC 3463)
    s("4.1", "the destination server did not answer"), // No answer from host (RFC 3463)
    s("4.2", "the connection to the destination broke off before the message was sent"), // Bad connection (RFC 3463)
    s("4.3", "a directory or DNS lookup failed, so the message could not be passed on"), // Directory server failure (RFC 3463)
    s("4.4", "no route to the destination could be found (for example, the domain has no usable mail server in DNS)"), // Unable to route (RFC 3463)
    s("4.5", "the mail system is congested"), // Mail system congestion (RFC 3463)
    s("4.6", "the message was going round in a loop between servers"), // Routing loop detected (RFC 3463)
    s("4.7", "the message waited too long and was given up"), // Delivery time expired (RFC 3463)
    // X.5.X Mail delivery protocol status
    s("5.0", "something went wrong in the SMTP conversation"), // Other or undefined protocol status (RFC 3463)
    s("5.1", "an SMTP command was out of sequence or not supported"), // Invalid command (RFC 3463)
    s("5.2", "an SMTP command could not be understood"), // Syntax error (RFC 3463)
    s("5.3", "the message had more recipients than the server takes at once"), // Too many recipients (RFC 3463)
    s("5.4", "an SMTP command had invalid arguments"), // Invalid command arguments (RFC 3463)
    s("5.5", "the two servers could not agree on a protocol version"), // Wrong protocol version (RFC 3463)
    s("5.6", "a login (AUTH) line was longer than the server accepts"), // Authentication Exchange line is too long (RFC 4954)
    // X.6.X Message content or media status
    s("6.0", "something about the message content caused the problem"), // Other or undefined media error (RFC 3463)
    s("6.1", "the message's content type is not supported"), // Media not supported (RFC 3463)
    s("6.2", "the content needed converting, but conversion was not allowed"), // Conversion required and prohibited (RFC 3463)
    s("6.3", "the content needed converting, which the next server cannot do (for example 8-bit to 7-bit)"), // Conversion required but not supported (RFC 3463)
    s("6.4", "the content was converted and some of it was lost"), // Conversion with loss performed (RFC 3463)
    s("6.5", "converting the content failed"), // Conversion Failed (RFC 3463)
    s("6.6", "the message content could not be fetched from another system"), // Message content not available (RFC 4468)
    s("6.7", "an address with non-English characters was not accepted"), // Non-ASCII addresses not permitted for that sender/recipient (RFC 6531)
    s("6.8", "the reply needs international (UTF-8) text that the sending server does not support"), // UTF-8 string reply is required, but not permitted by the SMTP client (RFC 6531)
    s("6.9", "the message has international (UTF-8) headers that the next server cannot take"), // UTF-8 header message cannot be transferred to one or more recipients so the message must be rejected (RFC 6531)
    s("6.10", "the reply needs international (UTF-8) text that the sending server does not support"), // Deprecated (duplicate of X.6.8) (RFC 6531)
    // X.7.X Security or policy status
    s("7.0", "a security or policy rule refused the message"), // Other or undefined security status (RFC 3463)
    s("7.1", "the receiving side does not allow this message (a sender, content or policy block)"), // Delivery not authorized, message refused (RFC 3463)
    s("7.2", "the sender may not send to this mailing list"), // Mailing list expansion prohibited (RFC 3463)
    s("7.3", "the message needed a security conversion that was not possible"), // Security conversion required but not possible (RFC 3463)
    s("7.4", "the message uses security features the server does not support"), // Security features not supported (RFC 3463)
    s("7.5", "a signature or encryption (for example the TLS certificate) could not be verified"), // Cryptographic failure (RFC 3463)
    s("7.6", "the encryption or signature method is not supported"), // Cryptographic algorithm not supported (RFC 3463)
    s("7.7", "the message was changed or damaged on the way"), // Message integrity failure (RFC 3463)
    s("7.8", "login failed: the user name or password is wrong"), // Authentication credentials invalid (RFC 4954)
    s("7.9", "the login method is weaker than the server allows"), // Authentication mechanism is too weak (RFC 4954)
    s("7.10", "an encrypted connection is needed for this login method"), // Encryption Needed (RFC 5248)
    s("7.11", "this login method may only be used over an encrypted connection"), // Encryption required for requested authentication mechanism (RFC 4954)
    s("7.12", "the password must be moved to the new login method first"), // A password transition is needed (RFC 4954)
    s("7.13", "the user account is disabled"), // User Account Disabled (RFC 5248)
    s("7.14", "the server needs a configured trust relationship to fetch the content"), // Trust relationship required (RFC 5248)
    s("7.15", "the message's priority is below what the server accepts now"), // Priority Level is too low (RFC 6710)
    s("7.16", "the message is too large for its priority"), // Message is too big for the specified priority (RFC 6710)
    s("7.17", "the mailbox now belongs to someone else than when the address was given"), // Mailbox owner has changed (RFC 7293)
    s("7.18", "the recipient's domain has a new owner since the address was given"), // Domain owner has changed (RFC 7293)
    s("7.19", "the server cannot check whether the mailbox changed owner"), // RRVS test cannot be completed (RFC 7293)
    s("7.20", "the message has no valid DKIM signature"), // No passing DKIM signature found (RFC 7372)
    s("7.21", "the message's DKIM signatures are valid but none is acceptable to the receiver"), // No acceptable DKIM signature found (RFC 7372)
    s("7.22", "no valid DKIM signature matches the sender's (From) domain"), // No valid author-matched DKIM signature found (RFC 7372)
    s("7.23", "the sending server is not allowed by the sender domain's SPF record"), // SPF validation failed (RFC 7372)
    s("7.24", "the sender domain's SPF record could not be checked (an error in the record or in DNS)"), // SPF validation error (RFC 7372)
    s("7.25", "the sending server's IP address has no valid reverse DNS (PTR) name"), // Reverse DNS validation failed (RFC 7372)
    s("7.26", "the message failed more than one authentication check (SPF, DKIM, DMARC)"), // Multiple authentication checks failed (RFC 7372)
    s("7.27", "the sender's domain declares (null MX) that it accepts no email, so replies could not be returned"), // Sender address has null MX (RFC 7505)
    s("7.28", "the message looks like part of a flood of similar unwanted messages"), // Mail flood detected (IANA registry)
    s("7.29", "the message's ARC (forwarding authentication) chain failed validation"), // ARC validation failure (RFC 8617)
    s("7.30", "the message requires encrypted delivery all the way, which the next server does not support"), // REQUIRETLS support required (RFC 8689)
];

/// A sisimai pseudo code: X.0.9NN stands for a reason when the bounce gave no code.
#[derive(Debug, Clone, Copy)]
pub struct PseudoCode {
    /// The detail number after "X.0.", e.g. 911.
    pub detail: u16,
    pub reason: &'static str,
    /// What the reason means, in a few words.
    pub meaning: &'static str,
}

const fn p(detail: u16, reason: &'static str, meaning: &'static str) -> PseudoCode {
    PseudoCode { detail, reason, meaning }
}

/// sisimai's pseudo codes (go-sisimai smtp/status/lib.go, func Code): the same detail
/// number is used with class 5 and class 4, except `filtered`, which is 5.0.910 but 4.0.924.
pub static PSEUDO_CODES: &[PseudoCode] = &[
    p(900, "undefined", "no reason could be determined"),
    p(901, "onhold", "a bounce whose reason could not be decided"),
    p(902, "syntaxerror", "an SMTP command was malformed or out of sequence"),
    p(903, "suppressed", "the sending service skipped the address because it is on its suppression list"),
    p(909, "norelaying", "the server refused to relay mail for that domain"),
    p(910, "filtered", "the recipient's own rules refused the message"),
    p(911, "userunknown", "the recipient address does not exist"),
    p(912, "hostunknown", "the recipient's domain does not exist or has no mail server"),
    p(916, "hasmoved", "the recipient has moved away from this address"),
    p(918, "rejected", "the sender address or its domain was refused"),
    p(921, "suspend", "the mailbox is disabled or suspended"),
    p(922, "mailboxfull", "the recipient's mailbox is full"),
    p(923, "exceedlimit", "the message is larger than the recipient's limit"),
    p(924, "filtered", "the recipient's own rules refused the message"),
    p(926, "authfailure", "SPF, DKIM or DMARC checks failed"),
    p(930, "systemerror", "the receiving system had an internal error"),
    p(931, "systemfull", "the receiving system's storage is full"),
    p(932, "notaccept", "the destination does not accept email"),
    p(934, "mesgtoobig", "the message is larger than the receiving server accepts"),
    p(939, "mailererror", "a delivery program on the receiving side failed"),
    p(944, "networkerror", "a network or DNS failure"),
    p(945, "toomanyconn", "too many simultaneous connections"),
    p(946, "speeding", "a sending rate limit was exceeded"),
    p(947, "expired", "delivery was retried until the queue lifetime ran out"),
    p(960, "contenterror", "the message's format or content was refused"),
    p(970, "securityerror", "a security problem such as required or failed login"),
    p(971, "blocked", "the sending server (its IP address or name) was refused"),
    p(972, "policyviolation", "the message broke a policy of the receiving site"),
    p(973, "requireptr", "the sending server's IP address has no valid reverse DNS"),
    p(974, "notcompliantrfc", "the message does not follow the email standards"),
    p(975, "badreputation", "the sending server or domain has a poor reputation"),
    p(976, "failedstarttls", "the encrypted connection (STARTTLS) failed or was required"),
    p(980, "spamdetected", "the message was judged to be spam"),
    p(981, "virusdetected", "the message was found to carry a virus"),
];

const GMAIL_ERRORS: Option<&str> = Some("https://support.google.com/a/answer/3726730");
const GMAIL_GUIDE: Option<&str> = Some("https://support.google.com/mail/answer/81126");
const MS_NDR: Option<&str> =
    Some("https://learn.microsoft.com/en-us/troubleshoot/exchange/email-delivery/ndr/non-delivery-reports-in-exchange-online");
const YAHOO: Option<&str> = Some("https://senders.yahooinc.com/smtp-error-codes/");
const MS_DELIST: Option<&str> = Some("https://sender.office.com/");
const MS_515: Option<&str> =
    Some("https://support.microsoft.com/en-us/topic/fix-ndr-error-550-5-7-515-in-outlook-com-34cfe8f8-6fbf-457e-9e8b-9e4dbaf4e0ef");
const MS_7XX: Option<&str> = Some(
    "https://support.microsoft.com/en-us/topic/ndr-error-codes-550-5-7-703-550-5-7-705-550-5-7-708-and-550-5-7-750-f5675801-1846-4d1c-9599-5b4e26a9175d",
);

const fn ps(
    provider: &'static str,
    status: &'static str,
    meaning: &'static str,
    reason: Option<&'static str>,
    docs_url: Option<&'static str>,
) -> ProviderStatus {
    ProviderStatus { provider, status, meaning, reason, docs_url }
}

/// Providers' own meanings of codes (these win over the registry). `status` is a full code
/// or a range of the last number, e.g. "5.7.606-649".
pub static PROVIDER_STATUS: &[ProviderStatus] = &[
    // Google: "Gmail SMTP errors and codes" (support.google.com/a/answer/3726730) and the
    // email sender guidelines (support.google.com/mail/answer/81126, FAQ answer/14229414).
    // Reasons follow sisimai's Google rules (rhost/for-google.go) where they name one: an
    // unusual rate of unsolicited mail from the sending IP is "blocked" there.
    ps("google", "4.2.1", "Gmail is rate limiting: the recipient is receiving mail too fast, or a sending limit was reached; Gmail asks to resend later", Some("speeding"), GMAIL_ERRORS),
    ps("google", "4.2.2", "The Gmail recipient's storage is full (over quota)", Some("mailboxfull"), GMAIL_ERRORS),
    ps("google", "5.2.2", "The Gmail recipient's storage is full (over quota)", Some("mailboxfull"), GMAIL_ERRORS),
    ps("google", "5.2.1", "The Gmail account you tried to reach is disabled", Some("suspend"), GMAIL_ERRORS),
    ps("google", "4.7.0", "Gmail deferred the mail: low reputation or an unusual rate of unsolicited mail from the sending IP or domain, TLS required by the recipient's domain, or the IP is not on the recipient domain's allowlist; the text says which", None, GMAIL_ERRORS),
    ps("google", "5.7.1", "Gmail refused the message by policy: it looked like spam, came from a low-reputation IP or domain, or failed authentication; the text says which", None, GMAIL_ERRORS),
    ps("google", "4.7.23", "Gmail rate limited the mail: the sending IP address has no valid reverse DNS (PTR) record, or it does not match forward DNS", Some("requireptr"), GMAIL_GUIDE),
    ps("google", "5.7.25", "Gmail refused the mail: the sending IP address has no PTR (reverse DNS) record, or its forward DNS does not match the IP", Some("requireptr"), GMAIL_GUIDE),
    ps("google", "4.7.24", "Gmail rate limited the mail: the sending domain's SPF record has suspicious entries", Some("authfailure"), GMAIL_GUIDE),
    ps("google", "5.7.24", "Gmail refused the mail: the sending domain's SPF record has suspicious entries", Some("authfailure"), GMAIL_GUIDE),
    ps("google", "4.7.26", "Gmail rate limited the mail because it is unauthenticated: neither SPF nor DKIM passed (or DNS errors prevented the DMARC check)", Some("authfailure"), GMAIL_GUIDE),
    ps("google", "5.7.26", "Gmail refused the mail because it is unauthenticated: SPF and DKIM did not pass, or the sender domain's DMARC policy says to reject it", Some("authfailure"), GMAIL_GUIDE),
    ps("google", "4.7.27", "Gmail rate limited the mail because SPF did not pass for the sending domain", Some("authfailure"), GMAIL_GUIDE),
    ps("google", "5.7.27", "Gmail refused the mail because SPF did not pass for the sending domain", Some("authfailure"), GMAIL_GUIDE),
    ps("google", "4.7.28", "Gmail rate limited the mail: an unusual rate of unsolicited mail comes from the sending IP address, network, DKIM or SPF domain, or a linked URL domain", Some("blocked"), GMAIL_GUIDE),
    ps("google", "5.7.28", "Gmail blocked the mail: an unusual rate of unsolicited mail comes from the sending IP address or domain", Some("blocked"), GMAIL_GUIDE),
    ps("google", "4.7.29", "Gmail rate limited the mail because it was not sent over an encrypted (TLS) connection", Some("failedstarttls"), GMAIL_GUIDE),
    ps("google", "5.7.29", "Gmail refused the mail because it was not sent over an encrypted (TLS) connection", Some("failedstarttls"), GMAIL_GUIDE),
    ps("google", "4.7.30", "Gmail rate limited the mail because DKIM did not pass for the sending domain", Some("authfailure"), GMAIL_GUIDE),
    ps("google", "5.7.30", "Gmail refused the mail because DKIM did not pass for the sending domain", Some("authfailure"), GMAIL_GUIDE),
    ps("google", "4.7.31", "Gmail rate limited the mail: the sending domain has no DMARC record or the record has no policy", Some("authfailure"), GMAIL_GUIDE),
    ps("google", "4.7.32", "Gmail rate limited the mail: the From domain is not aligned with the domain that passed SPF or DKIM (DMARC alignment)", Some("authfailure"), GMAIL_GUIDE),
    ps("google", "5.7.32", "Gmail refused the mail: the From domain is not aligned with the domain that passed SPF or DKIM (DMARC alignment)", Some("authfailure"), GMAIL_GUIDE),
    ps("google", "4.7.40", "Gmail rate limited the mail: the sending domain has no DMARC record or the record has no policy (required for bulk senders)", Some("authfailure"), GMAIL_GUIDE),
    ps("google", "5.7.40", "Gmail refused the mail: the sending domain has no DMARC record or the record has no policy (required for bulk senders)", Some("authfailure"), GMAIL_GUIDE),
    ps("google", "5.4.5", "The Google account has reached its daily sending limit", Some("speeding"), GMAIL_ERRORS),
    // Yahoo: senders.yahooinc.com/smtp-error-codes; Yahoo reuses 5.7.2 and 5.7.9 for blocks.
    ps("yahoo", "4.7.0", "Yahoo temporarily deferred the mail (volume, user complaints or reputation; the [TSS..] code in the text says which)", None, YAHOO),
    ps("yahoo", "5.7.2", "Yahoo permanently defers mail from the sending IP; retrying will not succeed", Some("rejected"), YAHOO),
    ps("yahoo", "5.7.9", "Yahoo refused the message: the sender is unauthenticated (neither SPF nor DKIM passed) or it broke Yahoo's policies", None, YAHOO),
    // Microsoft: Exchange Online NDR reference (learn.microsoft.com ... non-delivery-reports-in-exchange-online),
    // support.microsoft.com pages for 5.7.515 and 5.7.7xx, and the IPv6 requirements page.
    ps("microsoft", "4.3.2", "Exchange Online is throttling the recipient's mailbox: it is receiving too many messages too fast (recipient thread limit)", Some("speeding"), MS_NDR),
    ps("microsoft", "4.4.7", "Exchange could not deliver before the message expired in its queue (the receiving server did not take it in time)", Some("expired"), MS_NDR),
    ps("microsoft", "4.4.8", "The recipient domain's MX hosts failed MTA-STS validation (they do not match the domain's MTA-STS policy)", Some("failedstarttls"), MS_NDR),
    ps("microsoft", "5.4.8", "The recipient domain's MX hosts failed MTA-STS validation (they do not match the domain's MTA-STS policy)", Some("failedstarttls"), MS_NDR),
    ps("microsoft", "4.4.316", "Microsoft 365 could not connect to the receiving server (connection refused or timed out)", Some("networkerror"), MS_NDR),
    ps("microsoft", "5.4.316", "Microsoft 365 gave up: the receiving server kept refusing the connection until the message expired", Some("expired"), MS_NDR),
    ps("microsoft", "4.4.312", "Microsoft 365 could not look up the recipient domain in DNS (the query failed); it keeps trying", Some("networkerror"), MS_NDR),
    ps("microsoft", "5.4.312", "Microsoft 365 gave up: DNS lookups for the recipient domain kept failing until the message expired", Some("networkerror"), MS_NDR),
    ps("microsoft", "5.4.300", "The message expired: the destination server never took it in time", Some("expired"), MS_NDR),
    ps("microsoft", "5.1.0", "Microsoft refused the sender: the sender address is invalid or was denied", Some("rejected"), MS_NDR),
    ps("microsoft", "5.1.8", "The sending account is blocked from sending (bad outbound sender), usually because it was compromised and sent spam", Some("rejected"), MS_NDR),
    ps("microsoft", "5.1.10", "The recipient was not found by SMTP address lookup in Exchange or Microsoft 365: the address does not exist", Some("userunknown"), MS_NDR),
    ps("microsoft", "5.1.90", "The sender reached the daily limit for message recipients in Microsoft 365", Some("speeding"), MS_NDR),
    ps("microsoft", "5.2.252", "The sender has no permission to send as the address in From (SendAsDenied): the mailbox owner or admin must grant Send As", Some("rejected"), MS_NDR),
    ps("microsoft", "5.2.121", "The sender exceeded the recipient's per-hour limit of messages from one sender", Some("speeding"), MS_NDR),
    ps("microsoft", "5.2.122", "The recipient exceeded the number of messages it may receive per hour from all senders", Some("speeding"), MS_NDR),
    ps("microsoft", "5.4.1", "The recipient's address was rejected: it does not exist in the tenant (directory-based edge blocking) or the server does not accept mail for that domain", None, MS_NDR),
    ps("microsoft", "5.4.14", "Exchange Online detected a routing loop (hop count exceeded)", Some("networkerror"), MS_NDR),
    ps("microsoft", "5.6.11", "The sending program added invalid characters (bare line feeds) to the message", Some("contenterror"), MS_NDR),
    ps("microsoft", "5.7.1", "Microsoft refused delivery: the sender is not allowed to send to this recipient (for example a group that accepts only certain senders, or a mail flow rule); with S3150/S3140 the sending IP is on Microsoft's block list", None, MS_NDR),
    ps("microsoft", "5.7.12", "The recipient accepts only mail from inside its organisation, and the sender was not authenticated by it", Some("rejected"), MS_NDR),
    ps("microsoft", "5.7.23", "The message was rejected because of an SPF (Sender Policy Framework) violation", Some("authfailure"), MS_NDR),
    ps("microsoft", "4.7.25", "Microsoft 365 needs a reverse DNS (PTR) record for a sending IPv6 address", Some("requireptr"), MS_NDR),
    ps("microsoft", "5.7.25", "Microsoft 365 needs a reverse DNS (PTR) record for a sending IPv6 address", Some("requireptr"), MS_NDR),
    ps("microsoft", "4.7.26", "Mail sent to Microsoft 365 over IPv6 must pass SPF or DKIM", Some("authfailure"), MS_NDR),
    ps("microsoft", "5.7.57", "The client was not authenticated to send anonymous mail (SMTP AUTH needed on smtp.office365.com)", Some("securityerror"), MS_NDR),
    ps("microsoft", "5.7.64", "Relay access denied for the tenant: an inbound connector from on-premises no longer matches (TenantAttribution)", Some("norelaying"), MS_NDR),
    ps("microsoft", "5.7.124", "The sender is not in the group's allowed-senders list", Some("rejected"), MS_NDR),
    ps("microsoft", "5.7.133", "The group accepts mail only from inside its organisation, and the sender was not authenticated", Some("rejected"), MS_NDR),
    ps("microsoft", "5.7.134", "The mailbox accepts mail only from inside its organisation, and the sender was not authenticated", Some("rejected"), MS_NDR),
    ps("microsoft", "5.7.135", "The public folder accepts mail only from inside its organisation, and the sender was not authenticated", Some("rejected"), MS_NDR),
    ps("microsoft", "5.7.136", "The mail user accepts mail only from inside its organisation, and the sender was not authenticated", Some("rejected"), MS_NDR),
    ps("microsoft", "4.7.500-699", "Microsoft temporarily restricted the sending IP after suspicious activity; retry later", Some("blocked"), MS_NDR),
    ps("microsoft", "4.7.650", "Microsoft is rate limiting the sending IP because of its reputation", Some("badreputation"), MS_NDR),
    ps("microsoft", "4.7.652", "The sending IP exceeded the maximum number of connections to Microsoft", Some("toomanyconn"), MS_NDR),
    ps("microsoft", "5.7.501-503", "Spam abuse was detected and the sending account is banned (access denied)", Some("rejected"), MS_NDR),
    ps("microsoft", "5.7.504", "The recipient address is not valid (access denied)", Some("suspend"), MS_NDR),
    ps("microsoft", "5.7.505", "The recipient is banned (access denied)", Some("suspend"), MS_NDR),
    ps("microsoft", "5.7.506", "Bad HELO (the sending server introduced itself as the receiving server) (access denied)", Some("blocked"), MS_NDR),
    ps("microsoft", "5.7.507", "The recipient's organisation blocked the sending IP (access denied)", Some("blocked"), MS_NDR),
    ps("microsoft", "5.7.508", "The sending IPv6 range sent too many messages in too short a time (access denied)", Some("speeding"), MS_NDR),
    ps("microsoft", "5.7.509", "The sending domain does not pass DMARC and its DMARC policy is reject (access denied)", Some("authfailure"), MS_NDR),
    ps("microsoft", "5.7.510", "The recipient's domain does not accept email over IPv6 (access denied)", Some("blocked"), MS_NDR),
    ps("microsoft", "5.7.511", "The sending IP is banned; ask Microsoft to delist it (access denied)", Some("blocked"), MS_DELIST),
    ps("microsoft", "5.7.512", "The message has no valid From address (RFC 5322 section 3.6.2) (access denied)", Some("rejected"), MS_NDR),
    ps("microsoft", "5.7.513", "The recipient's domain blocks the sending IP with its own custom block list", Some("blocked"), MS_NDR),
    ps("microsoft", "5.7.515", "The sending (From) domain does not meet Microsoft's authentication requirements for high-volume senders (SPF and DKIM must pass, DMARC must exist and pass) (access denied)", Some("authfailure"), MS_515),
    ps("microsoft", "5.7.520", "The sender's organisation does not allow automatic forwarding to outside recipients (its outbound spam filter policy)", Some("policyviolation"), MS_NDR),
    ps("microsoft", "5.7.606-649", "The sending IP is banned by Microsoft; request removal at the delist portal (access denied)", Some("blocked"), MS_DELIST),
    ps("microsoft", "5.7.700-749", "The sending tenant exceeded a threshold (too much suspicious mail); only the tenant's admin can fix this (access denied)", Some("speeding"), MS_7XX),
    ps("microsoft", "5.7.703", "The sender's organisation blocks this recipient or domain with its Tenant Allow/Block List", Some("policyviolation"), MS_7XX),
    ps("microsoft", "5.7.705", "The sending tenant exceeded its threshold of spam or bulk mail (access denied)", Some("speeding"), MS_7XX),
    ps("microsoft", "5.7.708", "Microsoft does not accept traffic from this IP (a new or low-reputation tenant sending through it) (access denied)", Some("blocked"), MS_7XX),
    ps("microsoft", "5.7.750", "Service unavailable: the tenant is blocked from sending from unregistered (unverified) domains", Some("rejected"), MS_7XX),
    ps("microsoft", "5.7.900-999", "A mail flow (transport) rule in the recipient's organisation rejected the message", Some("policyviolation"), MS_NDR),
];

/// The provider whose own code `status` is, when the code is in no registry and one
/// provider alone uses it ("5.7.520" is Microsoft's): the code names who answered.
pub fn provider_of_code(status: &str) -> Option<&'static str> {
    let status = status.trim();
    // (sisimai's pseudo codes, X.0.9xx, are nobody's)
    if lookup(status).is_some() || parse(status).is_some_and(|(_, subject, d)| subject == 0 && d >= 900) {
        return None;
    }
    let mut owners = PROVIDER_STATUS.iter().filter(|p| status_matches(p.status, status)).map(|p| p.provider);
    let first = owners.next()?;
    owners.all(|o| o == first).then_some(first)
}

/// Parses "5.1.1" into (class, subject, detail).
pub fn parse(status: &str) -> Option<(u8, u16, u16)> {
    let mut parts = status.trim().split('.');
    let class = parts.next()?;
    let subject = parts.next()?;
    let detail = parts.next()?;
    if parts.next().is_some() || class.len() != 1 {
        return None;
    }
    let class: u8 = class.parse().ok()?;
    let num = |t: &str| -> Option<u16> {
        if t.is_empty() || t.len() > 3 || !t.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        t.parse().ok()
    };
    let (subject, detail) = (num(subject)?, num(detail)?);
    matches!(class, 2 | 4 | 5).then_some((class, subject, detail))
}

/// "Success", "Temporary failure" or "Permanent failure" for a class digit.
pub fn class_words(class: u8) -> &'static str {
    match class {
        2 => "Success",
        4 => "Temporary failure",
        _ => "Permanent failure",
    }
}

fn subject_words(subject: u16) -> &'static str {
    match subject {
        0 => "other or undefined problem",
        1 => "an addressing problem",
        2 => "a mailbox problem",
        3 => "a problem with the destination mail system",
        4 => "a network or routing problem",
        5 => "a mail protocol problem",
        6 => "a message content problem",
        7 => "a security or policy problem",
        _ => "an unknown kind of problem",
    }
}

/// The registry entry for a code such as "5.1.1".
pub fn lookup(status: &str) -> Option<&'static StatusEntry> {
    let (_, subject, detail) = parse(status)?;
    // the entries' codes as numbers, read once
    static NUMBERS: std::sync::OnceLock<Vec<(Option<u16>, Option<u16>)>> = std::sync::OnceLock::new();
    let numbers = NUMBERS.get_or_init(|| {
        STATUS_CODES
            .iter()
            .map(|e| {
                let mut it = e.code.split('.').map(|t| t.parse::<u16>().ok());
                (it.next().flatten(), it.next().flatten())
            })
            .collect()
    });
    let i = numbers.iter().position(|&n| n == (Some(subject), Some(detail)))?;
    Some(&STATUS_CODES[i])
}

/// The sisimai pseudo code entry for a code such as "5.0.911" (`None` for real codes).
pub fn pseudo(status: &str) -> Option<&'static PseudoCode> {
    match parse(status)? {
        (4 | 5, 0, detail) if detail >= 900 => PSEUDO_CODES.iter().find(|p| p.detail == detail),
        _ => None,
    }
}

/// Plain-words meaning of a full code, including its class (success, temporary, permanent)
/// and sisimai's pseudo codes such as "5.0.911".
pub fn meaning(status: &str) -> Option<String> {
    let (class, subject, _) = parse(status)?;
    let class = class_words(class);
    if let Some(p) = pseudo(status) {
        return Some(format!(
            "{class}: no status code was given; this code is derived from the reason \"{}\" ({})",
            p.reason, p.meaning
        ));
    }
    Some(match lookup(status) {
        Some(e) => format!("{class}: {}", e.meaning),
        None => format!("{class}: {} (a code not in the IANA registry)", subject_words(subject)),
    })
}

fn status_matches(pattern: &str, status: &str) -> bool {
    let Some((head, range)) = pattern.rsplit_once('.') else { return false };
    let Some((lo, hi)) = range.split_once('-') else { return pattern == status };
    let (Ok(lo), Ok(hi)) = (lo.parse::<u16>(), hi.parse::<u16>()) else { return false };
    match status.rsplit_once('.') {
        Some((h, d)) if h == head => d.parse::<u16>().is_ok_and(|d| (lo..=hi).contains(&d)),
        _ => false,
    }
}

/// A provider's own meaning of a code. An exact entry wins over a range entry.
pub fn provider_meaning(provider: &str, status: &str) -> Option<&'static ProviderStatus> {
    let status = status.trim();
    let mine = || PROVIDER_STATUS.iter().filter(move |p| p.provider == provider);
    mine().find(|p| p.status == status).or_else(|| mine().find(|p| status_matches(p.status, status)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_covers_every_code_through_7_30() {
        let counts = [(0, 0), (1, 10), (2, 4), (3, 6), (4, 7), (5, 6), (6, 10), (7, 30)];
        for (subject, last) in counts {
            for detail in 0..=last {
                let code = format!("5.{subject}.{detail}");
                assert!(lookup(&code).is_some(), "{code} missing");
            }
        }
        assert_eq!(STATUS_CODES.len(), 1 + 11 + 5 + 7 + 8 + 7 + 11 + 31);
    }

    #[test]
    fn registry_has_no_duplicates() {
        for (i, a) in STATUS_CODES.iter().enumerate() {
            assert!(STATUS_CODES[i + 1..].iter().all(|b| b.code != a.code), "{} twice", a.code);
        }
    }

    #[test]
    fn meaning_names_the_class() {
        assert_eq!(meaning("5.1.1").unwrap(), "Permanent failure: the mailbox does not exist");
        assert_eq!(meaning("4.2.2").unwrap(), "Temporary failure: the recipient's mailbox is full");
        assert!(meaning("2.1.5").unwrap().starts_with("Success"));
        assert!(meaning("5.7.30").unwrap().contains("encrypted delivery"));
    }

    #[test]
    fn unknown_details_fall_back_to_their_subject() {
        let m = meaning("5.7.999").unwrap();
        assert!(m.starts_with("Permanent failure: a security or policy problem"), "{m}");
        assert!(meaning("4.4.316").unwrap().contains("network or routing"));
    }

    #[test]
    fn malformed_codes_are_refused() {
        for bad in ["", "5", "5.1", "6.1.1", "5.1.1.1", "5.a.1", "5.1.1000", " . . ", "55.1.1"] {
            assert!(meaning(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn pseudo_codes_follow_go_sisimai() {
        for (code, reason) in [
            ("5.0.911", "userunknown"),
            ("5.0.910", "filtered"),
            ("4.0.924", "filtered"),
            ("5.0.918", "rejected"),
            ("5.0.947", "expired"),
            ("5.0.971", "blocked"),
            ("5.0.926", "authfailure"),
            ("5.0.903", "suppressed"),
        ] {
            assert_eq!(pseudo(code).map(|p| p.reason), Some(reason), "{code}");
        }
        let m = meaning("5.0.911").unwrap();
        assert!(m.contains("no status code was given") && m.contains("userunknown"), "{m}");
        assert!(pseudo("5.0.0").is_none());
        assert!(pseudo("5.1.911").is_none());
    }

    #[test]
    fn pseudo_code_per_reason_is_unique() {
        for (i, a) in PSEUDO_CODES.iter().enumerate() {
            assert!(PSEUDO_CODES[i + 1..].iter().all(|b| b.detail != a.detail), "{}", a.detail);
        }
    }

    #[test]
    fn provider_meanings_win_and_ranges_work() {
        assert!(provider_meaning("google", "5.7.27").unwrap().meaning.contains("SPF"));
        assert!(provider_meaning("google", "5.7.30").unwrap().meaning.contains("DKIM"));
        assert_eq!(provider_meaning("microsoft", "5.7.620").unwrap().status, "5.7.606-649");
        assert_eq!(provider_meaning("microsoft", "5.7.705").unwrap().status, "5.7.705");
        assert_eq!(provider_meaning("microsoft", "5.7.720").unwrap().status, "5.7.700-749");
        assert!(provider_meaning("microsoft", "5.7.650").is_none());
        assert!(provider_meaning("microsoft", "5.7.27").is_none());
        assert!(provider_meaning("yahoo", "5.7.27").is_none());
    }

    #[test]
    fn a_code_in_no_registry_names_the_provider_that_uses_it() {
        assert_eq!(provider_of_code("5.7.520"), Some("microsoft"));
        assert_eq!(provider_of_code("5.7.620"), Some("microsoft"));
        assert_eq!(provider_of_code("5.7.999"), Some("microsoft"));
        // registered codes and sisimai's pseudo codes name nobody
        assert_eq!(provider_of_code("5.7.1"), None);
        assert_eq!(provider_of_code("5.7.26"), None);
        assert_eq!(provider_of_code("5.0.911"), None);
    }

    #[test]
    fn provider_status_entries_are_well_formed() {
        for p in PROVIDER_STATUS {
            let first = p.status.split('-').next().unwrap();
            assert!(parse(first).is_some(), "{}", p.status);
            assert!(!p.meaning.is_empty());
            if let Some(url) = p.docs_url {
                assert!(url.starts_with("https://"), "{url}");
            }
        }
    }
}

//! What to tell people, per reason and per finer detail.
//!
//! Reasons are sisimai's (see the corpus README "Reasons"; go-sisimai reason/*.go) plus
//! `suppressed`. Wording is ours; the technical facts behind the admin notes come from the
//! RFCs named in each detail's link.

use super::{DetailAdvice, ReasonAdvice};
use crate::model::Actor::{self, Nobody, Recipient, RecipientAdmin, Sender, SenderAdmin};

#[allow(clippy::too_many_arguments)]
const fn ra(
    reason: &'static str,
    label: &'static str,
    summary: &'static str,
    who_must_act: Actor,
    explanation: &'static str,
    fix_steps: &'static [&'static str],
    admin_detail: &'static [&'static str],
) -> ReasonAdvice {
    ReasonAdvice { reason, label, summary, explanation, who_must_act, fix_steps, admin_detail }
}

// Steps shared by reasons and details, so that a diagnosis listing both shows them once.
const FORWARD_TO_ADMIN: &str = "Forward this bounce to your email provider or IT administrator.";
const CHECK_DOMAIN: &str = "Check the spelling of the domain after the @ (for example gmial.com instead of gmail.com).";
const LATER_OR_TELL: &str =
    "Send again later; if it keeps failing, tell the recipient through another channel that their email may be down.";

/// "expired" while the report says the message is still queued (a delay notice, Action
/// "delayed"): nothing has been given up yet.
pub static EXPIRED_STILL_QUEUED: ReasonAdvice = ra("expired", "Delivery is delayed; your server is still retrying",
    "delivery to {r} is delayed; your mail server is still retrying", Nobody,
    "Your mail server has not been able to deliver the message yet: the recipient's server did not answer, could not be reached, or asked it to try later. The message is still in your server's queue and nothing is lost yet.",
    &[CHECK_DOMAIN, LATER_OR_TELL],
    &["A delay notice (RFC 3464 Action: delayed): the message is still queued. The underlying error (timeouts, refused connections, repeated 4xx) is usually in the diagnostic text; a final report follows if the queue lifetime runs out."]);

// Texts a reason shares with the detail flag that restates it (requireptr and missing_ptr,
// mesgtoobig and message_size, speeding and rate_limit, toomanyconn and too_many_connections,
// mailboxfull and quota, spamdetected and content_spam, virusdetected and virus, badreputation
// and reputation, norelaying and relay_denied, authfailure and dmarc): both apply to one
// diagnosis, and the shared words are given once.
const PTR_WHY: &str = "The receiving server checks that the IP address of your mail server has a name in DNS (a PTR record) that points back to the same address. Yours does not, so the message was refused.";
const PTR_STEPS: &[&str] = &[FORWARD_TO_ADMIN,
    "If you run the server: ask whoever owns the IP (hosting or internet provider) to set a PTR record naming your mail server."];
const PTR_ADMIN: &[&str] = &["Set a PTR record for the sending IP (IPv4 and IPv6) to a name whose A/AAAA record returns the same IP (forward-confirmed reverse DNS).",
    "Make the HELO/EHLO name match that hostname. Check with: dig -x <ip> and dig <name>."];
const SIZE_WHY: &str = "The message is larger than the receiving mail server accepts. Attachments count, and they grow by about a third when sent.";
const SIZE_STEPS: &[&str] = &["Remove or shrink the attachments and send the message again.",
    "Share large files with a download link instead, or split them over several messages."];
const SIZE_CHECK: &str = "Compare the message size in your logs with the SIZE value the receiver announces (EHLO SIZE, RFC 1870); attachments grow by about a third when encoded.";
const RATE_WHY: &str = "The receiving server limits how many messages or recipients it accepts in a period, and this sending was over that limit.";
const RATE_STEPS: &[&str] = &["Wait a while and send again; spread large mailings over time.",
    "If you send bulk mail, ask your provider to slow down sending to this domain."];
const RATE_ADMIN: &[&str] = &["Rate limiting by messages, recipients or connections; throttle per destination and honour 4xx deferrals instead of reconnecting at once.",
    "A sudden limit can also point to a compromised account sending spam."];
const CONN_WHY: &str = "The sending server opened too many connections at the same time, or put too many recipients in one message, for the receiving server's limits.";
const CONN_STEPS: &[&str] = &["Send to fewer recipients per message and try again later.",
    "Tell your email provider or administrator if it keeps happening."];
const CONN_ADMIN: &[&str] = &["Lower concurrent connections and recipients per message to this destination (e.g. Postfix smtp_destination_concurrency_limit and smtp_destination_recipient_limit, Exim remote_max_parallel); follow the receiver's published limits."];
const FULL_WHY: &str = "The recipient's mailbox has reached its storage limit: new messages cannot be stored until they make room.";
const FULL_TELL: &str = "Tell the recipient through another channel that their mailbox is full.";
const FULL_ADMIN: &str = "A quota reply (X.2.2, or 452/552): the mailbox exists. Temporary 4xx quota errors are retried by the sending server.";
const SPAM_WHY: &str = "The receiving server's filter decided this message looks like spam, because of its content, its links, or how it was sent.";
const SPAM_REWRITE: &str = "Rewrite the message plainly: avoid link shorteners, many links, all-caps or spammy phrases, and large images without text.";
const SPAM_ADMIN: &str = "Content or reputation-based spam rejection; check links and domains in the message against URI blocklists (Spamhaus DBL, SURBL, URIBL).";
const VIRUS_WHY: &str = "The receiving server's scanner found malware in the message or one of its attachments and refused it.";
const VIRUS_SCAN: &str = "Do not send the attachment again. Scan your computer with up-to-date security software.";
const VIRUS_ADMIN: &str = "Anti-virus rejection; check the sending host for infection and outbound malware, and the attachment types being sent.";
const REPUTATION_WHY: &str = "The receiving provider rates the sending server's IP address or your domain as a likely source of unwanted mail, based on past complaints, spam traps or volume patterns.";
const BULK_HYGIENE: &str = "If you send bulk mail: send only to people who asked for it, remove addresses that bounce, and make unsubscribing easy.";
const REPUTATION_STEPS: &[&str] = &[FORWARD_TO_ADMIN, BULK_HYGIENE];
const REPUTATION_ADMIN: &[&str] = &["Check the provider's reputation tools (Google Postmaster Tools, Microsoft SNDS, Yahoo Sender Hub) and complaint rates.",
    "Look for sudden volume increases, compromised accounts, or list quality problems; warm up new IPs gradually."];
const RELAY_WHY: &str = "A mail server refused to pass the message on, because it does not handle mail for the recipient's domain and will not relay for you. Usually your mail program is not logged in to its outgoing server, or the recipient domain's MX points to the wrong server.";
const RELAY_LOGIN: &str = "Check that your mail program logs in to its outgoing (SMTP) server with your user name and password.";
const RELAY_ADMIN: &[&str] = &["Relay denied: the client was not authenticated (use SMTP AUTH on the submission port 587/465) or its IP is not allowed to relay.",
    "If the rejecting host is the recipient's MX, check the recipient domain's MX records and that the server lists the domain as accepted."];
const DMARC_ADMIN: &str = "DMARC needs SPF or DKIM to pass with an identifier aligned to the RFC 5322.From domain; check _dmarc.<domain>, aggregate (rua) reports for failing sources, and the Authentication-Results of a delivered copy.";

pub static REASONS: &[ReasonAdvice] = &[
    ra("userunknown", "The address does not exist", "{r} does not exist", Sender,
        "The receiving mail server says there is no mailbox with this address. Usually the address has a typo, or the person left the organisation and the mailbox was deleted.",
        &["Check the address letter by letter, especially the part before the @.",
          "Ask the recipient for their current address by phone, chat or another channel.",
          "If you send newsletters or notifications, remove this address from your list."],
        &["The destination rejected the recipient (RCPT TO) as unknown; this is a hard bounce.",
          "If the address should exist, the recipient's admin should check the mailbox, its aliases and any directory sync (e.g. Microsoft 365 directory-based edge blocking)."]),
    ra("hostunknown", "The recipient's domain does not exist", "the domain of {r} does not exist or has no mail server", Sender,
        "The part after the @ does not lead to any mail server: the domain does not exist, has expired, or has no mail (MX) records in DNS.",
        &[CHECK_DOMAIN,
          "Ask the recipient for a working address through another channel.",
          "Remove the address from your lists if the domain is gone."],
        &["DNS lookups of the recipient domain returned NXDOMAIN or no usable MX/A/AAAA records.",
          "Check with: dig MX <domain> and dig A <domain>; an expired domain registration is a common cause."]),
    ra("hasmoved", "The recipient has moved to another address", "{r} has moved and no longer receives mail here", Sender,
        "The address used to work, but the person no longer receives mail there and no forwarding is set up. The bounce sometimes names the new address.",
        &["Look in the bounce for a new address, or ask the recipient for it.",
          "Update your address book and lists with the new address."],
        &["The server answered with a 'user has moved' status (X.1.6 or a 551 reply); a 551 reply may carry the forward-path."]),
    ra("notaccept", "The destination does not accept email", "the domain of {r} does not accept email", Sender,
        "The recipient's domain is set up to receive no email at all (for example with a 'null MX' record), or none of its mail servers would take the message.",
        &["Contact the recipient through another channel and ask for an address that receives email.",
          "Remove the address from your lists."],
        &["Check the domain's MX records: a single MX of '.' (RFC 7505 null MX) means the domain accepts no mail.",
          "A 521/556 reply (RFC 7504) also means the host or domain never accepts mail."]),
    ra("mailboxfull", "The recipient's mailbox is full", "the mailbox of {r} is full", Recipient,
        FULL_WHY,
        &[FULL_TELL,
          "Send the message again later, after they have cleared space.",
          "If it is large, send a smaller message or share a link instead of an attachment."],
        &[FULL_ADMIN,
          "Repeated permanent quota bounces over weeks often mean an abandoned mailbox."]),
    ra("exceedlimit", "The message is too large for this recipient", "the message is larger than {r} may receive", Sender,
        "The message, with its attachments, is larger than the limit set for this recipient's mailbox.",
        SIZE_STEPS,
        &["Per-recipient size limit (X.2.3).", SIZE_CHECK]),
    ra("mesgtoobig", "The message is too large", "the message to {r} is too large for the receiving server", Sender,
        SIZE_WHY, SIZE_STEPS,
        &["The receiver's size limit (X.3.4, 552/554, or the EHLO SIZE limit of RFC 1870) was exceeded.", SIZE_CHECK]),
    ra("suspend", "The recipient's mailbox is disabled", "the mailbox of {r} is disabled or suspended", Recipient,
        "The mailbox exists but is switched off: it may be suspended, inactive for a long time, or closed by its provider. Mail may work again if the recipient reactivates it.",
        &["Contact the recipient through another channel and ask whether the address is still in use.",
          "If it stays disabled, stop sending to it and use another address."],
        &["The server reported the mailbox as disabled, suspended or inactive (X.2.1 or provider wording).",
          "Repeated bounces over weeks mean the account is abandoned; suppress the address."]),
    ra("filtered", "The recipient's side refused the message by its own rules", "{r}'s mail system refused the message by its own rules", Recipient,
        "The recipient's mail system accepted connections but refused this message because of rules on the recipient's side, such as accepting mail only from certain senders or blocking your address.",
        &["Ask the recipient (by another channel) to allow your address or domain, or to check their filters and blocked senders.",
          "If the address is a group or mailing list, ask its owner whether outside senders may post to it."],
        &["Recipient-side filtering (often X.2.0/X.7.1 with 'not allowed', 'blocked by recipient' or group restrictions).",
          "The recipient's admin can check allow/block lists, group delivery restrictions and transport rules."]),
    ra("rejected", "Your sender address was refused", "the receiving server refused the sender address for {r}", SenderAdmin,
        "The receiving server refused to take mail from you as a sender: your address, your domain, or the server sending for them. Common causes are a sender domain that cannot receive replies, a missing or broken DNS setup, too many complaints, or a block on your address or domain.",
        &["Check that your sender address is typed correctly and can receive replies.",
          "Ask your email provider or administrator to check your domain's DNS (MX, SPF) and whether your address or domain is blocked.",
          "If the recipient blocked you, ask them through another channel to allow your address."],
        &["The envelope sender (MAIL FROM) or its domain was refused: check the domain resolves, has MX records, and is not on a domain blocklist.",
          "Look at the command that failed (MAIL) and the reply text for the exact cause."]),
    ra("blocked", "The sending server was blocked", "your mail server was blocked by {r}'s mail system", SenderAdmin,
        "The receiving server refused the connection from your mail server, judged by its IP address or name: for example because the IP is on a blocklist, has no proper reverse DNS, or has a bad history.",
        &["Forward this bounce to your email provider or IT administrator: the block is on the server that sends your mail, not on you personally.",
          "If you run the server, find out why it was blocked (a blocklist listing, missing reverse DNS, spam sent through it) and fix that first.",
          "Meanwhile, send urgent messages from another account."],
        &["IP- or host-level rejection: check the sending IP against the named blocklist, its reverse DNS (PTR) and forward match, and the HELO name.",
          "Look for compromised accounts or scripts sending spam through the server before requesting delisting."]),
    ra("requireptr", "The sending server has no valid reverse DNS", "{r}'s mail system requires reverse DNS that your mail server lacks", SenderAdmin,
        PTR_WHY, PTR_STEPS, PTR_ADMIN),
    ra("badreputation", "The sender has a poor reputation", "{r}'s mail system distrusts your mail server or domain", SenderAdmin,
        REPUTATION_WHY,
        &[FORWARD_TO_ADMIN, BULK_HYGIENE, "Send important messages from another account meanwhile."],
        REPUTATION_ADMIN),
    ra("authfailure", "Your message failed authentication (SPF, DKIM or DMARC)", "the message to {r} failed sender authentication", SenderAdmin,
        "The receiving server could not confirm that the message really comes from your domain: SPF, DKIM or DMARC did not pass. This usually means the service that sent it is not authorised in your domain's DNS, or the message was not signed.",
        &["Forward this bounce to whoever manages your domain's email settings (IT administrator or email provider).",
          "If you send through a website, newsletter tool or CRM, ask them how to authorise their servers for your domain (SPF and DKIM)."],
        &["Check the domain's SPF record includes every sending service, that DKIM signing is on with a published key, and that a DMARC record exists.",
          DMARC_ADMIN]),
    ra("spamdetected", "The message was judged to be spam", "the message to {r} was judged to be spam", Sender,
        SPAM_WHY,
        &[SPAM_REWRITE,
          "Send it again to this recipient only, or ask them to add your address to their safe senders.",
          "If many recipients reject you this way, tell your email provider or administrator."],
        &[SPAM_ADMIN,
          "Check that outgoing mail is authenticated (SPF/DKIM/DMARC) and that the server is not relaying spam."]),
    ra("virusdetected", "A virus was found in the message", "the message to {r} was refused because it seems to carry a virus", Sender,
        VIRUS_WHY,
        &[VIRUS_SCAN,
          "If the file is genuine, share it another way (for example a link from a trusted storage service) and tell the recipient.",
          "If you did not send this message, your account may be compromised: change your password."],
        &[VIRUS_ADMIN]),
    ra("policyviolation", "The message broke the receiving site's policy", "the message to {r} broke a policy of the receiving site", Sender,
        "The receiving organisation has rules about what it accepts (for example no executable or encrypted attachments, size or content rules) and this message broke one of them.",
        &["Read the bounce text for the rule that was hit.",
          "Remove or change what broke it (often an attachment type such as .exe, .js or password-protected archives) and send again.",
          "If you are unsure, ask the recipient what their organisation allows."],
        &["A local policy (transport rule, attachment filter, content rule) of the receiving site rejected the message; only their admin can make an exception."]),
    ra("contenterror", "The message's format was refused", "the format of the message to {r} was refused", SenderAdmin,
        "The receiving server could not accept how the message is built: its headers, character encoding, MIME structure or line format.",
        &["Try sending it again from another mail program or from webmail.",
          "Tell your IT administrator or email provider, with this bounce, if it keeps happening."],
        &["Check the message source for bare line feeds, 8-bit data without 8BITMIME, broken MIME boundaries, overlong lines or malformed headers."]),
    ra("notcompliantrfc", "The message does not follow the email standards", "the message to {r} does not follow the email standards", SenderAdmin,
        "The receiving server refused the message because its structure breaks the email rules, for example duplicate or malformed headers or a missing From or Date.",
        &["If you sent it from a website or app, report this bounce to whoever runs that system.",
          "Otherwise try another mail program, and tell your IT administrator if it keeps happening."],
        &["Validate the message against RFC 5322: exactly one From, Date and Message-ID; valid header syntax; CRLF line ends; line length under 998 characters."]),
    ra("norelaying", "The server refused to relay the message", "the server refused to relay mail for {r}", SenderAdmin,
        RELAY_WHY,
        &[RELAY_LOGIN,
          "Forward the bounce to your email provider or administrator if the settings look right."],
        RELAY_ADMIN),
    ra("securityerror", "A security check failed (for example login)", "a security check failed while sending to {r}", SenderAdmin,
        "The mail server refused the message for a security reason, most often because the sending program did not log in, the login failed, or a secure connection was required.",
        &["Check the user name and password of the outgoing server in your mail program, and that 'my outgoing server requires authentication' is on.",
          "Make sure the mail program uses an encrypted connection (STARTTLS or SSL/TLS).",
          "Ask your email provider or administrator if the problem continues."],
        &["AUTH failures (530/535, X.7.8/X.7.0) or security policy; check the submission settings, the account's sending permission and any app-password or OAuth requirement."]),
    ra("failedstarttls", "The secure connection failed", "a secure (TLS) connection for the message to {r} could not be made", SenderAdmin,
        "The receiving side requires an encrypted connection, or the encryption setup (STARTTLS) failed, so the message was not sent.",
        &[FORWARD_TO_ADMIN],
        &["Check TLS on both sides: STARTTLS support, certificate validity and name, protocol versions and ciphers, MTA-STS or DANE policy of the recipient domain."]),
    ra("speeding", "Too many messages too fast (rate limit)", "the receiving server limited how fast mail to {r} may arrive", SenderAdmin,
        RATE_WHY, RATE_STEPS, RATE_ADMIN),
    ra("toomanyconn", "Too many connections or recipients at once", "the receiving server refused too many connections or recipients for {r}", SenderAdmin,
        CONN_WHY, CONN_STEPS, CONN_ADMIN),
    ra("syntaxerror", "An SMTP command was malformed", "a mail server command was malformed while sending to {r}", SenderAdmin,
        "The conversation between the mail servers went wrong: a command was malformed, unknown or sent in the wrong order.",
        &["Send the message again; if it fails again, forward the bounce to your email provider or administrator."],
        &["Check the SMTP transcript for the failing command (5xx 5.5.x): pipelining issues, bad address syntax in MAIL/RCPT, or middleboxes altering the session."]),
    ra("networkerror", "A network or DNS problem", "a network or DNS problem stopped delivery to {r}", RecipientAdmin,
        "The message could not reach the recipient's server because of a network problem: DNS lookups failed, the connection was refused or broke off, or mail went round in a loop.",
        &[CHECK_DOMAIN, LATER_OR_TELL],
        &["Check the recipient domain's MX/A records, that port 25 on its MX accepts connections, and for routing or forwarding loops (hop count)."]),
    ra("systemerror", "The receiving system had an error", "the receiving mail system for {r} had an error", RecipientAdmin,
        "The recipient's mail system had an internal problem or is misconfigured. It is not caused by your message.",
        &[LATER_OR_TELL],
        &["Receiver-side failure (X.3.x, 451/554 local error); its admin should check their logs for the timestamp in the bounce."]),
    ra("systemfull", "The receiving server is out of storage", "the receiving mail server for {r} is out of storage", RecipientAdmin,
        "The recipient's mail server has run out of disk space, so it cannot take new messages for anyone right now.",
        &[LATER_OR_TELL],
        &["Mail system full (X.3.1, 452): the receiver must free disk space on its queue or mailbox storage."]),
    ra("mailererror", "A delivery program failed on the receiving side", "a delivery program for {r} failed", RecipientAdmin,
        "The recipient's server tried to hand the message to a local program (for example a filter or forwarding script) and that program failed.",
        &[LATER_OR_TELL],
        &["A local delivery agent or pipe (procmail, maildrop, a script in .forward/aliases) exited with an error; check its exit status and logs."]),
    ra("expired", "Delivery was given up after retrying", "delivery to {r} was given up after retrying for too long", RecipientAdmin,
        "Your mail server kept trying to deliver the message but could not reach or get an answer from the recipient's server for a long time, so it stopped trying.",
        &[CHECK_DOMAIN, LATER_OR_TELL],
        &["The message exceeded the queue lifetime; the underlying error (timeouts, refused connections, repeated 4xx) is usually in the diagnostic text or earlier delay notices."]),
    ra("onhold", "A bounce whose reason could not be decided", "the message to {r} bounced for a reason that could not be decided", Sender,
        "This is a delivery failure report, but it does not say clearly why delivery failed.",
        &["Read the server's own words in the bounce (shown below) for clues.",
          "Check the address and send again; if it fails again, ask your email provider or administrator."],
        &["The bounce format was recognised but no single reason could be derived; inspect the diagnostic text and the DSN fields."]),
    ra("undefined", "Unknown reason", "the message to {r} was not delivered (reason unknown)", Sender,
        "Delivery failed, but the report does not say why in a way that could be recognised.",
        &["Read the server's own words in the bounce for clues.",
          "Check the address and send again; if it fails again, ask your email provider or administrator."],
        &["No reason could be determined; inspect the full bounce and the sending server's logs for this message."]),
    ra("delivered", "Delivered: this is not a failure", "the message to {r} was delivered", Nobody,
        "This is a delivery report saying the message was delivered (or relayed onward). Nothing failed.",
        &["Nothing to do."],
        &["A DSN with Action: delivered, relayed or expanded (RFC 3464), usually requested with NOTIFY=SUCCESS."]),
    ra("feedback", "A spam complaint, not a bounce", "{r} reported your message as spam", Sender,
        "This is a feedback report: a recipient (or their provider) marked your message as spam. The message was delivered; it is not a bounce.",
        &["Stop sending to the person who complained.",
          "If you send newsletters, make unsubscribing easy and send only to people who asked for your mail."],
        &["An ARF feedback report (RFC 5965); unsubscribe the complaining address and watch complaint rates, which affect reputation."]),
    ra("vacation", "An automatic reply, not a bounce", "{r} sent an automatic reply (for example out of office)", Nobody,
        "This is an automatic reply such as an out-of-office message. Your message was delivered; nothing failed.",
        &["Nothing to do; read the reply for another contact or the return date if you need one."],
        &["An auto-reply (RFC 3834, Auto-Submitted: auto-replied), not a delivery status notification."]),
    ra("suppressed", "Not sent: the address is on a suppression list", "the message to {r} was not sent because the address is suppressed", Sender,
        "Your sending service did not even try to deliver, because this address is on its suppression list after earlier bounces or complaints.",
        &["Check why the address was suppressed (earlier hard bounce, complaint or unsubscribe) in your sending service.",
          "Remove it from the suppression list only if you are sure the address now works and the person wants your mail."],
        &["The ESP (e.g. Amazon SES, SendGrid, Mailgun) skipped delivery because of its account or global suppression list; no SMTP attempt was made."]),
];

#[allow(clippy::too_many_arguments)]
const fn da(
    flag: &'static str,
    actor: Option<Actor>,
    explanation: &'static str,
    fix_steps: &'static [&'static str],
    admin_detail: &'static [&'static str],
    link: Option<(&'static str, &'static str)>,
) -> DetailAdvice {
    DetailAdvice { flag, explanation, fix_steps, admin_detail, link, actor, summary: None }
}

/// A detail that is the whole story: its summary replaces the reason's (see
/// [`DetailAdvice::summary`]).
const fn whole(summary: &'static str, d: DetailAdvice) -> DetailAdvice {
    DetailAdvice { summary: Some(summary), ..d }
}

const RFC_SPF: Option<(&str, &str)> = Some(("RFC 7208: Sender Policy Framework (SPF)", "https://www.rfc-editor.org/rfc/rfc7208"));
const RFC_DMARC: Option<(&str, &str)> = Some(("RFC 7489: DMARC", "https://www.rfc-editor.org/rfc/rfc7489"));
const RFC_AUTH: Option<(&str, &str)> = Some(("RFC 4954: SMTP authentication", "https://www.rfc-editor.org/rfc/rfc4954"));
const GMAIL_GUIDE: Option<(&str, &str)> = Some(("Gmail email sender guidelines", "https://support.google.com/mail/answer/81126"));

/// Detail advice, in priority order for choosing who must act (see [`DetailAdvice::actor`]).
pub static DETAILS: &[DetailAdvice] = &[
    // a mailing list's own refusal of a post (`mlist`): no mail server refused anything
    whole("the mailing list {r} refused your post: only its members may post", da("list_members_only", Some(Sender),
        "The list's manager (fml, GNU Mailman...) got your message but will not pass it on: the address you sent from is not a member.",
        &["Join the list, or send from the address you subscribed with (lists compare the From address exactly).",
          "If you should be allowed to post, write to the list's owner (usually the list's name with \"-owner\" added)."],
        &["Refused by the list manager, not in SMTP: members-only posting. Add the address as a member or allowed poster if it should post."],
        None)),
    whole("the mailing list {r} refused a message it had seen before (same Message-ID)", da("list_duplicate", Some(RecipientAdmin),
        "The list's manager refused the message because one with the same Message-ID was already posted: it takes a repeat for a mail loop.",
        &["If you sent it again on purpose, nothing is lost: the first copy reached the list; if not, tell the list's owner (mail may be looping)."],
        &["The list manager's loop check (fml's \"Loop Alert: Duplicated Message-ID\") refused a Message-ID it had seen: look for a forwarding loop or a resend that kept it."],
        None)),
    da("blocklist_query_refused", Some(RecipientAdmin),
        "The blocklist refused the receiving server's own lookup (for example Spamhaus answers 'open resolver' or 127.255.255.254), so your server is most likely not listed at all: the receiver's setup is at fault.",
        &["Tell the recipient, through another channel, that their mail server rejects mail because of its own blocklist setup; forward them this bounce."],
        &["The receiver queries the DNSBL through a public or shared resolver (or over the free-use limit). It must use its own recursive resolver or a registered access (e.g. Spamhaus DQS); until then it rejects legitimate mail."],
        None),
    da("greylisting", Some(Nobody),
        "The receiving server uses greylisting: it turns away the first attempt from an unknown sender on purpose and accepts a retry a few minutes later.",
        &["Nothing to do: your mail server retries by itself and the message usually arrives within minutes to an hour."],
        &["Temporary 4xx greylisting deferral; make sure the sending server retries from the same IP (or IP pool) and does not treat 4xx as final."],
        None),
    da("blocklist", Some(SenderAdmin),
        "The sending server's IP address (or a domain in the message) is on a blocklist the receiver uses.",
        &["Once the cause is fixed, check the listing on the blocklist's own page (linked below) and request removal; if you do not run the server, forward this bounce to whoever does."],
        &["Check the listed IP or domain on the blocklist's lookup page; fix the cause (compromised account, open relay, infected host, missing PTR) before requesting delisting."],
        None),
    da("missing_ptr", Some(SenderAdmin),
        PTR_WHY, PTR_STEPS, PTR_ADMIN,
        Some(("RFC 1912 2.1: every host should have a PTR record", "https://www.rfc-editor.org/rfc/rfc1912#section-2.1"))),
    da("ipv6_ptr", Some(SenderAdmin),
        "Mail sent over IPv6 must come from an address with a reverse DNS name and must pass SPF or DKIM; this one did not.",
        &["Ask your administrator to add reverse DNS (PTR) for the IPv6 address and to authenticate mail with SPF and DKIM, or to send over IPv4."],
        &["Gmail and Microsoft 365 require a PTR for sending IPv6 addresses and SPF or DKIM pass over IPv6; alternatively prefer IPv4 for those destinations (e.g. Postfix smtp_address_preference = ipv4)."],
        GMAIL_GUIDE),
    da("spf", Some(SenderAdmin),
        "SPF failed: your domain's SPF record does not list the server that sent the message.",
        &["Ask whoever manages your domain's DNS to add the sending service to the domain's SPF record."],
        &["Check the SPF TXT record of the envelope-from (Return-Path) domain: it must include the sending IPs or the service's include, have at most 10 DNS lookups, and be a single record."],
        RFC_SPF),
    da("dkim", Some(SenderAdmin),
        "DKIM failed: the message was not signed, or its signature did not verify against your domain's published key.",
        &["Ask whoever runs your sending service to turn on DKIM signing for your domain and publish its key in DNS."],
        &["Check the DKIM-Signature d= and s= values, that <selector>._domainkey.<domain> publishes the matching public key, and that nothing alters the message after signing."],
        Some(("RFC 6376: DomainKeys Identified Mail (DKIM)", "https://www.rfc-editor.org/rfc/rfc6376"))),
    da("dmarc", Some(SenderAdmin),
        "DMARC failed: neither a passing SPF nor a passing DKIM result matched the domain in the From address.",
        &["Ask whoever manages your domain's email settings to make SPF or DKIM pass for the same domain as your From address."],
        &[DMARC_ADMIN],
        RFC_DMARC),
    da("dmarc_policy", Some(SenderAdmin),
        "Your domain publishes a DMARC policy that tells receivers to reject mail that fails authentication, and this message failed it.",
        &["Ask whoever manages your domain to authorise this sending service (SPF/DKIM) before sending again; do not loosen the policy without them."],
        &["p=reject (or quarantine) in _dmarc.<domain> made the receiver refuse the unaligned message; fix alignment for the sending source or send it from a properly authenticated service."],
        RFC_DMARC),
    da("arc", Some(SenderAdmin),
        "ARC failed: the message passed through a forwarder or list whose authentication chain (ARC) did not validate.",
        &["If the message went through a mailing list or forwarding service, tell its administrator."],
        &["Check the ARC-Seal/ARC-Message-Signature headers added by intermediaries; a broken chain often comes from modifying the message after sealing."],
        Some(("RFC 8617: Authenticated Received Chain (ARC)", "https://www.rfc-editor.org/rfc/rfc8617"))),
    da("bulk_sender_requirements", Some(SenderAdmin),
        "The receiver enforces its requirements for bulk senders (SPF and DKIM, DMARC, alignment, one-click unsubscribe, low spam rate), and this mail did not meet them.",
        &["Forward this bounce to whoever runs your mailings and ask them to meet the provider's sender requirements."],
        &["Gmail, Yahoo and Microsoft require of bulk senders: SPF and DKIM passing, a DMARC record with alignment, RFC 8058 one-click unsubscribe, and spam rates under 0.3%."],
        GMAIL_GUIDE),
    da("list_unsubscribe", Some(SenderAdmin),
        "The message lacks a working one-click unsubscribe, which large providers require for bulk mail.",
        &["Ask whoever runs your mailings to add one-click unsubscribe headers."],
        &["Add List-Unsubscribe with an https URL and List-Unsubscribe-Post: List-Unsubscribe=One-Click, both covered by the DKIM signature."],
        Some(("RFC 8058: one-click unsubscribe", "https://www.rfc-editor.org/rfc/rfc8058"))),
    da("tls_required", Some(SenderAdmin),
        "The receiving side requires an encrypted (TLS) connection, and the message was not sent over one.",
        &["Ask your email provider or administrator to enable TLS (STARTTLS) for outgoing mail."],
        &["Enable opportunistic or mandatory TLS on the sending MTA for this destination; check the certificate, protocol versions and the recipient's MTA-STS policy."],
        Some(("RFC 3207: SMTP over TLS (STARTTLS)", "https://www.rfc-editor.org/rfc/rfc3207"))),
    da("mta_sts", Some(RecipientAdmin),
        "The recipient's domain publishes an MTA-STS policy that its own mail servers do not match, so the sending server refused to deliver insecurely.",
        &["Tell the recipient through another channel that their email security policy (MTA-STS) is broken; forward this bounce."],
        &["Check https://mta-sts.<domain>/.well-known/mta-sts.txt: the mx: lines must match the MX hosts, and their certificates must be valid for those names."],
        Some(("RFC 8461: SMTP MTA Strict Transport Security (MTA-STS)", "https://www.rfc-editor.org/rfc/rfc8461"))),
    da("auth_required", Some(SenderAdmin),
        "The server requires the sending program to log in (SMTP authentication) before it accepts mail.",
        &["In your mail program's outgoing server settings, turn on 'requires authentication' with your email user name and password."],
        &["Submission requires AUTH (530 5.7.0 / 5.7.57): use port 587 with STARTTLS or 465 with TLS and valid credentials; check whether SMTP AUTH is enabled for the account."],
        RFC_AUTH),
    da("auth_failed", Some(Sender),
        "The login to the outgoing mail server failed: the user name or password was not accepted.",
        &["Re-enter your email password in the mail program's outgoing (SMTP) server settings.",
          "If your provider requires an app password or two-step sign-in, create an app password and use it.",
          "If it still fails, ask your email provider whether your account is locked or blocked from sending."],
        &["535 5.7.8 authentication credentials invalid; check the account, password or app-password, and whether basic auth is disabled for SMTP (e.g. Microsoft 365 SmtpClientAuthenticationDisabled)."],
        RFC_AUTH),
    da("relay_denied", Some(SenderAdmin),
        RELAY_WHY, &[RELAY_LOGIN], RELAY_ADMIN,
        None),
    da("null_mx", Some(Sender),
        "The recipient's domain publishes a 'null MX' record: it states that it accepts no email at all.",
        &["Use another way to reach the recipient; this domain will never accept email."],
        &["MX 0 . (RFC 7505); the sending MTA correctly refused to try. Remove the address."],
        Some(("RFC 7505: null MX", "https://www.rfc-editor.org/rfc/rfc7505"))),
    da("rate_limit", Some(SenderAdmin), RATE_WHY, RATE_STEPS, RATE_ADMIN, None),
    da("too_many_connections", Some(SenderAdmin), CONN_WHY, CONN_STEPS, CONN_ADMIN, None),
    da("reputation", Some(SenderAdmin),
        REPUTATION_WHY, REPUTATION_STEPS, REPUTATION_ADMIN,
        None),
    da("message_size", Some(Sender), SIZE_WHY, SIZE_STEPS, &[SIZE_CHECK],
        Some(("RFC 1870: SMTP SIZE extension", "https://www.rfc-editor.org/rfc/rfc1870"))),
    da("quota", Some(Recipient),
        FULL_WHY, &[FULL_TELL], &[FULL_ADMIN],
        None),
    da("recipient_disabled", Some(Recipient),
        "The recipient's mailbox is disabled or inactive.",
        &["Ask the recipient, through another channel, whether this address still works."],
        &["The mailbox exists but is disabled (X.2.1 or provider wording); repeated bounces mean it is abandoned."],
        None),
    da("sender_blocked", Some(Recipient),
        "The recipient (or their organisation) has blocked your address or domain.",
        &["Ask the recipient through another channel to remove your address from their blocked senders."],
        &["A recipient-side block list entry (personal or organisation-wide) rejected the envelope or header sender."],
        None),
    da("content_spam", Some(Sender),
        SPAM_WHY, &[SPAM_REWRITE], &[SPAM_ADMIN],
        None),
    da("virus", Some(Sender),
        VIRUS_WHY, &[VIRUS_SCAN], &[VIRUS_ADMIN],
        None),
    da("attachment_blocked", Some(Sender),
        "The receiver does not accept this type of attachment (for example executables, scripts or encrypted archives).",
        &["Send the file another way, for example as a link from a file-sharing service, or in a format the recipient accepts (such as PDF)."],
        &["Attachment filtering by file type or extension at the receiving gateway."],
        None),
    da("suppressed", Some(Sender),
        "The sending service skipped this address because it is on its suppression list.",
        &["Check the suppression list in your sending service before sending to this address again."],
        &["ESP suppression (earlier hard bounce, complaint or unsubscribe); no delivery attempt was made."],
        None),
    da("dns_failure", Some(RecipientAdmin),
        "A DNS lookup failed, so the recipient's mail server could not be found.",
        &[CHECK_DOMAIN, LATER_OR_TELL],
        &["Check the recipient domain's NS and MX records for SERVFAIL, lame delegation or DNSSEC errors (dig +trace MX <domain>)."],
        None),
    da("connection_refused", Some(RecipientAdmin),
        "The recipient's mail server refused the network connection.",
        &[LATER_OR_TELL],
        &["Port 25 on the recipient's MX refused connections (server down, firewall, or an outbound port 25 block on the sender's network)."],
        None),
    da("timeout", Some(RecipientAdmin),
        "The connection to the recipient's mail server timed out.",
        &[LATER_OR_TELL],
        &["Connection or command timeouts to the recipient's MX; check reachability of port 25 and firewall rules on both sides."],
        None),
    da("mail_loop", Some(RecipientAdmin),
        "The message was going round in a loop between mail servers (too many hops).",
        &["Tell the recipient through another channel: their forwarding or mail routing loops."],
        &["Too many Received headers / hop count exceeded; check forwarding rules, aliases and MX records that point back to the sender."],
        None),
];

/// Advice for a sisimai reason (`None` for unknown names; callers fall back to "undefined").
pub fn for_reason(reason: &str) -> Option<&'static ReasonAdvice> {
    REASONS.iter().find(|a| a.reason == reason)
}

/// Advice for a detail flag.
pub fn for_flag(flag: &str) -> Option<&'static DetailAdvice> {
    DETAILS.iter().find(|a| a.flag == flag)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reasons of the corpus README, plus `suppressed`.
    const ALL: &[&str] = &[
        "userunknown", "hostunknown", "hasmoved", "notaccept", "mailboxfull", "exceedlimit", "mesgtoobig", "suspend",
        "filtered", "rejected", "blocked", "requireptr", "badreputation", "authfailure", "spamdetected", "virusdetected",
        "policyviolation", "contenterror", "notcompliantrfc", "norelaying", "securityerror", "failedstarttls", "speeding",
        "toomanyconn", "syntaxerror", "networkerror", "systemerror", "systemfull", "mailererror", "expired", "onhold",
        "undefined", "delivered", "feedback", "vacation", "suppressed",
    ];

    #[test]
    fn every_reason_has_complete_advice() {
        assert_eq!(REASONS.len(), ALL.len());
        for r in ALL {
            let a = for_reason(r).unwrap_or_else(|| panic!("{r} missing"));
            assert!(!a.label.is_empty() && !a.fix_steps.is_empty() && !a.admin_detail.is_empty(), "{r}");
            assert!(a.summary.contains("{r}"), "{r}: summary must name the recipient");
            let sentences = a.explanation.matches(". ").count() + 1;
            assert!((1..=3).contains(&sentences), "{r}: {sentences} sentences");
        }
    }

    #[test]
    fn reason_hints_in_other_tables_are_real_reasons() {
        let hints = super::super::status_codes::PROVIDER_STATUS.iter().filter_map(|p| p.reason)
            .chain(super::super::providers::PROVIDER_CODES.iter().filter_map(|c| c.reason))
            .chain(super::super::status_codes::PSEUDO_CODES.iter().map(|p| p.reason));
        for h in hints {
            assert!(for_reason(h).is_some(), "unknown reason hint {h}");
        }
    }

    #[test]
    fn non_failures_say_so() {
        for r in ["delivered", "feedback", "vacation"] {
            let a = for_reason(r).unwrap();
            assert!(a.label.contains("not a"), "{r}: {}", a.label);
        }
        assert_eq!(for_reason("vacation").unwrap().who_must_act, Nobody);
    }

    #[test]
    fn agreed_flags_all_have_advice() {
        for f in [
            "spf", "dkim", "dmarc", "arc", "blocklist", "blocklist_query_refused", "greylisting", "rate_limit",
            "too_many_connections", "missing_ptr", "message_size", "quota", "relay_denied", "tls_required",
            "auth_required", "auth_failed", "null_mx", "dns_failure", "mail_loop", "timeout", "connection_refused",
            "content_spam", "virus", "sender_blocked", "recipient_disabled", "reputation", "suppressed",
            "attachment_blocked", "dmarc_policy", "bulk_sender_requirements", "list_unsubscribe", "ipv6_ptr",
            "list_members_only", "list_duplicate",
        ] {
            let d = for_flag(f).unwrap_or_else(|| panic!("{f} missing"));
            assert!(!d.explanation.is_empty() && !d.fix_steps.is_empty() && !d.admin_detail.is_empty(), "{f}");
        }
        for (i, d) in DETAILS.iter().enumerate() {
            assert!(DETAILS[i + 1..].iter().all(|e| e.flag != d.flag), "{} twice", d.flag);
            if let Some((title, url)) = d.link {
                assert!(!title.is_empty() && url.starts_with("https://"), "{}", d.flag);
            }
        }
    }

    #[test]
    fn query_refused_outranks_the_blocklist_itself() {
        let pos = |f: &str| DETAILS.iter().position(|d| d.flag == f).unwrap();
        assert!(pos("blocklist_query_refused") < pos("blocklist"));
        assert!(pos("greylisting") < pos("rate_limit"));
    }
}

//! Mail providers and their own error tokens.
//!
//! Host suffixes and recipient domains come from the providers' MX records and sign-up
//! domains; error tokens from the providers' postmaster pages where one exists (named in the
//! comment above each group). Tokens marked "as reported" are only known from bounces
//! (collected in sisimai's rhost modules, github.com/sisimai/go-sisimai/tree/main/rhost);
//! their meanings say so.

use super::{Provider, ProviderCode};
use std::borrow::Cow;

const fn pv(
    id: &'static str,
    name: &'static str,
    host_suffixes: &'static [&'static str],
    domains: &'static [&'static str],
    phrases: &'static [&'static str],
    docs_url: Option<&'static str>,
) -> Provider {
    Provider { id, name, host_suffixes, domains, phrases, docs_url }
}

pub static PROVIDERS: &[Provider] = &[
    // MX: *.l.google.com (aspmx, gmail-smtp-in); "gsmtp" ends every Gmail SMTP error
    // (support.google.com/a/answer/3726730).
    pv("google", "Google Gmail / Workspace", &["google.com", "googlemail.com"], &["gmail.com", "googlemail.com"],
        &["gsmtp", "support.google.com/mail", "support.google.com/a/"], Some("https://support.google.com/mail/answer/81126")),
    // MX: *.olc.protection.outlook.com (consumer), *.mail.protection.outlook.com (Microsoft 365).
    pv("microsoft", "Microsoft Outlook.com / Microsoft 365",
        &["outlook.com", "hotmail.com", "office365.com", "exchangelabs.com", "outlook.office365.com", "live.com"],
        &["outlook.com", "hotmail.com", "hotmail.co.uk", "hotmail.fr", "hotmail.de", "hotmail.it", "hotmail.es", "live.com",
          "live.co.uk", "live.fr", "live.de", "live.it", "live.nl", "live.jp", "msn.com", "passport.com", "outlook.jp",
          "outlook.fr", "outlook.de", "outlook.es", "outlook.it", "windowslive.com"],
        // (Microsoft 365 names its own servers "*.prod.outlook.com" or "*.prod.exchangelabs.com"
        // in its reports: "Generating server: ...", in whatever language the report is in)
        &["protection.outlook.com", "prod.outlook.com", "prod.exchangelabs.com", "postmaster.live.com", "sender.office.com", "mail.live.com/mail/troubleshooting",
          // (Exchange Online's wording for a sending account it blocked, 5.1.8)
          "bad outbound sender"],
        Some("https://sendersupport.olc.protection.outlook.com/pm/")),
    // MX: mta*.am0.yahoodns.net (Yahoo, AOL, Verizon); senders.yahooinc.com/smtp-error-codes.
    pv("yahoo", "Yahoo / AOL", &["yahoodns.net", "yahoo.com", "aol.com"],
        &["yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "yahoo.it", "yahoo.es", "yahoo.ca", "yahoo.com.au",
          "yahoo.com.br", "yahoo.com.mx", "yahoo.in", "ymail.com", "rocketmail.com", "aol.com", "aol.co.uk", "aim.com",
          "verizon.net", "aol.jp"],
        &["yahooinc.com", "postmaster.yahoo.com", "help.yahoo.com/kb/postmaster"], Some("https://senders.yahooinc.com/")),
    // AT&T consumer domains; their MX moved to Yahoo (mx-att.mail.am0.yahoodns.net) in 2025.
    pv("att", "AT&T", &["att.net"],
        &["att.net", "sbcglobal.net", "bellsouth.net", "ameritech.net", "pacbell.net", "prodigy.net", "flash.net",
          "nvbell.net", "snet.net", "swbell.net", "wans.net", "currently.com"],
        &["abuse_rbl@abuse-att.net"], Some("https://senders.yahooinc.com/")),
    // MX: mx0*.mail.icloud.com; support.apple.com/en-us/102322 (iCloud Mail postmaster).
    pv("apple", "Apple iCloud Mail", &["icloud.com", "me.com", "mac.com", "apple.com"], &["icloud.com", "me.com", "mac.com"],
        &["support.apple.com/en-us/ht204137", "support.apple.com/en-us/102322"], Some("https://support.apple.com/en-us/102322")),
    // MX: mx*.comcast.net; postmaster.comcast.net error codes.
    pv("comcast", "Comcast Xfinity", &["comcast.net"], &["comcast.net"], &["postmaster.comcast.net", "comcast.net/help"],
        Some("https://www.xfinity.com/support/articles/email-errors")),
    // MX: *.cox.net; Cox postmaster page.
    pv("cox", "Cox", &["cox.net"], &["cox.net"], &["cox.com/residential/support"],
        Some("https://www.cox.com/residential/support/cox-postmaster-email-administration.html")),
    // MX: *.charter.net; Spectrum "Understanding email error codes".
    pv("charter", "Charter / Spectrum", &["charter.net", "rr.com", "twc.com", "spectrum.net"],
        &["charter.net", "spectrum.net", "rr.com", "twc.com", "roadrunner.com"], &["spectrumbusiness.net"],
        Some("https://www.spectrumbusiness.net/support/internet/understanding-email-error-codes")),
    // MX: smtp-in.orange.fr; "mwinf" names Orange's MTAs in its replies (as reported).
    pv("orange", "Orange", &["orange.fr", "wanadoo.fr"], &["orange.fr", "wanadoo.fr", "voila.fr"], &["mwinf"], None),
    pv("laposte", "La Poste", &["laposte.net"], &["laposte.net"], &[], None),
    pv("free", "Free", &["free.fr"], &["free.fr", "aliceadsl.fr"], &["postmaster.free.fr"], Some("http://postmaster.free.fr/")),
    // United Internet: GMX, WEB.DE, mail.com, 1&1 / IONOS (kundenserver.de).
    pv("unitedinternet", "GMX / WEB.DE / 1&1 IONOS", &["gmx.net", "gmx.com", "web.de", "kundenserver.de", "ionos.com", "1and1.com", "mail.com"],
        &["gmx.de", "gmx.net", "gmx.at", "gmx.ch", "gmx.com", "web.de", "mail.com"],
        &["postmaster.gmx.net", "postmaster.web.de", "kundenserver.de"], Some("https://postmaster.gmx.net/")),
    pv("telekom", "T-Online", &["t-online.de"], &["t-online.de", "magenta.de"], &["postmaster.t-online.de"],
        Some("https://postmaster.t-online.de/")),
    pv("mailru", "Mail.ru", &["mail.ru"], &["mail.ru", "inbox.ru", "list.ru", "bk.ru", "internet.ru"],
        &["postmaster.mail.ru", "help.mail.ru"], Some("https://postmaster.mail.ru/")),
    pv("yandex", "Yandex Mail", &["yandex.net", "yandex.ru"], &["yandex.ru", "yandex.com", "ya.ru", "yandex.by", "yandex.kz", "yandex.ua", "narod.ru"],
        &["yandex.ru/support/mail", "yandex.com/support/mail"], None),
    // MX: mx*.qq.com; service.mail.qq.com/detail/122 (QQ Mail error help).
    pv("tencent", "Tencent QQ Mail", &["qq.com"], &["qq.com", "vip.qq.com", "foxmail.com"], &["service.mail.qq.com"],
        Some("https://service.mail.qq.com/detail/122")),
    pv("netease", "NetEase 163 / 126", &["netease.com", "163.com", "126.com"], &["163.com", "126.com", "yeah.net", "vip.163.com", "188.com"],
        &["help.163.com", "mail.163.com"], None),
    pv("zoho", "Zoho Mail", &["zoho.com", "zohomail.com", "zoho.eu", "zoho.in"], &["zoho.com", "zohomail.com", "zoho.eu", "zohomail.eu", "zoho.in"],
        &["detected by zoho mail"], Some("https://www.zoho.com/mail/help/spam-reason.html")),
    pv("fastmail", "Fastmail", &["messagingengine.com", "fastmail.com"], &["fastmail.com", "fastmail.fm"], &["messagingengine.com"], None),
    pv("proton", "Proton Mail", &["protonmail.ch", "proton.me"], &["proton.me", "protonmail.com", "protonmail.ch", "pm.me"], &["protonmail.ch"], None),
    // GoDaddy's inbound/outbound hosts are *.secureserver.net; bounce codes IBxxx.
    pv("godaddy", "GoDaddy", &["secureserver.net"], &[], &["secureserver.net"],
        Some("https://www.godaddy.com/help/fix-rejected-email-with-a-bounce-error-40685")),
    pv("amazonses", "Amazon SES", &["amazonses.com"], &[], &["amazonses.com"], Some("https://docs.aws.amazon.com/ses/")),
    pv("sendgrid", "Twilio SendGrid", &["sendgrid.net"], &[], &["sendgrid.net"],
        Some("https://sendgrid.com/docs/for-developers/sending-email/smtp-errors-and-troubleshooting/")),
    pv("mailgun", "Mailgun", &["mailgun.net", "mailgun.org"], &[], &["mailgun.net", "mailgun.org"], Some("https://documentation.mailgun.com/")),
    // Gateways in front of company mailboxes.
    pv("mimecast", "Mimecast", &["mimecast.com", "mimecast-offshore.com"], &[], &["mimecast"],
        Some("https://community.mimecast.com/s/article/email-security-cloud-gateway-mimecast-smtp-error-codes")),
    pv("proofpoint", "Proofpoint", &["pphosted.com", "ppe-hosted.com"], &[], &["pphosted.com", "proofpoint"], Some("https://ipcheck.proofpoint.com/")),
    pv("barracuda", "Barracuda Email Security", &["barracudanetworks.com"], &[], &["barracudanetworks.com", "barracudacentral.org"],
        Some("https://www.barracudacentral.org/")),
    pv("cisco", "Cisco Secure Email", &["iphmx.com"], &[], &["iphmx.com", "ironport"], Some("https://talosintelligence.com/reputation_center")),
    pv("messagelabs", "Symantec Email Security.cloud", &["messagelabs.com"], &[], &["messagelabs", "symanteccloud.com"],
        Some("https://knowledge.broadcom.com/external/article/169652/email-error-and-bounce-codes-for-email-s.html")),
    pv("trendmicro", "Trend Micro Email Security", &["tmes.trendmicro.com", "tmes.trendmicro.eu", "trendmicro.com"], &[], &["ers.trendmicro.com"],
        Some("https://ers.trendmicro.com/")),
    // Japanese mobile carriers.
    pv("docomo", "NTT docomo", &["docomo.ne.jp"], &["docomo.ne.jp"], &[], None),
    pv("kddi", "KDDI au", &["ezweb.ne.jp", "au.com"], &["ezweb.ne.jp", "au.com"], &[], None),
    pv("softbank", "SoftBank", &["softbank.ne.jp", "softbank.jp"], &["softbank.ne.jp", "i.softbank.jp"], &[], None),
    // Italiaonline (Libero, Virgilio).
    pv("libero", "Libero / Virgilio", &["libero.it", "iol.it", "virgilio.it"], &["libero.it", "inwind.it", "iol.it", "blu.it", "virgilio.it"], &[], None),
];

const fn pc(
    provider: &'static str,
    token: &'static str,
    meaning: &'static str,
    reason: Option<&'static str>,
    docs_url: Option<&'static str>,
) -> ProviderCode {
    ProviderCode { provider, token, meaning, reason, docs_url }
}

const YAHOO: Option<&str> = Some("https://senders.yahooinc.com/smtp-error-codes/");
const OUTLOOK: Option<&str> = Some("https://sendersupport.olc.protection.outlook.com/pm/troubleshooting.aspx");
const MS_DELIST: Option<&str> = Some("https://sender.office.com/");
const COX: Option<&str> = Some("https://www.cox.com/residential/support/cox-postmaster-email-administration.html");
const COMCAST: Option<&str> = Some("https://www.xfinity.com/support/articles/email-errors");
const SPECTRUM: Option<&str> = Some("https://www.spectrumbusiness.net/support/internet/understanding-email-error-codes");
const GODADDY: Option<&str> = Some("https://www.godaddy.com/help/fix-rejected-email-with-a-bounce-error-40685");
const APPLE: Option<&str> = Some("https://support.apple.com/en-us/102322");

pub static PROVIDER_CODES: &[ProviderCode] = &[
    // Gmail names the help topic of a failure in its link ("support.google.com/mail/?p=...");
    // CustomFromDenied: Gmail could not send as a 'Send mail as' alias (support.google.com/mail/answer/22370)
    pc("google", "CustomFromDenied", "Gmail could not send from your 'Send mail as' address: that alias's outgoing server (SMTP) settings are wrong or out of date, so check them in Gmail's Accounts settings", Some("rejected"), Some("https://support.google.com/mail/answer/22370")),
    // Yahoo: senders.yahooinc.com/smtp-error-codes (TSS04, TSS09, TSS11, PH01) and the older
    // postmaster.yahoo.com pages quoted in bounces (TS01-TS03, BL21, BL23). Temporary
    // deferrals for volume or complaints hint badreputation (sisimai's labels for TSS04 are
    // split between badreputation and rejected); permanent deferrals follow sisimai: rejected.
    pc("yahoo", "TSS04", "Yahoo is temporarily deferring mail from this IP because of unexpected volume or user complaints; Yahoo advises slowing down and retrying later", Some("badreputation"), YAHOO),
    pc("yahoo", "TSS09", "Yahoo permanently defers all mail from this IP; retrying will not succeed", Some("badreputation"), YAHOO),
    pc("yahoo", "TSS11", "Yahoo permanently defers all mail from this IP; retrying will not succeed", Some("badreputation"), YAHOO),
    pc("yahoo", "PH01", "Yahoo did not accept the message for policy reasons", Some("policyviolation"), YAHOO),
    pc("yahoo", "TS01", "Yahoo temporarily deferred mail from this IP because of user complaints (an older Yahoo code, as reported)", Some("badreputation"), YAHOO),
    pc("yahoo", "TS02", "Yahoo temporarily deferred mail from this IP because of unusual traffic or complaints (an older Yahoo code, as reported)", Some("badreputation"), YAHOO),
    pc("yahoo", "TS03", "Yahoo permanently defers all mail from this IP; retrying will not succeed (an older Yahoo code, as reported)", Some("badreputation"), YAHOO),
    pc("yahoo", "BL21", "Yahoo does not accept connections from this IP because it is on a Spamhaus list (as reported)", Some("blocked"), YAHOO),
    pc("yahoo", "BL23", "Yahoo does not accept connections from IP addresses on the Spamhaus XBL (as reported)", Some("blocked"), YAHOO),
    // Microsoft: Outlook.com postmaster troubleshooting codes (RP/SC/DY/OU), quoted by sisimai rhost/for-microsoft.go.
    pc("microsoft", "RP-001", "Outlook.com: the sending IP exceeded the allowed rate; the limit depends on IP or domain reputation", Some("badreputation"), OUTLOOK),
    pc("microsoft", "RP-002", "Outlook.com: the sending IP exceeded the allowed rate on this connection; the limit depends on IP or domain reputation", Some("badreputation"), OUTLOOK),
    pc("microsoft", "RP-003", "Outlook.com: the sending IP exceeded the allowed number of connections; the limit depends on IP or domain reputation", Some("badreputation"), OUTLOOK),
    pc("microsoft", "SC-001", "Outlook.com rejected the mail for policy reasons: spam-like content or poor IP or domain reputation", Some("badreputation"), OUTLOOK),
    pc("microsoft", "SC-002", "Outlook.com rejected the mail because the sending IP showed namespace mining (guessing addresses)", Some("policyviolation"), OUTLOOK),
    pc("microsoft", "SC-003", "Outlook.com rejected the mail because the sending IP appears to be an open proxy or relay", Some("blocked"), OUTLOOK),
    pc("microsoft", "SC-004", "Outlook.com blocks the sending IP because of complaints about mail from it", Some("blocked"), OUTLOOK),
    pc("microsoft", "DY-001", "Outlook.com does not accept mail sent directly from dynamic IP addresses (Spamhaus lists them)", Some("blocked"), OUTLOOK),
    pc("microsoft", "DY-002", "Outlook.com rejected the mail: the sending computer or server is likely compromised or infected", Some("virusdetected"), OUTLOOK),
    pc("microsoft", "OU-001", "Outlook.com rejected the mail for policy reasons; see Spamhaus for this block and how to request removal", Some("blocked"), OUTLOOK),
    pc("microsoft", "OU-002", "Outlook.com rejected the mail for policy reasons: spam-like content or poor IP or domain reputation", Some("badreputation"), OUTLOOK),
    // Microsoft protocol-filter codes, as reported in bounces ("part of their network is on our block list").
    pc("microsoft", "S3150", "The sending IP (or its network) is on Microsoft's own block list; the sender can request removal at sender.office.com (as reported)", Some("blocked"), MS_DELIST),
    pc("microsoft", "S3140", "The sending IP (or its network) is on Microsoft's own block list; the sender can request removal at sender.office.com (as reported)", Some("blocked"), MS_DELIST),
    pc("microsoft", "S775", "Microsoft temporarily rate limits the sending IP because of its reputation (as reported with 4.7.650)", Some("badreputation"), MS_DELIST),
    pc("microsoft", "S3115", "The sending IP exceeded Microsoft's maximum number of connections (as reported with 4.7.652)", Some("toomanyconn"), None),
    // Exchange Online NDR reference: 5.7.513 "... using Customer Block list (AS16012607)"; 5.0.350 "(AS345)" nested attachments.
    pc("microsoft", "AS16012607", "The recipient's organisation blocks the sending IP with its own custom block list", Some("blocked"), None),
    pc("microsoft", "AS345", "Microsoft rejected the message by policy (nested attachments)", Some("policyviolation"), None),
    // Cox postmaster page: AUP#... codes.
    pc("cox", "AUP#CXBL", "Cox blocked the sending IP because it showed spam-like behaviour; ask Cox to unblock it", Some("blocked"), COX),
    pc("cox", "AUP#CDRBL", "Cox temporarily blocked the sending IP (up to 24 hours) because it showed spam-like behaviour", Some("blocked"), COX),
    pc("cox", "AUP#CXDNS", "The reverse DNS (PTR) lookup of the sending IP failed at Cox", Some("requireptr"), COX),
    pc("cox", "AUP#CXSNDR", "The message failed authentication checks (SPF, DomainKeys or DKIM) for the sending domain at Cox", Some("authfailure"), COX),
    pc("cox", "AUP#CXSMTP", "Cox saw an SMTP protocol violation and could not verify a legitimate sender", Some("rejected"), COX),
    pc("cox", "AUP#CXCNCT", "The sending IP opened too many simultaneous connections to Cox (keep it at 10 or fewer)", Some("toomanyconn"), COX),
    pc("cox", "AUP#CXMXRT", "The sender sent to too many recipients and must wait before sending more", Some("toomanyconn"), COX),
    pc("cox", "AUP#CXTHRT", "Cox limited sending because of suspicious account activity", Some("securityerror"), COX),
    pc("cox", "AUP#CXMJ", "Cox blocked sending because of suspicious activity on the primary Cox account", Some("securityerror"), COX),
    pc("cox", "AUP#IPBL*", "The sending IP is on DNS blocklists Cox uses (the digits say which: Cloudmark CSI, Invaluement ivmSIP, Return Path, Spamhaus ZEN)", Some("blocked"), COX),
    pc("cox", "AUP#URLBL*", "A link in the message is on URL blocklists Cox uses (SURBL, Spamhaus DBL or ivmURI)", Some("spamdetected"), COX),
    // Comcast postmaster "Mail delivery error codes" (postmaster.comcast.net) and Comcast business help.
    pc("comcast", "BL000000", "Comcast blocks the sending IP because it sent mail in patterns typical of spam", Some("blocked"), COMCAST),
    pc("comcast", "BL000001", "Comcast blocks the sending IP because it is on the Spamhaus ZEN blocklist", Some("blocked"), COMCAST),
    pc("comcast", "BL000010", "Comcast blocks the sending IP because it is listed by Cloudmark CSI", Some("blocked"), COMCAST),
    pc("comcast", "BL000011", "Comcast blocks the sending IP because it is on Spamhaus ZEN and Cloudmark CSI", Some("blocked"), COMCAST),
    pc("comcast", "BL000100", "Comcast blocks the sending IP because it is on the SenderScore blocklist", Some("blocked"), COMCAST),
    pc("comcast", "BL000101", "Comcast blocks the sending IP because it is on Spamhaus ZEN and the SenderScore blocklist", Some("blocked"), COMCAST),
    pc("comcast", "BL000110", "Comcast blocks the sending IP because it is on the SenderScore blocklist and Cloudmark CSI", Some("blocked"), COMCAST),
    pc("comcast", "BL000111", "Comcast blocks the sending IP because it is on Spamhaus ZEN, SenderScore and Cloudmark CSI", Some("blocked"), COMCAST),
    pc("comcast", "BL006", "Comcast blocks the sending provider because it is on the Spamhaus SBL/XBL", Some("blocked"), COMCAST),
    pc("comcast", "BL007", "Comcast blocks the sending provider because it is listed by Cloudmark CSI", Some("blocked"), COMCAST),
    pc("comcast", "ES000001", "Comcast does not accept mail sent directly from Comcast's dynamic (residential) IP space; send through smtp.comcast.net", Some("blocked"), COMCAST),
    pc("comcast", "ES000010", "Comcast does not accept mail sent directly from dynamic (residential) IP space; often the reverse DNS name looks dynamic", Some("blocked"), COMCAST),
    pc("comcast", "RL000001", "Comcast is rate limiting the sending IP (as reported)", Some("speeding"), COMCAST),
    // Spectrum "Understanding email error codes": AUP#I (incoming) / AUP#O (outgoing) + four digits.
    pc("charter", "AUP#*1000", "Spectrum blocked the sending IP because of suspicious activity", Some("blocked"), SPECTRUM),
    pc("charter", "AUP#*1010", "Spectrum blocked this email account from sending because of suspicious activity", Some("rejected"), SPECTRUM),
    pc("charter", "AUP#*{1020-1080}", "Spectrum limited this email account's sending because of suspicious activity", Some("rejected"), SPECTRUM),
    pc("charter", "AUP#*1090", "Spectrum could not process the email; try again later", Some("systemerror"), SPECTRUM),
    pc("charter", "AUP#*{1100-1150}", "The sending IP has a DNS problem: Spectrum requires full-circle (forward and reverse) DNS", Some("requireptr"), SPECTRUM),
    pc("charter", "AUP#*{1160-1190}", "The email goes against the sending domain's security policy", Some("policyviolation"), SPECTRUM),
    pc("charter", "AUP#*{1200-1210}", "The sending IP is flagged by Cloudmark CSI as a potential spam source", Some("blocked"), SPECTRUM),
    pc("charter", "AUP#*{1220-1250}", "The sending IP is listed by Spamhaus", Some("blocked"), SPECTRUM),
    pc("charter", "AUP#*1260", "Spectrum does not take mail over IPv6; connect over IPv4", Some("networkerror"), SPECTRUM),
    pc("charter", "AUP#*{1300-1340}", "Too many connections from the sender; the limit depends on the IP's reputation", Some("toomanyconn"), SPECTRUM),
    pc("charter", "AUP#*{1350-1490}", "The sender exceeded Spectrum's limits on messages, recipients or invalid recipients", Some("speeding"), SPECTRUM),
    pc("charter", "AUP#*1500", "The email was sent as a different address than the one signed in", Some("rejected"), SPECTRUM),
    pc("charter", "AUP#*1520", "The email was sent as an address of a domain Spectrum does not host", Some("rejected"), SPECTRUM),
    pc("charter", "AUP#*1530", "The email is larger than Spectrum's 20 MB limit", Some("mesgtoobig"), SPECTRUM),
    pc("charter", "AUP#*1540", "Too many emails in one session; reconnect and send fewer at a time", Some("speeding"), SPECTRUM),
    pc("charter", "AUP#*1550", "Too many recipients in one message", Some("speeding"), SPECTRUM),
    pc("charter", "AUP#*1560", "Too many invalid recipients", Some("policyviolation"), SPECTRUM),
    pc("charter", "AUP#*1580", "Too many recipients in a short time; wait and try again", Some("speeding"), SPECTRUM),
    // Orange: OFRnnn_ccc codes, as reported (postmastery.com and smtpfieldmanual.com lists, quoted by sisimai rhost/for-franceptt.go).
    pc("orange", "OFR*101", "Orange blocked the sending IP because it is listed by Spamhaus (as reported)", Some("blocked"), None),
    pc("orange", "OFR*102", "Orange blocked the sending IP for spam (listed by Cloudmark or SenderScore) (as reported)", Some("blocked"), None),
    pc("orange", "OFR*103", "Orange refused service to the sending IP; try later (as reported)", Some("blocked"), None),
    pc("orange", "OFR*104", "Too many connections to Orange; slow down (as reported)", Some("toomanyconn"), None),
    pc("orange", "OFR*305", "Invalid authentication code at Orange (as reported)", Some("securityerror"), None),
    pc("orange", "OFR*405", "Orange refused the sender address as invalid (as reported)", Some("rejected"), None),
    pc("orange", "OFR*415", "Orange refused the sender address as invalid (as reported)", Some("rejected"), None),
    pc("orange", "OFR*416", "The recipient address is invalid at Orange (as reported)", Some("userunknown"), None),
    pc("orange", "OFR*417", "The Orange recipient's mailbox is full (as reported)", Some("mailboxfull"), None),
    pc("orange", "OFR*505", "Orange refused service; try later (as reported)", Some("systemerror"), None),
    pc("orange", "OFR*506", "Orange rejected the message as spam (as reported)", Some("spamdetected"), None),
    pc("orange", "OFR*999", "Orange refused service to the sending IP (a block); try later (as reported)", Some("blocked"), None),
    // La Poste: LPNnnn_ccc codes, as reported (same sources).
    pc("laposte", "LPN*101", "La Poste blocked the sending IP because it is listed by Spamhaus (as reported)", Some("blocked"), None),
    pc("laposte", "LPN*102", "La Poste blocked the sending IP because of its reputation (SenderScore) (as reported)", Some("blocked"), None),
    pc("laposte", "LPN*401", "The sending server is not allowed by the sender domain's SPF record (as reported)", Some("authfailure"), None),
    pc("laposte", "LPN*402", "La Poste requires authentication (as reported)", Some("securityerror"), None),
    pc("laposte", "LPN*405", "La Poste refused the sender address as invalid (as reported)", Some("rejected"), None),
    pc("laposte", "LPN*416", "The recipient address is invalid at La Poste (as reported)", Some("userunknown"), None),
    pc("laposte", "LPN*420", "The La Poste recipient's mailbox is archived (inactive) (as reported)", Some("suspend"), None),
    pc("laposte", "LPN*421", "The sender address is not owned by the signed-in user (as reported)", Some("rejected"), None),
    pc("laposte", "LPN*426", "The La Poste recipient's account is blocked (as reported)", Some("suspend"), None),
    pc("laposte", "LPN*510", "La Poste refused service to the sender (a block) (as reported)", Some("blocked"), None),
    pc("laposte", "LPN*517", "The message failed DMARC verification (as reported)", Some("authfailure"), None),
    pc("laposte", "LPN*630", "La Poste rejected the sending host by policy (as reported)", Some("policyviolation"), None),
    // Apple iCloud Mail, as reported in bounces that point to support.apple.com/en-us/102322 (formerly HT204137).
    pc("apple", "CS01", "iCloud Mail rejected the message due to local policy (content or sender reputation) (as reported)", Some("policyviolation"), APPLE),
    pc("apple", "CS02", "iCloud Mail rejected the message due to local policy (content or sender reputation) (as reported)", Some("policyviolation"), APPLE),
    pc("apple", "HM08", "iCloud Mail rejected the message due to local policy (as reported)", Some("policyviolation"), APPLE),
    pc("apple", "HME1", "iCloud Mail blocked the message because it failed both SPF and DKIM checks (as reported)", Some("authfailure"), APPLE),
    // GoDaddy "Fix rejected email with a bounce error" (help article 40685).
    pc("godaddy", "IB007", "Too many sessions are open from this IP; lower the number of concurrent sessions", Some("toomanyconn"), GODADDY),
    pc("godaddy", "IB101", "GoDaddy's mail queue is busier than normal; try again later", Some("speeding"), GODADDY),
    pc("godaddy", "IB103", "The sending IP has a poor reputation at Cloudmark Sender Intelligence (CSI)", Some("badreputation"), GODADDY),
    pc("godaddy", "IB104", "The sending IP is on the Spamhaus Block List (SBL)", Some("blocked"), GODADDY),
    pc("godaddy", "IB105", "The sending IP is on the Spamhaus Exploits Block List (XBL)", Some("blocked"), GODADDY),
    pc("godaddy", "IB106", "The sending IP is on the Spamhaus Policy Block List (PBL)", Some("blocked"), GODADDY),
    pc("godaddy", "IB108", "The sending IP has no reverse DNS, or the lookup failed", Some("requireptr"), GODADDY),
    pc("godaddy", "IB110", "The sending IP is blocked for an hour for sending too much spam", Some("blocked"), GODADDY),
    pc("godaddy", "IB111", "The sending IP is blocked for the rest of the day for sending too much spam", Some("blocked"), GODADDY),
    pc("godaddy", "IB112", "The sending IP is blocked for an hour for mailing too many invalid recipients", Some("blocked"), GODADDY),
    pc("godaddy", "IB113", "The sending IP is blocked for the rest of the day for mailing too many invalid recipients", Some("blocked"), GODADDY),
    pc("godaddy", "IB212", "The message content was judged to be spam", Some("spamdetected"), GODADDY),
    pc("godaddy", "IB401", "Authentication is not allowed on GoDaddy's inbound servers: the mail program uses the wrong outgoing server (use smtpout.secureserver.net)", Some("securityerror"), GODADDY),
    pc("godaddy", "IB501", "The message's From address is blank", Some("notcompliantrfc"), GODADDY),
    pc("godaddy", "IB502", "The message's From address is an IP address, which is not allowed", Some("notcompliantrfc"), GODADDY),
    pc("godaddy", "IB504", "This IP has sent too many messages this hour", Some("speeding"), GODADDY),
    pc("godaddy", "IB506", "The From domain is invalid (no valid MX or address records)", Some("rejected"), GODADDY),
    pc("godaddy", "IB508", "The sender domain's SPF record does not allow the sending server", Some("authfailure"), GODADDY),
    pc("godaddy", "IB510", "Too many messages in one session; open a new session", Some("speeding"), GODADDY),
    pc("godaddy", "IB605", "The message has too many recipients", Some("toomanyconn"), GODADDY),
    pc("godaddy", "IB607", "This IP has sent to too many recipients this hour", Some("speeding"), GODADDY),
    pc("godaddy", "IB705", "The message was rejected as virus infected", Some("virusdetected"), GODADDY),
    // NetEase 163/126: "XX:YYY" codes, as reported in bounces (NetEase help pages list them).
    pc("netease", "DT:SPM", "NetEase judged the message content to be spam (as reported)", Some("spamdetected"), None),
    pc("netease", "DT:SUM", "The envelope sender and the From header do not match (as reported)", Some("rejected"), None),
    pc("netease", "DT:RBL", "The sending IP is on a blocklist NetEase uses (as reported)", Some("blocked"), None),
    pc("netease", "RP:FRL", "NetEase does not relay mail anonymously (as reported)", Some("norelaying"), None),
    pc("netease", "MI:SFQ", "The sender sent too many messages in a short time (as reported)", Some("speeding"), None),
    pc("netease", "MI:STC", "The sender opened too many connections today (as reported)", Some("toomanyconn"), None),
    // Tencent QQ Mail error help pages (service.mail.qq.com/detail/122/<n>, the page number in the link); phrases, matched case-insensitively.
    pc("tencent", "mailbox not found", "The QQ Mail address does not exist", Some("userunknown"), Some("https://service.mail.qq.com/detail/122/169")),
    pc("tencent", "bad address syntax", "The recipient address is not written correctly", Some("syntaxerror"), Some("https://service.mail.qq.com/detail/122/167")),
    pc("tencent", "is a deactivated mailbox", "The QQ Mail mailbox is deactivated", Some("suspend"), Some("https://service.mail.qq.com/detail/122")),
    pc("tencent", "spf check failed", "The sending server is not allowed by the sender domain's SPF record", Some("authfailure"), Some("https://service.mail.qq.com/detail/122/72")),
    pc("tencent", "dmarc check failed", "The message failed the sender domain's DMARC check", Some("authfailure"), Some("https://service.mail.qq.com/detail/122")),
    pc("tencent", "suspected spam ip", "QQ Mail suspects the sending IP of sending spam", Some("blocked"), Some("https://service.mail.qq.com/detail/122/66")),
    pc("tencent", "suspected bounce attacks", "QQ Mail suspects a bounce (backscatter) attack from the sending IP", Some("blocked"), Some("https://service.mail.qq.com/detail/122/57")),
    pc("tencent", "connection denied", "QQ Mail refused the connection from the sending IP", Some("blocked"), Some("https://service.mail.qq.com/detail/122/170")),
    pc("tencent", "message too large", "The message is larger than QQ Mail accepts", Some("mesgtoobig"), Some("https://service.mail.qq.com/detail/122/168")),
    pc("tencent", "spam is embedded in the email", "QQ Mail found spam content in the message", Some("spamdetected"), Some("https://service.mail.qq.com/detail/122/59")),
    pc("tencent", "mail content denied", "QQ Mail refused the message content", Some("spamdetected"), Some("https://service.mail.qq.com/detail/122/171")),
    pc("tencent", "mail is rejected by recipients", "The QQ Mail recipient refuses mail from this sender", Some("rejected"), Some("https://service.mail.qq.com/detail/122/92")),
    pc("tencent", "ip frequency limited", "The sending IP sent too much too fast to QQ Mail", Some("toomanyconn"), Some("https://service.mail.qq.com/detail/122/172")),
    pc("tencent", "domain frequency limited", "The sending domain sent too much too fast to QQ Mail", Some("toomanyconn"), Some("https://service.mail.qq.com/detail/122/173")),
    pc("tencent", "sender frequency limited", "The sender address sent too much too fast to QQ Mail", Some("toomanyconn"), Some("https://service.mail.qq.com/detail/122/174")),
    pc("tencent", "connection frequency limited", "Too many connections to QQ Mail too fast", Some("toomanyconn"), Some("https://service.mail.qq.com/detail/122/175")),
    pc("tencent", "frequency of receiving messages is limited", "The QQ Mail recipient is receiving too many messages too fast", Some("speeding"), Some("https://service.mail.qq.com/detail/122/1011")),
    // Mimecast SMTP error codes page (phrases, matched case-insensitively).
    pc("mimecast", "envelope blocked", "A Mimecast blocked-senders policy of the recipient's organisation rejected the sender", Some("rejected"), None),
    pc("mimecast", "anti-spoofing policy", "The message triggered the recipient organisation's Mimecast anti-spoofing policy", Some("policyviolation"), None),
    pc("mimecast", "local ct ip reputation", "Mimecast rejected the sending IP because of its poor reputation", Some("badreputation"), None),
    pc("mimecast", "spf sender invalid", "The sending IP is not in the sender domain's SPF record (Mimecast)", Some("authfailure"), None),
    pc("mimecast", "dkim sender invalid", "The message's DKIM signature did not verify (Mimecast)", Some("authfailure"), None),
    pc("mimecast", "dmarc sender invalid", "The message failed DMARC (Mimecast)", Some("authfailure"), None),
    pc("mimecast", "MCSpamSignature", "The message matched one of Mimecast's anti-spam signatures (\"rejected due to security policies\")", Some("spamdetected"), None),
    pc("mimecast", "this route requires encryption", "The recipient organisation's Mimecast policy requires TLS", Some("failedstarttls"), None),
];

fn norm(s: &str) -> String {
    s.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// The provider with id `id` ("microsoft").
pub fn by_id(id: &str) -> Option<&'static Provider> {
    PROVIDERS.iter().find(|p| p.id == id)
}

/// The provider whose mail servers include `host` (suffix match on a dot boundary).
pub fn by_host(host: &str) -> Option<&'static Provider> {
    let host = norm(host.trim_start_matches('[').trim_end_matches(']'));
    if host.is_empty() {
        return None;
    }
    let under = |suffix: &str| host == suffix || host.strip_suffix(suffix).is_some_and(|h| h.ends_with('.'));
    // The longest matching suffix decides, so "tmes.trendmicro.com" beats a shorter one.
    PROVIDERS
        .iter()
        .flat_map(|p| p.host_suffixes.iter().map(move |s| (p, *s)))
        .filter(|(_, s)| under(s))
        .max_by_key(|(_, s)| s.len())
        .map(|(p, _)| p)
}

/// The provider hosting the recipient domain `domain`.
pub fn by_domain(domain: &str) -> Option<&'static Provider> {
    let domain = norm(domain.rsplit('@').next().unwrap_or(domain));
    PROVIDERS.iter().find(|p| p.domains.contains(&domain.as_str()))
}

/// The provider identified by wording in `lower_text` (already lower-cased).
pub fn by_phrase(lower_text: &str) -> Option<&'static Provider> {
    // one pass for all providers' phrases, then table order decides
    static TABLE: std::sync::OnceLock<Vec<(&'static str, &'static [&'static str])>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| PROVIDERS.iter().map(|p| (p.id, p.phrases)).collect());
    let found = crate::tagged!(table).tags(lower_text);
    PROVIDERS.iter().find(|p| found.contains(&p.id))
}

/// The provider's own token found in `text` (case-sensitive, as the provider writes it).
pub fn find_code(provider: &str, text: &str) -> Option<&'static ProviderCode> {
    find_code_in(provider, text).map(|(c, _)| c)
}

/// Like [`find_code`], and also returns the text that matched (e.g. "OFR006_102" for the
/// pattern "OFR*102"), to show as the provider's code.
pub fn find_code_in<'t>(provider: &str, text: &'t str) -> Option<(&'static ProviderCode, &'t str)> {
    let codes = || PROVIDER_CODES.iter().filter(|c| c.provider == provider);
    codes().find_map(|c| match_token(c.token, text).map(|m| (c, m))).or_else(|| {
        // tokens quoted in lower case ("ofr_506"): ASCII upper-casing keeps the offsets
        let upper = text.to_ascii_uppercase();
        codes().find_map(|c| {
            let m = match_token(c.token, &upper)?;
            let start = m.as_ptr() as usize - upper.as_ptr() as usize;
            text.get(start..start + m.len()).map(|t| (c, t))
        })
    })
}

/// One element of a token pattern.
enum Piece<'p> {
    Lit(&'p [u8]),
    /// A run (possibly empty) of letters, digits, `_` or `-`.
    Star,
    /// A number from `lo` to `hi` written with `digits` digits.
    Range { lo: u32, hi: u32, digits: usize },
}

fn pieces(pattern: &str) -> Vec<Piece<'_>> {
    let b = pattern.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'*' => {
                out.push(Piece::Star);
                i += 1;
            }
            b'{' => {
                let end = pattern[i..].find('}').map_or(b.len(), |e| i + e);
                let (lo, hi) = pattern[i + 1..end].split_once('-').unwrap_or(("", ""));
                let (lo, hi) = (lo.parse().unwrap_or(1), hi.parse().unwrap_or(0));
                out.push(Piece::Range { lo, hi, digits: pattern[i + 1..end].len().saturating_sub(1) / 2 });
                i = end + 1;
            }
            _ => {
                let end = pattern[i..].find(['*', '{']).map_or(b.len(), |e| i + e);
                out.push(Piece::Lit(&b[i..end]));
                i = end;
            }
        }
    }
    out
}

fn is_run(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// Matches `ps` against `t` from `i`; returns the end of the match.
fn match_here(ps: &[Piece<'_>], t: &[u8], i: usize, fold: bool, right_edge: bool) -> Option<usize> {
    let Some((first, rest)) = ps.split_first() else {
        let ok = !right_edge || i == t.len() || !t[i].is_ascii_alphanumeric();
        return ok.then_some(i);
    };
    match first {
        Piece::Lit(l) => {
            let seg = t.get(i..i + l.len())?;
            let same = if fold { seg.eq_ignore_ascii_case(l) } else { seg == *l };
            if same { match_here(rest, t, i + l.len(), fold, right_edge) } else { None }
        }
        Piece::Star => {
            let run = t[i..].iter().take_while(|b| is_run(**b)).count();
            (0..=run).rev().find_map(|k| match_here(rest, t, i + k, fold, right_edge))
        }
        Piece::Range { lo, hi, digits } => {
            let seg = t.get(i..i + digits)?;
            if !seg.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let v: u32 = std::str::from_utf8(seg).ok()?.parse().ok()?;
            if (*lo..=*hi).contains(&v) { match_here(rest, t, i + digits, fold, right_edge) } else { None }
        }
    }
}

/// Finds a provider token pattern (see [`ProviderCode::token`]) in `text`.
pub fn match_token<'t>(pattern: &str, text: &'t str) -> Option<&'t str> {
    let ps = pieces(pattern);
    let Some(Piece::Lit(head)) = ps.first() else { return None };
    let fold = pattern.contains(' ');
    let last = pattern.as_bytes()[pattern.len() - 1];
    let right_edge = last.is_ascii_alphanumeric() || last == b'}';
    let left_edge = head[0].is_ascii_alphanumeric();
    let t = text.as_bytes();
    let head = std::str::from_utf8(head).ok()?;
    let (hay, needle): (Cow<str>, Cow<str>) = if fold {
        (text.to_ascii_lowercase().into(), head.to_ascii_lowercase().into())
    } else {
        (text.into(), head.into())
    };
    let mut from = 0;
    while let Some(pos) = hay.get(from..).and_then(|h| crate::text::find(h, &needle)) {
        let start = from + pos;
        if !left_edge || start == 0 || !t[start - 1].is_ascii_alphanumeric() {
            if let Some(end) = match_here(&ps, t, start, fold, right_edge) {
                return text.get(start..end);
            }
        }
        from = start + 1;
        while from < hay.len() && !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_match_on_dot_boundaries() {
        assert_eq!(by_host("gmail-smtp-in.l.google.com").unwrap().id, "google");
        assert_eq!(by_host("ASPMX.L.GOOGLE.COM.").unwrap().id, "google");
        assert_eq!(by_host("example-com.mail.protection.outlook.com").unwrap().id, "microsoft");
        assert_eq!(by_host("mta7.am0.yahoodns.net").unwrap().id, "yahoo");
        assert_eq!(by_host("mx0a-001.pphosted.com").unwrap().id, "proofpoint");
        assert_eq!(by_host("smtp.secureserver.net").unwrap().id, "godaddy");
        assert!(by_host("notgoogle.com").is_none());
        assert!(by_host("google.com.evil.example").is_none());
        assert!(by_host("").is_none());
    }

    #[test]
    fn domains_match_exactly() {
        assert_eq!(by_domain("gmail.com").unwrap().id, "google");
        assert_eq!(by_domain("Kijitora@Hotmail.co.uk").unwrap().id, "microsoft");
        assert_eq!(by_domain("sbcglobal.net").unwrap().id, "att");
        assert_eq!(by_domain("docomo.ne.jp").unwrap().id, "docomo");
        assert!(by_domain("sub.gmail.com").is_none());
        assert!(by_domain("example.jp").is_none());
    }

    #[test]
    fn phrases_identify_providers() {
        let gmail = "550 5.1.1 the email account that you tried to reach does not exist. a1si123 - gsmtp";
        assert_eq!(by_phrase(gmail).unwrap().id, "google");
        assert_eq!(by_phrase("see https://senders.yahooinc.com/smtp-error-codes").unwrap().id, "yahoo");
        assert!(by_phrase("nothing identifying here").is_none());
        assert!(by_phrase("xgsmtpx").is_none());
    }

    #[test]
    fn codes_are_whole_tokens() {
        let yahoo = "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred";
        assert_eq!(find_code("yahoo", yahoo).unwrap().token, "TSS04");
        assert!(find_code("yahoo", "[TSS041]").is_none());
        assert!(find_code("yahoo", "XTSS04").is_none());
        assert!(find_code("google", yahoo).is_none(), "codes belong to their provider");
        let ms = "part of their network is on our block list (S3150). You can also";
        assert_eq!(find_code("microsoft", ms).unwrap().token, "S3150");
        assert!(find_code("microsoft", "S31500").is_none());
    }

    #[test]
    fn wildcards_and_ranges_match_real_forms() {
        let (c, m) = find_code_in("orange", "Service refused, please try later. OFR006_103 192.0.2.1 [103]").unwrap();
        assert_eq!((c.token, m), ("OFR*103", "OFR006_103"));
        assert_eq!(find_code_in("orange", "Mail rejected. OFR_999 [999]").unwrap().1, "OFR_999");
        assert_eq!(find_code_in("laposte", "Invalid recipient. LPN416").unwrap().1, "LPN416");
        assert_eq!(find_code_in("cox", "blocked AUP#CXBL more").unwrap().1, "AUP#CXBL");
        assert_eq!(find_code_in("cox", "rejected AUP#IPBL1001").unwrap().1, "AUP#IPBL1001");
        let (c, m) = find_code_in("charter", "550 5.7.1 AUP#I-1210 blocked").unwrap();
        assert_eq!((c.token, m), ("AUP#*{1200-1210}", "AUP#I-1210"));
        assert_eq!(find_code("charter", "AUP#O-1530").unwrap().reason, Some("mesgtoobig"));
        assert!(find_code("charter", "AUP#I-1211").is_none());
        assert!(find_code("charter", "AUP#I-12000").is_none());
    }

    #[test]
    fn tencent_phrases_carry_their_help_page() {
        let c = find_code("tencent", "550 Mailbox not found. http://service.mail.qq.com/cgi-bin/help?subtype=1").unwrap();
        assert_eq!((c.reason, c.docs_url), (Some("userunknown"), Some("https://service.mail.qq.com/detail/122/169")));
    }

    #[test]
    fn phrase_tokens_ignore_case() {
        let t = "550 Envelope Blocked - User Entry";
        assert_eq!(find_code("mimecast", t).unwrap().reason, Some("rejected"));
    }

    #[test]
    fn every_code_names_a_known_provider_and_matches_itself() {
        for c in PROVIDER_CODES {
            assert!(PROVIDERS.iter().any(|p| p.id == c.provider), "{} has no provider", c.token);
            if !c.token.contains(['*', '{']) {
                assert_eq!(match_token(c.token, &format!("x {} y", c.token)), Some(c.token), "{}", c.token);
            }
        }
    }

    #[test]
    fn provider_ids_are_unique_and_lower_case() {
        for (i, p) in PROVIDERS.iter().enumerate() {
            assert!(!p.name.contains('('), "names are used inside sentences: {}", p.name);
            assert!(PROVIDERS[i + 1..].iter().all(|q| q.id != p.id), "{}", p.id);
            for s in p.host_suffixes.iter().chain(p.domains).chain(p.phrases) {
                assert_eq!(*s, s.to_ascii_lowercase(), "{s}");
                assert!(!s.starts_with('.'), "{s}");
            }
        }
    }

    #[test]
    fn non_ascii_text_does_not_break_matching() {
        assert!(find_code("yahoo", "メールは拒否されました [TSS09] 送信").is_some());
        assert!(by_phrase("é gsmtp ü").is_some());
    }
}

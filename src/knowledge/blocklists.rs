//! DNS blocklists and reputation lists, with their delisting pages.
//!
//! Patterns are the lists' DNS zone names first (as MTAs quote them: "blocked using
//! zen.spamhaus.org"), then their names and lookup-page hosts. Sources: each list's own
//! site (the delist URL), and for Spamhaus's error return codes (127.255.255.252/254/255,
//! and the TXT answers "Error: open resolver" / "excessive number of queries" that link to
//! spamhaus.org/returnc/...) Spamhaus's documentation of DNSBL return codes.

use super::{find_bounded, Blocklist};
use crate::model::BlocklistHit;
use std::net::IpAddr;

const fn bl(id: &'static str, name: &'static str, patterns: &'static [&'static str], delist_url: &'static str) -> Blocklist {
    Blocklist { id, name, patterns, delist_url }
}

const SPAMHAUS_CHECK: &str = "https://check.spamhaus.org/";

/// Checked in order: Spamhaus sub-lists before ZEN (which combines them) and before the
/// bare name "spamhaus"; a specific level before a list's general name.
pub static BLOCKLISTS: &[Blocklist] = &[
    // Spamhaus (spamhaus.org): SBL, CSS, XBL, PBL, DBL, DROP and ZEN (= SBL+CSS+XBL+PBL); DQS zones end in .dq.spamhaus.net.
    bl("spamhaus-sbl", "Spamhaus SBL", &["sbl.spamhaus.org", "sbl.dq.spamhaus.net", "spamhaus sbl", "spamhaus.org/sbl"], SPAMHAUS_CHECK),
    bl("spamhaus-css", "Spamhaus CSS", &["css.spamhaus.org", "spamhaus css", "spamhaus.org/css"], SPAMHAUS_CHECK),
    bl("spamhaus-xbl", "Spamhaus XBL", &["xbl.spamhaus.org", "xbl.dq.spamhaus.net", "spamhaus xbl", "spamhaus.org/xbl", "exploits block list"], SPAMHAUS_CHECK),
    bl("spamhaus-pbl", "Spamhaus PBL", &["pbl.spamhaus.org", "pbl.dq.spamhaus.net", "spamhaus pbl", "spamhaus.org/pbl", "policy block list"], SPAMHAUS_CHECK),
    bl("spamhaus-dbl", "Spamhaus DBL (domains)", &["dbl.spamhaus.org", "dbl.dq.spamhaus.net", "spamhaus dbl", "spamhaus.org/dbl"], SPAMHAUS_CHECK),
    bl("spamhaus-drop", "Spamhaus DROP", &["spamhaus drop", "spamhaus edrop", "spamhaus.org/drop"], "https://www.spamhaus.org/drop/"),
    bl("spamhaus-zen", "Spamhaus ZEN", &["zen.spamhaus.org", "zen.dq.spamhaus.net", "spamhaus zen"], SPAMHAUS_CHECK),
    bl("spamhaus", "Spamhaus", &["spamhaus"], SPAMHAUS_CHECK),
    // Barracuda Reputation Block List (barracudacentral.org).
    bl("barracuda", "Barracuda Reputation Block List (BRBL)", &["b.barracudacentral.org", "bb.barracudacentral.org", "barracudacentral", "barracuda reputation", "brbl"], "https://www.barracudacentral.org/rbl/removal-request"),
    // SpamCop (spamcop.net/bl.shtml).
    bl("spamcop", "SpamCop Blocking List", &["bl.spamcop.net", "spamcop"], "https://www.spamcop.net/bl.shtml"),
    // UCEPROTECT levels 1-3 (uceprotect.net).
    bl("uceprotect-l2", "UCEPROTECT Level 2", &["dnsbl-2.uceprotect.net", "uceprotect level 2", "uceprotect-level2"], "https://www.uceprotect.net/en/rblcheck.php"),
    bl("uceprotect-l3", "UCEPROTECT Level 3", &["dnsbl-3.uceprotect.net", "uceprotect level 3", "uceprotect-level3"], "https://www.uceprotect.net/en/rblcheck.php"),
    bl("uceprotect-l1", "UCEPROTECT Level 1", &["dnsbl-1.uceprotect.net", "uceprotect"], "https://www.uceprotect.net/en/rblcheck.php"),
    // Microsoft's own block list for Outlook.com / Microsoft 365 (delist portal sender.office.com).
    bl("microsoft", "Microsoft (Outlook.com) block list", &["sender.office.com", "s3150", "s3140", "part of their network is on our block list"], "https://sender.office.com/"),
    // Proofpoint / Cloudmark Sender Intelligence (csi.cloudmark.com) and Proofpoint's IP reputation (ipcheck.proofpoint.com).
    bl("cloudmark", "Cloudmark Sender Intelligence (CSI, Proofpoint)", &["csi.cloudmark.com", "cloudmark"], "https://csi.cloudmark.com/en/reset/"),
    bl("proofpoint", "Proofpoint IP reputation", &["ipcheck.proofpoint.com", "dnsbl-lookup.cgi", "proofpoint dnsbl"], "https://ipcheck.proofpoint.com/"),
    // Abusix Mail Intelligence (lookup.abusix.com).
    bl("abusix", "Abusix Mail Intelligence", &["mail.abusix.zone", "abusix"], "https://lookup.abusix.com/"),
    // SORBS: shut down in 2024; a listing quoted now comes from a receiver still using it.
    bl("sorbs", "SORBS (closed in 2024)", &["dnsbl.sorbs.net", "sorbs.net", "sorbs"], "https://www.sorbs.net/"),
    bl("psbl", "Passive Spam Block List (PSBL)", &["psbl.surriel.com", "psbl"], "https://psbl.org/"),
    bl("spamrats", "SpamRATS", &["spamrats.com", "spamrats"], "https://www.spamrats.com/removal.php"),
    bl("invaluement", "Invaluement (ivmSIP / ivmURI)", &["invaluement", "ivmsip", "ivmuri"], "https://www.invaluement.com/lookup/"),
    bl("mailspike", "Mailspike", &["mailspike.net", "mailspike"], "https://mailspike.org/"),
    bl("hostkarma", "Hostkarma (Junk Email Filter)", &["hostkarma.junkemailfilter.com", "junkemailfilter", "hostkarma"], "http://ipadmin.junkemailfilter.com/remove.php"),
    bl("0spam", "0spam", &["0spam.fusionzero.com", "0spam.org", "0spam"], "https://0spam.org/"),
    bl("nixspam", "NiX Spam (manitu)", &["ix.dnsbl.manitu.net", "dnsbl.manitu.net", "nixspam", "nix spam"], "https://www.dnsbl.manitu.net/"),
    bl("lashback", "LashBack UBL", &["ubl.unsubscore.com", "lashback"], "https://blacklist.lashback.com/"),
    // Trend Micro Email Reputation Services (ERS, formerly MAPS at mail-abuse.com; QIL = Quick IP Lookup).
    bl("trendmicro", "Trend Micro Email Reputation Services (ERS)", &["ers.trendmicro.com", "mail-abuse.com", "trend micro email reputation"], "https://ers.trendmicro.com/"),
    // Cisco Talos (formerly SenderBase), used by Cisco Secure Email gateways.
    bl("cisco-talos", "Cisco Talos reputation (SenderBase)", &["talosintelligence.com", "senderbase"], "https://talosintelligence.com/reputation_center"),
    // Validity SenderScore blocklist (bl.score.senderscore.com).
    bl("senderscore", "SenderScore blocklist (Validity)", &["bl.score.senderscore.com", "senderscore", "sender score"], "https://senderscore.org/blacklistlookup/"),
    // URI (link) blocklists.
    bl("surbl", "SURBL (links in the message)", &["multi.surbl.org", "surbl"], "https://www.surbl.org/surbl-analysis"),
    bl("uribl", "URIBL (links in the message)", &["multi.uribl.com", "uribl"], "https://admin.uribl.com/"),
    bl("backscatterer", "Backscatterer.org", &["ips.backscatterer.org", "backscatterer"], "https://www.backscatterer.org/"),
    bl("blocklist-de", "blocklist.de", &["bl.blocklist.de", "blocklist.de"], "https://www.blocklist.de/en/delist.html"),
];

/// Wording that says the receiver's own query to the list was refused or failed, so the
/// sender is most likely not listed (Spamhaus return codes 127.255.255.252/254/255, and
/// the TXT answers "Error: open resolver" / "excessive number of queries").
pub static QUERY_REFUSED: &[&str] = &[
    "127.255.255.252",
    "127.255.255.254",
    "127.255.255.255",
    "open resolver",
    "public resolver",
    "returnc/pub",
    "returnc/vol",
    "excessive number of queries",
    "query refused",
    "queries refused",
    "typing error in dnsbl name",
];

/// The standard wording MTAs use when a DNS blocklist rejects a client, followed by the
/// list's zone: Postfix reject_rbl_client ("... blocked using <zone>") and Exim dnslists
/// ("... is in a black list at <zone>"). Used for lists not in [`BLOCKLISTS`].
pub static ZONE_INTRODUCERS: &[&str] = &["blocked using ", "in a black list at "];

/// The blocklist named in `text`, noting when the receiver's own query was refused. A list
/// not in the table is reported by its zone name (id "other"), with the lookup link the
/// text gives, if any.
pub fn find(text: &str) -> Option<BlocklistHit> {
    let lower = text.to_ascii_lowercase();
    // one pass over the text for any list name or zone introducer before the ordered look-up
    static ALL: std::sync::OnceLock<crate::matcher::Matcher> = std::sync::OnceLock::new();
    let all = ALL.get_or_init(|| {
        let pats: Vec<&'static str> = BLOCKLISTS.iter().flat_map(|b| b.patterns.iter().copied()).chain(ZONE_INTRODUCERS.iter().copied()).collect();
        crate::matcher::Matcher::new(&pats)
    });
    if !all.any(&lower) {
        return None;
    }
    let known = BLOCKLISTS
        .iter()
        .find_map(|b| b.patterns.iter().find_map(|p| find_bounded(&lower, p, 0)).map(|at| (b, at)));
    // (reached only when the one-pass check above found some list's name)
    let (id, name, delist_url, at) = match known {
        Some((b, at)) => (b.id.to_string(), b.name.to_string(), b.delist_url.to_string(), at),
        None => {
            let (zone, at) = unknown_zone(&lower)?;
            ("other".into(), zone, first_url(text).unwrap_or_default(), at)
        }
    };
    let query_refused = QUERY_REFUSED.iter().any(|p| lower.contains(p));
    let listed = if query_refused { None } else { listed_item(text, &lower, at) };
    Some(BlocklistHit { id, name, delist_url, query_refused, listed })
}

fn unknown_zone(lower: &str) -> Option<(String, usize)> {
    ZONE_INTRODUCERS.iter().find_map(|intro| {
        let at = lower.find(intro)? + intro.len();
        let zone: String =
            lower[at..].chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-')).collect();
        let zone = zone.trim_end_matches(['.', '-']).to_string();
        (zone.contains('.') && zone.len() > 3).then_some((zone, at))
    })
}

fn first_url(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let at = ["https://", "http://"].iter().filter_map(|p| lower.find(p)).min()?;
    let url: String = text[at..].chars().take_while(|c| !c.is_whitespace() && !matches!(c, '>' | '"' | ')' | ']')).collect();
    Some(url.trim_end_matches(['.', ',', ';']).to_string())
}

/// What the text says is listed: the IP or domain in a lookup URL, else the IP address
/// nearest to where the list is named (the remote server's own address usually stands
/// further away, after "host ...[").
fn listed_item(text: &str, lower: &str, at: usize) -> Option<String> {
    for key in ["?ip=", "&ip=", "/ip/", "query/ip/", "?query=", "/domain/", "?domain="] {
        if let Some(pos) = lower.find(key) {
            let rest = &text[pos + key.len()..];
            let item: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | ':' | '-')).collect();
            let item = item.trim_end_matches('.').to_string();
            if item.parse::<IpAddr>().is_ok() || (key.contains("domain") && item.contains('.')) {
                return Some(item);
            }
        }
    }
    addresses(text)
        .into_iter()
        .filter(|(_, ip, _)| !ip.is_loopback())
        .min_by_key(|(pos, _, _)| pos.abs_diff(at))
        .map(|(_, _, written)| written.to_string())
}

/// Every IP address in `text` with its byte offset and as written (IPv4 anywhere, IPv6 when
/// bracketed). (As written, not formatted again: formatting IPv6 costs code in the wasm build.)
fn addresses(text: &str) -> Vec<(usize, IpAddr, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let part = c.is_ascii_hexdigit() || c == '.' || c == ':';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let token = text[s..i].trim_matches(['.', ':']);
                let bracketed = text[..s].ends_with('[') || text[..s].ends_with("IPv6:");
                if let Ok(ip) = token.parse::<IpAddr>() {
                    if ip.is_ipv4() || bracketed {
                        out.push((s, ip, token));
                    }
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postfix_zen_reject_names_the_client_ip() {
        let t = "host mx.example.jp[192.0.2.10] said: 554 5.7.1 Service unavailable; Client host [198.51.100.7] \
                 blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/198.51.100.7";
        let hit = find(t).unwrap();
        assert_eq!(hit.id, "spamhaus-zen");
        assert_eq!(hit.delist_url, "https://check.spamhaus.org/");
        assert!(!hit.query_refused);
        assert_eq!(hit.listed.as_deref(), Some("198.51.100.7"));
    }

    #[test]
    fn nearest_ip_wins_without_a_lookup_url() {
        let t = "host mx.example.jp[192.0.2.10] said: 554 Client host [198.51.100.7] blocked using bl.spamcop.net";
        let hit = find(t).unwrap();
        assert_eq!(hit.id, "spamcop");
        assert_eq!(hit.listed.as_deref(), Some("198.51.100.7"));
    }

    #[test]
    fn spamhaus_open_resolver_means_query_refused() {
        let t = "554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using zen.spamhaus.org; \
                 Error: open resolver; https://www.spamhaus.org/returnc/pub/192.0.2.53";
        let hit = find(t).unwrap();
        assert_eq!(hit.id, "spamhaus-zen");
        assert!(hit.query_refused);
        assert_eq!(hit.listed, None);
        let t2 = "blocked using zen.spamhaus.org, reason: 127.255.255.254";
        assert!(find(t2).unwrap().query_refused);
    }

    #[test]
    fn sub_lists_and_names_are_recognised() {
        assert_eq!(find("550 mail rejected because your IP is in the PBL. See http://www.spamhaus.org/pbl").unwrap().id, "spamhaus-pbl");
        assert_eq!(find("Spamhaus XBL listed").unwrap().id, "spamhaus-xbl");
        assert_eq!(find("rejected due to having a domain present in the Spamhaus DBL").unwrap().id, "spamhaus-dbl");
        assert_eq!(find("blocked by b.barracudacentral.org").unwrap().id, "barracuda");
        assert_eq!(find("listed at dnsbl-3.uceprotect.net").unwrap().id, "uceprotect-l3");
        assert_eq!(find("UCEPROTECT listed").unwrap().id, "uceprotect-l1");
        assert_eq!(find("Ref http://csi.cloudmark.com").unwrap().id, "cloudmark");
        let ms = "550 5.7.1 Unfortunately, messages from [192.0.2.77] weren't sent. Please contact your Internet service \
                  provider since part of their network is on our block list (S3150).";
        let hit = find(ms).unwrap();
        assert_eq!((hit.id.as_str(), hit.listed.as_deref()), ("microsoft", Some("192.0.2.77")));
    }

    #[test]
    fn domain_lookups_name_the_domain() {
        let t = "554 5.7.1 listed in dbl.spamhaus.org, see https://www.spamhaus.org/query/domain/bad.example";
        assert_eq!(find(t).unwrap().listed.as_deref(), Some("bad.example"));
    }

    #[test]
    fn ipv6_is_taken_only_when_bracketed() {
        let t = "Client host [2001:db8::25] blocked using zen.spamhaus.org at 12:30:45";
        assert_eq!(find(t).unwrap().listed.as_deref(), Some("2001:db8::25"));
    }

    #[test]
    fn unknown_lists_are_named_by_their_zone() {
        let t = "554 5.7.1 <a8-95.smtp-out.amazonses.com[203.0.113.22]>: Client host rejected: blocked using \
                 mail.neko.example.org; Please see http://mail.neko.example.org/rbl/?ip=203.0.113.22 to send.";
        let hit = find(t).unwrap();
        assert_eq!((hit.id.as_str(), hit.name.as_str()), ("other", "mail.neko.example.org"));
        assert_eq!(hit.delist_url, "http://mail.neko.example.org/rbl/?ip=203.0.113.22");
        assert_eq!(hit.listed.as_deref(), Some("203.0.113.22"));
        let exim = "rejected because 192.0.2.9 is in a black list at rbl.example.net";
        assert_eq!(find(exim).unwrap().name, "rbl.example.net");
        assert!(find("blocked using our own judgement").is_none());
    }

    #[test]
    fn no_list_no_hit() {
        assert!(find("550 5.1.1 user unknown").is_none());
        assert!(find("it absorbs all mail").is_none(), "sorbs must match as a word");
        assert!(find("").is_none());
    }

    #[test]
    fn table_is_well_formed() {
        for (i, b) in BLOCKLISTS.iter().enumerate() {
            assert!(BLOCKLISTS[i + 1..].iter().all(|c| c.id != b.id), "{}", b.id);
            assert!(b.delist_url.starts_with("http"), "{}", b.id);
            assert!(b.patterns.iter().all(|p| *p == p.to_ascii_lowercase()), "{}", b.id);
            // Each list is found by its own first pattern.
            assert_eq!(find(&format!("blocked by {}", b.patterns[0])).unwrap().id, b.id);
        }
    }
}

//! Mailing-list managers' refusals of a post (fml, GNU Mailman): the list took the message
//! and will not pass it on, and tells its author why. Not a mail server's bounce, but
//! what its author needs is the same: which address refused, why, what to do.

use crate::knowledge::phrases::{ListRefusal, LIST_MANAGER_HEADERS, LIST_REFUSALS};

/// True when `addr` is a list manager's own address: the list's owner, admin, bounce or
/// request address (Mailman "-owner", "-bounces", "-request"; fml "-admin", "-ctl";
/// "owner-" of Majordomo and Sendmail aliases). A refusal notice comes from one; a
/// person's post that quotes such a notice does not.
pub fn is_list_role(addr: &str) -> bool {
    let local = addr.split('@').next().unwrap_or("").to_ascii_lowercase();
    ["-owner", "-admin", "-bounces", "-request", "-ctl"].iter().any(|s| local.ends_with(s)) || local.starts_with("owner-")
}

/// True when lower-case header text ("name: value" lines) carries a list manager's fields.
pub fn from_list_manager(lower_headers: &str) -> bool {
    lower_headers.lines().any(|l| LIST_MANAGER_HEADERS.iter().any(|h| l.starts_with(h)))
}

/// The refusal the lower-case text `lower` states, with the byte range of its line;
/// `manager`: the message's headers come from a list manager, which lets the shorter
/// wordings count. Only the first 4 KB are read: such notices are short.
pub fn find(lower: &str, manager: bool) -> Option<(&'static ListRefusal, std::ops::Range<usize>)> {
    let head = crate::text::truncate(lower, 4096);
    LIST_REFUSALS.iter().filter(|r| manager || !r.needs_manager).find_map(|r| {
        let at = head.find(r.phrase)?;
        let start = head[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = head[at..].find('\n').map_or(head.len(), |i| at + i);
        Some((r, start..end))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(t: &str, manager: bool) -> Option<(&'static str, &str)> {
        find(&t.to_ascii_lowercase(), manager).map(|(r, at)| (r.flag, &t[at]))
    }

    #[test]
    fn mailman_non_member() {
        let t = "You are not allowed to post to this mailing list, and your message has\nbeen automatically rejected.\n";
        assert_eq!(line(t, false), Some(("list_members_only", "You are not allowed to post to this mailing list, and your message has")));
    }

    #[test]
    fn fml_notices() {
        let t = "Hello\nYou are not a member of this mailing list <cats@example.org>.\n";
        assert_eq!(line(t, false), Some(("list_members_only", "You are not a member of this mailing list <cats@example.org>.")));
        // the short wording needs a list manager's headers
        let t = "Duplicated Message-ID in <cats@example.org>.";
        assert_eq!(line(t, true), Some(("list_duplicate", t)));
        assert_eq!(line(t, false), None);
    }

    #[test]
    fn ordinary_text_is_no_refusal() {
        assert_eq!(line("Are you a member of the club? See you on Monday.\n", true), None);
    }

    #[test]
    fn list_roles() {
        for a in ["talk-owner@lists.example.org", "neko-admin@example.org", "talk-bounces@example.org", "owner-cats@example.jp"] {
            assert!(is_list_role(a), "{a}");
        }
        for a in ["ana@example.net", "adminsupport@example.org", "talk@lists.example.org"] {
            assert!(!is_list_role(a), "{a}");
        }
    }

    #[test]
    fn manager_headers() {
        assert!(from_list_manager("from: a@example.org\nx-mlserver: fml [fml 4.0.3]\n"));
        assert!(from_list_manager("list-id: <talk.lists.example.org>\n"));
        assert!(!from_list_manager("from: a@example.org\nsubject: my list-id: 4\n"));
    }
}

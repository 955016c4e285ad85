//! Mailing-list managers' refusals of a post (fml, GNU Mailman): the list took the message
//! and will not pass it on, and tells its author why. Not a mail server's bounce, but
//! what its author needs is the same: which address refused, why, what to do.

use crate::knowledge::phrases::{ListRefusal, LIST_MANAGER_HEADERS, LIST_REFUSALS};
use crate::text;

/// A list manager's refusal found in a notice.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub reason: &'static str,
    /// The detail flag that explains it.
    pub flag: &'static str,
    /// The line that says it, as written.
    pub line: String,
    /// The list's address: on that line, else from the headers' List-Post field.
    pub list: Option<String>,
}

/// True when lower-case header text ("name: value" lines) carries a list manager's fields.
pub fn from_list_manager(lower_headers: &str) -> bool {
    lower_headers.lines().any(|l| LIST_MANAGER_HEADERS.iter().any(|h| l.starts_with(h)))
}

/// True when `addr` is a list manager's own address: the list's owner, admin, bounce or
/// request address (Mailman "-owner", "-bounces", "-request"; fml "-admin", "-ctl";
/// "owner-" of Majordomo and Sendmail aliases) or a list server's name. A refusal notice
/// comes from one; a person's post that quotes such a notice does not.
pub fn is_list_role(addr: &str) -> bool {
    let local = addr.split('@').next().unwrap_or("").to_ascii_lowercase();
    ["-owner", "-admin", "-bounces", "-request", "-ctl"].iter().any(|s| local.ends_with(s))
        || local.starts_with("owner-")
        || ["mailman", "listserv", "majordomo", "sympa", "fml"].contains(&local.as_str())
}

/// The refusal `text` (with `lower`, its lower-case copy of the same byte length) or its
/// `subject` states; `manager`: the message's headers come from a list manager, which lets
/// the shorter wordings count. Only the first 4 KB are read: such notices are short.
pub fn find(text: &str, lower: &str, subject: Option<&str>, manager: bool, list_post: Option<&str>) -> Option<Refusal> {
    let head = text::truncate(lower, 4096);
    let list = || list_post.and_then(text::first_address);
    for &ListRefusal { phrase, reason, flag, needs_manager } in LIST_REFUSALS {
        if needs_manager && !manager {
            continue;
        }
        if let Some(at) = head.find(phrase) {
            let start = head[..at].rfind('\n').map_or(0, |i| i + 1);
            let end = head[at..].find('\n').map_or(head.len(), |i| at + i);
            let line = text.get(start..end).unwrap_or("").trim().to_string();
            let on_line = text::first_address(&line);
            return Some(Refusal { reason, flag, list: on_line.or_else(list), line });
        }
        if let Some(s) = subject.filter(|s| s.to_ascii_lowercase().contains(phrase)) {
            return Some(Refusal { reason, flag, line: s.trim().to_string(), list: list() });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find_in(t: &str, subject: Option<&str>, manager: bool) -> Option<Refusal> {
        find(t, &t.to_ascii_lowercase(), subject, manager, Some("<mailto:talk@lists.example.org>"))
    }

    #[test]
    fn mailman_non_member() {
        let t = "You are not allowed to post to this mailing list, and your message has\nbeen automatically rejected.  If you think that your messages are\nbeing rejected in error, contact the mailing list owner at\ntalk-owner@lists.example.org.\n";
        let r = find_in(t, None, false).unwrap();
        assert_eq!(r.reason, "rejected");
        assert!(r.line.starts_with("You are not allowed to post"));
        assert_eq!(r.list.as_deref(), Some("talk@lists.example.org"));
    }

    #[test]
    fn fml_notices() {
        let r = find_in("You are not a member of this mailing list <cats@example.org>.\n", None, false).unwrap();
        assert_eq!((r.reason, r.list.as_deref()), ("rejected", Some("cats@example.org")));
        // the short wordings need a list manager's headers
        assert_eq!(find_in("x", Some("You kuro@example.net are not member (cats ML)"), false), None);
        assert_eq!(find_in("x", Some("You kuro@example.net are not member (cats ML)"), true).map(|r| r.reason), Some("rejected"));
        let r = find_in("Duplicated Message-ID in <cats@example.org>.\n", None, true).unwrap();
        assert_eq!((r.reason, r.flag, r.list.as_deref()), ("systemerror", "list_duplicate", Some("cats@example.org")));
        assert_eq!(find_in("Duplicated Message-ID in <cats@example.org>.\n", None, false), None);
    }

    #[test]
    fn ordinary_text_is_no_refusal() {
        assert_eq!(find_in("Are you a member of the club? See you on Monday.\n", Some("club"), true), None);
    }

    #[test]
    fn list_roles() {
        for a in ["talk-owner@lists.example.org", "neko-admin@example.org", "talk-bounces@example.org", "owner-cats@example.jp", "mailman@lists.example.org"] {
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

//! mbox files: several messages in one file, each after a "From " separator line
//! (mboxo/mboxrd, RFC 4155). The CLI and the accuracy command split them the same way.

/// The messages of `bytes` without their "From " separator lines, or `None` when `bytes`
/// is not an mbox of two or more messages (then it is one input as it stands).
pub fn split(bytes: &[u8]) -> Option<Vec<&[u8]>> {
    // (a UTF-8 byte-order mark, as some Windows tools write one, before the first separator)
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if !bytes.starts_with(b"From ") {
        return None;
    }
    let mut starts = vec![0usize];
    let mut i = 0;
    while let Some(p) = find(&bytes[i..], b"\nFrom ") {
        let at = i + p + 1;
        if after_blank_line(&bytes[..at]) || is_postmark(&bytes[at..]) {
            starts.push(at);
        }
        i = at;
    }
    if starts.len() == 1 {
        return None;
    }
    starts.push(bytes.len());
    Some(
        starts
            .windows(2)
            .map(|w| {
                let msg = &bytes[w[0]..w[1]];
                msg.iter().position(|&b| b == b'\n').map_or(&msg[..0], |p| &msg[p + 1..])
            })
            .collect(),
    )
}

/// `before` (the bytes up to a line start) ends with an empty line, LF or CRLF.
fn after_blank_line(before: &[u8]) -> bool {
    before.ends_with(b"\n\n") || before.ends_with(b"\r\n\r\n") || before.ends_with(b"\r\r\n")
}

/// The line at the start of `rest` is an mbox separator even without a blank line before
/// it (writers that omit the blank line exist): "From <sender> <date with hh:mm>" followed
/// by a header line, which a "From " sentence in a message body is not.
fn is_postmark(rest: &[u8]) -> bool {
    let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
    let line = &rest[..end];
    let has_time = line.windows(5).any(|w| w[0].is_ascii_digit() && w[1].is_ascii_digit() && w[2] == b':' && w[3].is_ascii_digit() && w[4].is_ascii_digit());
    if !has_time || end >= rest.len() {
        return false;
    }
    let next = &rest[end + 1..];
    let name = next.iter().take_while(|&&b| b.is_ascii_alphanumeric() || b == b'-').count();
    name > 0 && next.get(name) == Some(&b':')
}

fn find(h: &[u8], n: &[u8]) -> Option<usize> {
    h.windows(n.len()).position(|w| w == n)
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn two_messages_split_at_separators_after_blank_lines() {
        let m = b"From a@x Mon Jan 1 00:00:00 2024\nSubject: one\n\nbody\nFrom here on, text\n\nFrom b@y Mon Jan 1 00:00:01 2024\r\nSubject: two\r\n\r\nbody\n";
        let parts = split(m).expect("an mbox of two");
        assert_eq!(parts.len(), 2);
        assert!(parts[0].starts_with(b"Subject: one") && parts[0].ends_with(b"From here on, text\n\n"));
        assert!(parts[1].starts_with(b"Subject: two"));
    }

    #[test]
    fn a_postmark_without_a_blank_line_still_separates_and_crlf_is_no_blank_line() {
        let m = b"From a@x Mon Jan 1 00:00:00 2024\r\nSubject: one\r\n\r\nbody\r\n--b--\r\nFrom b@y  Thu Jul  2 12:05:05 2020\r\nSubject: two\r\n\r\nbody\r\nFrom here on\r\nSubject: not a header after a prose line\r\n";
        let parts = split(m).expect("an mbox of two");
        assert_eq!(parts.len(), 2);
        assert!(parts[1].starts_with(b"Subject: two") && parts[1].ends_with(b"prose line\r\n"));
    }

    #[test]
    fn a_byte_order_mark_before_the_first_separator_is_skipped() {
        let m = b"\xEF\xBB\xBFFrom a@x Mon Jan 1 00:00:00 2024\nSubject: one\n\nbody\n\nFrom b@y Mon Jan 1 00:00:01 2024\nSubject: two\n\nbody\n";
        let parts = split(m).expect("an mbox of two");
        assert_eq!(parts.len(), 2);
        assert!(parts[0].starts_with(b"Subject: one") && parts[1].starts_with(b"Subject: two"));
    }

    #[test]
    fn one_message_or_no_separator_is_not_split() {
        assert!(split(b"From a@x Mon Jan 1 00:00:00 2024\nSubject: one\n\nbody\n").is_none());
        assert!(split(b"Subject: one\n\nFrom b@y\n").is_none());
        assert!(split(b"").is_none());
    }
}

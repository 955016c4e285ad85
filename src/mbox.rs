//! mbox files: several messages in one file, each after a "From " separator line
//! (mboxo/mboxrd, RFC 4155). The CLI and the accuracy command split them the same way.

/// The messages of `bytes` without their "From " separator lines, or `None` when `bytes`
/// is not an mbox of two or more messages (then it is one input as it stands).
pub fn split(bytes: &[u8]) -> Option<Vec<&[u8]>> {
    if !bytes.starts_with(b"From ") {
        return None;
    }
    let mut starts = vec![0usize];
    let mut i = 0;
    while let Some(p) = find(&bytes[i..], b"\nFrom ") {
        let at = i + p + 1;
        // a separator follows a blank line; a "From " line inside a paragraph is text
        if at >= 2 && (bytes[at - 2] == b'\n' || bytes[at - 2] == b'\r') {
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
    fn one_message_or_no_separator_is_not_split() {
        assert!(split(b"From a@x Mon Jan 1 00:00:00 2024\nSubject: one\n\nbody\n").is_none());
        assert!(split(b"Subject: one\n\nFrom b@y\n").is_none());
        assert!(split(b"").is_none());
    }
}

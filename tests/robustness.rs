//! Bad input gets a clear error or a report, never a panic or a hang. The inputs are made
//! here, not stored. No timing asserts: a hang shows as a test that never ends.

use bounce_doctor::*;

/// A small RFC 3464 bounce for `rcpt`, refused with 550 5.1.1.
fn dsn(rcpt: &str) -> String {
    format!(
        "From: MAILER-DAEMON@mx.example.org\r\nTo: sender@example.com\r\nSubject: Undelivered Mail Returned to Sender\r\n\
         MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"OUTER\"\r\n\r\n\
         --OUTER\r\nContent-Type: text/plain\r\n\r\n<{rcpt}>: host mx.example.net[192.0.2.1] said: 550 5.1.1 User unknown\r\n\r\n\
         --OUTER\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.org\r\n\r\n\
         Final-Recipient: rfc822; {rcpt}\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\r\n\r\n"
    )
}

/// The bounce must still be read: one result for `rcpt`, user unknown.
fn assert_read(rep: &Report, rcpt: &str) {
    assert_eq!(rep.kind, InputKind::Bounce, "{rep:#?}");
    let d = rep.results.iter().find(|d| d.recipient.as_deref() == Some(rcpt)).unwrap_or_else(|| panic!("no result for {rcpt}: {:#?}", rep.results));
    assert_eq!(d.reason, "userunknown");
    assert_eq!(d.status.as_deref(), Some("5.1.1"));
}

#[test]
fn empty_input_is_a_report_of_kind_empty() {
    for input in [&b""[..], b" ", b"\r\n\r\n", b"\t \n"] {
        let rep = diagnose(input).expect("empty input is not an error");
        assert_eq!(rep.kind, InputKind::Empty, "{input:?}");
        assert!(rep.results.is_empty());
        assert_eq!(rep.schema, SCHEMA_VERSION);
    }
}

#[test]
fn binary_input_is_a_clear_error() {
    // NUL bytes
    let mut bin = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bin.extend((0..4096u32).map(|i| (i * 7 % 256) as u8));
    let err = diagnose(&bin).expect_err("binary data is not diagnosed");
    assert_eq!(err, InputError::Binary);
    assert!(err.to_string().contains("binary"), "{err}");
    // a bounce with one stray NUL byte in it is still a bounce (webmail copies can carry
    // one): it is diagnosed, not refused
    let mut with_nul = dsn("a@example.net").into_bytes();
    with_nul.insert(40, 0);
    let rep = diagnose(&with_nul).expect("a stray NUL does not make a bounce binary");
    assert_eq!(rep.results.len(), 1);
    // mostly control characters, no NUL
    let ctrl: Vec<u8> = (0..2000).map(|i| if i % 3 == 0 { b'a' } else { 0x01 + (i % 7) as u8 }).collect();
    assert_eq!(diagnose(&ctrl).unwrap_err(), InputError::Binary);
}

/// An Outlook .msg file (OLE compound file) gets its own message, saying what to do instead.
#[test]
fn an_outlook_msg_file_is_a_clear_error() {
    let mut msg = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    msg.extend((0..4096u32).map(|i| (i * 13 % 256) as u8));
    let err = diagnose(&msg).expect_err("a .msg file is not diagnosed");
    assert_eq!(err, InputError::OutlookMsg);
    assert!(err.to_string().contains(".msg") && err.to_string().contains("Text Only"), "{err}");
}

#[test]
fn truncated_mime_is_read_as_far_as_it_goes() {
    // the closing boundary never comes, and the last part stops mid-line
    let mut s = dsn("cut@example.net");
    s.push_str("--OUTER\r\nContent-Type: message/rfc822\r\n\r\nFrom: sender@example.com\r\nSubject: Trunc");
    let rep = diagnose(s.as_bytes()).unwrap();
    assert_read(&rep, "cut@example.net");
    // cut inside the delivery-status part, before its Status: field
    let s = dsn("cut@example.net");
    let cut = s.find("Action: failed").unwrap();
    let rep = diagnose(&s.as_bytes()[..cut]).unwrap();
    assert!(rep.results.iter().any(|d| d.recipient.as_deref() == Some("cut@example.net")), "{rep:#?}");
    // cut inside the header block
    assert!(diagnose(b"From: MAILER-DAEMON@mx.example.org\r\nSubject: Undeliv").is_ok());
}

#[test]
fn invalid_utf8_is_read_not_rejected() {
    // Latin-1 bytes in an undeclared body, and a lone continuation byte, around the bounce
    let mut b = dsn("lat@example.net").into_bytes();
    let at = b.windows(12).position(|w| w == b"User unknown").unwrap();
    b.splice(at..at, b"Empf\xe4nger \x80\xff ".iter().copied());
    assert!(std::str::from_utf8(&b).is_err());
    let rep = diagnose(&b).unwrap();
    assert_read(&rep, "lat@example.net");
    // invalid UTF-8 in a pasted reply
    let rep = diagnose(b"550 5.1.1 <x@example.net>: Benutzer \xfcnbekannt \xc3\x28").unwrap();
    assert_eq!(rep.results.len(), 1);
    assert_eq!(rep.results[0].status.as_deref(), Some("5.1.1"));
}

#[test]
fn a_50_mb_email_gets_a_report_or_a_clear_error() {
    // a bounce whose returned original carries 50 MB of base64
    let mut s = dsn("big@example.net");
    s.push_str("--OUTER\r\nContent-Type: message/rfc822\r\n\r\nFrom: sender@example.com\r\nSubject: big\r\nMIME-Version: 1.0\r\n\
                Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n");
    let line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAx\r\n";
    s.reserve(50 << 20);
    while s.len() < 50 << 20 {
        s.push_str(line);
    }
    s.push_str("--OUTER--\r\n");
    match diagnose(s.as_bytes()) {
        Ok(rep) => assert_read(&rep, "big@example.net"),
        Err(e) => assert!(matches!(e, InputError::TooLarge { .. }), "{e}"),
    }
}

#[test]
fn input_over_the_limit_is_a_clear_error() {
    let big = vec![b'a'; MAX_INPUT + 1];
    let err = diagnose(&big).unwrap_err();
    assert_eq!(err, InputError::TooLarge { size: MAX_INPUT + 1 });
    assert!(err.to_string().contains("MB"), "{err}");
}

#[test]
fn ten_thousand_nested_multiparts_return() {
    let n = 10_000;
    let mut s = String::from("From: MAILER-DAEMON@mx.example.org\r\nSubject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\n");
    for i in 0..n {
        s.push_str(&format!("Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\n"));
    }
    s.push_str("Content-Type: text/plain\r\n\r\n<deep@example.net>: host mx.example.net[192.0.2.1] said: 550 5.1.1 User unknown\r\n");
    for i in (0..n).rev() {
        s.push_str(&format!("--b{i}--\r\n"));
    }
    let rep = diagnose(s.as_bytes()).expect("nested parts are not an error");
    assert!(rep.results.len() <= 1, "{} results", rep.results.len());
}

#[test]
fn ten_thousand_sibling_parts_return() {
    let mut s = String::from("From: MAILER-DAEMON@mx.example.org\r\nSubject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"S\"\r\n\r\n");
    for i in 0..10_000 {
        s.push_str(&format!("--S\r\nContent-Type: text/plain\r\n\r\npart {i}\r\n"));
    }
    s.push_str("--S\r\nContent-Type: text/plain\r\n\r\n<last@example.net>: host mx.example.net[192.0.2.1] said: 550 5.1.1 User unknown\r\n--S--\r\n");
    let rep = diagnose(s.as_bytes()).unwrap();
    assert!(rep.results.len() <= 1);
}

#[test]
fn deeply_nested_message_rfc822_returns() {
    // each returned message holds another returned message, 2,000 deep, each level with its
    // own boundary
    let n = 2_000;
    let mut s = dsn("outer@example.net");
    s.push_str("--OUTER\r\nContent-Type: message/rfc822\r\n\r\n");
    for i in 0..n {
        s.push_str(&format!(
            "From: MAILER-DAEMON@mx{i}.example.org\r\nSubject: Returned mail {i}\r\nMIME-Version: 1.0\r\n\
             Content-Type: multipart/mixed; boundary=\"L{i}\"\r\n\r\n--L{i}\r\nContent-Type: message/rfc822\r\n\r\n"
        ));
    }
    s.push_str("From: sender@example.com\r\nSubject: innermost\r\n\r\nhello\r\n");
    for i in (0..n).rev() {
        s.push_str(&format!("--L{i}--\r\n"));
    }
    s.push_str("--OUTER--\r\n");
    let rep = diagnose(s.as_bytes()).unwrap();
    assert_read(&rep, "outer@example.net");
}

#[test]
fn a_returned_message_whose_header_names_another_message_is_read() {
    // (found by the mutation test: the returned message's own header block claims a
    // message/rfc822 body, which ends at the report's closing boundary; mail-parser's
    // debug build asserted there, its release build reads on)
    let mut s = dsn("alice@example.net");
    s.push_str("--OUTER\r\nContent-Type: message/rfc822\r\n\r\nFrom: team@e77\r\nContent-Type: message/rfc822\r\n\r\n");
    s.push_str("From: team@example.org\r\nTo: alice@example.net\r\nSubject: Release notes\r\n\r\nThe notes are out.\r\n\r\n--OUTER--\r\n");
    let rep = diagnose(s.as_bytes()).unwrap();
    assert_read(&rep, "alice@example.net");
}

#[test]
fn a_huge_will_retry_until_field_is_not_copied_whole() {
    let date = "Fri, 18 Apr 2025 14:59:58 +0000 ".repeat(1_000);
    let s = format!(
        "From: MAILER-DAEMON@mx.example.org\r\nSubject: Delayed Mail (still being retried)\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nDelayed.\r\n\r\n\
         --B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.org\r\n\r\n\
         Final-Recipient: rfc822; a@example.net\r\nAction: delayed\r\nStatus: 4.4.1\r\nWill-Retry-Until: {date}\r\n\r\n--B--\r\n"
    );
    let rep = diagnose(s.as_bytes()).unwrap();
    let text = &rep.results[0].retry.text;
    assert!(text.contains("until Fri, 18 Apr 2025") && text.len() < 300, "{text}");
}

#[test]
fn a_long_chain_of_forwarded_messages_returns() {
    // each message forwards the next as its only part, 3,000 deep, the innermost a bounce:
    // only a few levels are unwrapped (each one is parsed again), so this cannot take time
    // growing with the square of the input, and the answer is defined
    let s = forwarded(3_000, &dsn("inner@example.net"));
    let rep = diagnose(s.as_bytes()).expect("a chain of forwards is not an error");
    assert_eq!(rep.kind, InputKind::NotABounce, "the bounce sits deeper than anyone forwards by hand");
    // and two levels down it is found
    let s = forwarded(2, &dsn("inner@example.net"));
    assert_read(&diagnose(s.as_bytes()).unwrap(), "inner@example.net");
}

/// `inner` forwarded `n` times, each message holding the next as its only part.
fn forwarded(n: usize, inner: &str) -> String {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&format!("From: person{i}@example.com\r\nSubject: Fwd\r\nMIME-Version: 1.0\r\nContent-Type: message/rfc822\r\n\r\n"));
    }
    s.push_str(inner);
    s
}

#[test]
fn an_html_bounce_listing_thousands_of_recipients_gives_each_a_result() {
    let n = 3_000;
    let mut s = String::from("From: MAILER-DAEMON@mx.example.org\r\nSubject: Undeliverable\r\nMIME-Version: 1.0\r\nContent-Type: text/html\r\n\r\n<table>");
    for i in 0..n {
        s.push_str(&format!("<tr><td>user{i}@example.net</td><td>550 5.1.1 User unknown</td></tr>"));
    }
    s.push_str("</table>\r\n");
    let rep = diagnose(s.as_bytes()).unwrap();
    assert_eq!(rep.results.len(), n);
    assert_eq!(rep.results[1234].recipient.as_deref(), Some("user1234@example.net"));
    assert!(rep.results.iter().all(|r| r.reason == "userunknown"));
}

#[test]
fn a_report_with_text_and_fields_for_thousands_of_recipients_pairs_them() {
    // each recipient is named in the text part and in the delivery-status part; each text
    // part is found for its own recipient
    let n = 2_000;
    let mut s = String::from("From: MAILER-DAEMON@mx.example.org\r\nSubject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\n");
    for i in 0..n {
        let why = if i % 2 == 0 { "User unknown" } else { "Mailbox full" };
        s.push_str(&format!("<user{i}@example.net>: host mx.example.net[192.0.2.1] said: 550-5.0.0 <user{i}@example.net>:\r\n    {why} (in reply to RCPT TO command)\r\n\r\n"));
    }
    s.push_str("--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.org\r\n\r\n");
    for i in 0..n {
        s.push_str(&format!("Final-Recipient: rfc822; user{i}@example.net\r\nAction: failed\r\nStatus: 5.0.0\r\nDiagnostic-Code: smtp; 550-5.0.0 <user{i}@example.net>:\r\n\r\n"));
    }
    s.push_str("--B--\r\n");
    let rep = diagnose(s.as_bytes()).unwrap();
    assert_eq!(rep.results.len(), n);
    assert_eq!(rep.results[1500].recipient.as_deref(), Some("user1500@example.net"));
    assert_eq!(rep.results[1500].reason, "userunknown");
    assert_eq!(rep.results[1501].reason, "mailboxfull");
}

#[test]
fn a_notification_too_long_to_read_whole_says_so() {
    let mut s = String::from("From: MAILER-DAEMON@mx.example.org\r\nSubject: Undelivered Mail Returned to Sender\r\nContent-Type: text/plain\r\n\r\n<user@example.net>: host mx.example.net said: 550 5.1.1 User unknown\r\n");
    while s.len() < 5 << 20 {
        s.push_str("Words and more words, none of them about this delivery failure at all.\r\n");
    }
    let rep = diagnose(s.as_bytes()).unwrap();
    assert_read(&rep, "user@example.net");
    assert!(rep.notes.iter().any(|n| n.contains("only its first")), "{:?}", rep.notes);
}

#[test]
fn a_very_long_single_line_returns() {
    // 20 MB without a line break, with a reply code at the start and at the end
    let mut s = String::from("550 5.1.1 <long@example.net>: User unknown ");
    s.reserve(20 << 20);
    while s.len() < 20 << 20 {
        s.push_str("lorem ipsum dolor sit amet ");
    }
    s.push_str("550 5.1.1 end");
    let rep = diagnose(s.as_bytes()).unwrap();
    assert!(rep.results.len() <= 2);
    // a header line of 10 MB
    let mut h = String::from("From: MAILER-DAEMON@mx.example.org\r\nX-Long: ");
    h.push_str(&"x".repeat(10 << 20));
    h.push_str("\r\nSubject: Undelivered Mail\r\n\r\n<a@example.net>: 550 5.1.1 User unknown\r\n");
    diagnose(h.as_bytes()).unwrap();
}

#[test]
fn many_recipients_in_one_report_each_get_a_result() {
    let mut s = dsn("r0@example.net");
    for i in 1..5_000 {
        s.push_str(&format!("Final-Recipient: rfc822; r{i}@example.net\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"));
    }
    s.push_str("--OUTER--\r\n");
    let rep = diagnose(s.as_bytes()).unwrap();
    assert_eq!(rep.results.len(), 5_000);
    assert_eq!(rep.results[4_999].recipient.as_deref(), Some("r4999@example.net"));
}

#[test]
fn odd_but_textual_inputs_do_not_panic() {
    let cases: Vec<Vec<u8>> = vec![
        b"From: \r\n\r\n".to_vec(),
        b"Content-Type: multipart/report; boundary=\"\"\r\n\r\n--\r\n--\r\n".to_vec(),
        b"Content-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!\r\n".to_vec(),
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\n=\r\n=Z=\r\n".to_vec(),
        b"Subject: =?utf-8?B?broken?= =?x-unknown?Q?a?=\r\n\r\nbody".to_vec(),
        b"Final-Recipient: rfc822;\r\nAction: failed\r\nStatus: 9.9.9.9\r\n".to_vec(),
        b"Status: 5.\r\nDiagnostic-Code: smtp; 5".to_vec(),
        b"550-\r\n550 \r\n".to_vec(),
        b"<>: 550 5.1.1\r\n".to_vec(),
        "\u{feff}550 5.1.1 <a@example.net> \u{202e}unknown\u{202c}".as_bytes().to_vec(),
        "@".repeat(100_000).into_bytes(),
        "<".repeat(100_000).into_bytes(),
        "550 ".repeat(50_000).into_bytes(),
        "a@b.c ".repeat(50_000).into_bytes(),
        "\r".repeat(100_000).into_bytes(),
        b"\x1b$B\x1b(B\x1b$B".to_vec(),
    ];
    for c in cases {
        let r = diagnose(&c);
        if let Ok(rep) = r {
            for d in &rep.results {
                assert!(!d.reason.is_empty());
                assert!((0.0..=1.0).contains(&d.confidence));
            }
        }
    }
}

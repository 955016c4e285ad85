//! SMTP reply codes (RFC 5321 section 4.2.3, and later RFCs) in plain words.

/// Plain-words meaning of an SMTP reply code; class meaning for unlisted codes.
pub fn meaning(code: u16) -> Option<&'static str> {
    let _ = code;
    None // TODO(knowledge): table
}

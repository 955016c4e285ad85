//! Charsets mail-parser has no table for. The native build links encoding_rs (feature
//! `full-encoding`) and never needs this; the wasm build leaves encoding_rs out for size and
//! decodes the legacy CJK charsets (ISO-2022-JP, Shift_JIS, EUC-JP, GBK/GB2312, Big5,
//! EUC-KR, ...) with the browser's own `TextDecoder`, which knows them all.

use mail_parser::decoders::charsets::map::charset_decoder;

/// Whether text in charset `cs` is decoded by the platform here rather than by
/// mail-parser (which has no table for it in this build).
pub fn needs_platform(cs: &str) -> bool {
    !cfg!(feature = "full-encoding") && (is_multi_byte_label(cs) || charset_decoder(cs.as_bytes()).is_none() && !is_utf8_label(cs))
}

/// `bytes` in charset `cs` (none declared: UTF-8) as text: by the platform where it has to
/// ([`needs_platform`]), else by mail-parser's tables, else as UTF-8 with invalid
/// sequences replaced (as mail-parser reads a part).
pub fn decode(cs: Option<&str>, bytes: &[u8]) -> String {
    if let Some(cs) = cs {
        if let Some(t) = needs_platform(cs).then(|| platform_decode(cs, bytes)).flatten() {
            return t;
        }
        if let Some(d) = charset_decoder(cs.as_bytes()) {
            return d(bytes);
        }
    }
    String::from_utf8_lossy(bytes).into_owned()
}

/// Labels of the multi-byte charsets mail-parser decodes only through encoding_rs (without
/// it, it reads them as UTF-8 and loses the text). Matched loosely on the WHATWG labels.
fn is_multi_byte_label(cs: &str) -> bool {
    let l = cs.to_ascii_lowercase();
    ["big5", "gb", "936", "euc", "2022", "jis", "932", "31j", "ks_c", "ksc", "korean", "949", "chinese", "kanji"]
        .iter()
        .any(|k| l.contains(k))
}

fn is_utf8_label(cs: &str) -> bool {
    matches!(cs.to_ascii_lowercase().as_str(), "utf-8" | "utf8" | "us-ascii" | "ascii")
}

#[cfg(all(target_arch = "wasm32", not(feature = "full-encoding")))]
fn platform_decode(charset: &str, bytes: &[u8]) -> Option<String> {
    let dec = web_sys::TextDecoder::new_with_label(charset).ok()?;
    dec.decode_with_u8_array(bytes).ok()
}

#[cfg(not(all(target_arch = "wasm32", not(feature = "full-encoding"))))]
fn platform_decode(_charset: &str, _bytes: &[u8]) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn utf8_labels_need_no_help() {
        assert!(super::is_utf8_label("UTF-8"));
        assert!(!super::is_utf8_label("iso-2022-jp"));
        assert!(super::is_multi_byte_label("Shift_JIS") && super::is_multi_byte_label("GB2312") && super::is_multi_byte_label("ISO-2022-JP"));
        assert!(!super::is_multi_byte_label("windows-1252") && !super::is_multi_byte_label("koi8-r"));
    }
}

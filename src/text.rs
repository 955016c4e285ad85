//! Small byte- and text-level helpers: decoding input to text, lines, addresses.

/// A table from strings (addresses, mostly) to positions, for look-ups that must not walk
/// every recipient of a large report. Open addressing with an FNV-1a hash: a few lines of
/// code where std's HashMap costs several KB in the wasm build for each key and value type.
/// Entries are only added, never removed. (Default: no allocation until the first entry;
/// most reports need only a few look-ups.)
#[derive(Default)]
pub struct StrTable {
    slots: Vec<Option<(String, usize)>>,
    len: usize,
}

impl StrTable {
    fn hash(key: &str) -> usize {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in key.as_bytes() {
            h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
        (h ^ (h >> 32)) as usize
    }

    /// The slot holding `key`, or the empty slot where it would go.
    fn slot(&self, key: &str) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = Self::hash(key) & mask;
        while let Some((k, _)) = &self.slots[i] {
            if k == key {
                break;
            }
            i = (i + 1) & mask;
        }
        i
    }

    pub fn get(&self, key: &str) -> Option<usize> {
        if self.len == 0 {
            return None;
        }
        self.slots[self.slot(key)].as_ref().map(|(_, v)| *v)
    }

    pub fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Adds `key` with `value` unless it is there already; true when added.
    pub fn insert_first(&mut self, key: String, value: usize) -> bool {
        if (self.len + 1) * 2 > self.slots.len() {
            let grown = (0..(self.slots.len() * 2).max(16)).map(|_| None).collect();
            let old = std::mem::replace(&mut self.slots, grown);
            for (k, v) in old.into_iter().flatten() {
                let i = self.slot(&k);
                self.slots[i] = Some((k, v));
            }
        }
        let i = self.slot(&key);
        if self.slots[i].is_some() {
            return false;
        }
        self.slots[i] = Some((key, value));
        self.len += 1;
        true
    }
}

impl FromIterator<(String, usize)> for StrTable {
    fn from_iter<I: IntoIterator<Item = (String, usize)>>(pairs: I) -> StrTable {
        let mut t = StrTable::default();
        for (k, v) in pairs {
            t.insert_first(k, v);
        }
        t
    }
}

/// Undoes quoted-printable (RFC 2045 6.7) the lenient way mail readers do: "=XX" is the
/// byte, "=" at a line's end (trailing blanks allowed) joins the lines, blanks at a line's
/// end are dropped, and an "=" that starts neither is kept as it is. (mail-parser's public
/// `quoted_printable_decode` gives up on the whole part at one such "=", and its lenient
/// decoder is internal to its MIME parser.)
pub fn quoted_printable(body: &[u8]) -> Vec<u8> {
    fn hex(c: u8) -> Option<u8> {
        (c as char).to_digit(16).map(|d| d as u8)
    }
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        // (runs of ordinary bytes copied whole)
        let run = body[i..].iter().position(|&b| matches!(b, b'=' | b'\n' | b'\r')).unwrap_or(body.len() - i);
        out.extend_from_slice(&body[i..i + run]);
        i += run;
        let Some(&c) = body.get(i) else { break };
        if c == b'=' {
            if let (Some(h), Some(l)) = (body.get(i + 1).copied().and_then(hex), body.get(i + 2).copied().and_then(hex)) {
                out.push(h << 4 | l);
                i += 3;
                continue;
            }
            // a soft line break: "=", perhaps blanks, then the line's end
            let mut j = i + 1;
            while j < body.len() && matches!(body[j], b' ' | b'\t' | b'\r') {
                j += 1;
            }
            if j == body.len() || body[j] == b'\n' {
                i = j + 1;
            } else {
                out.push(b'=');
                i += 1;
            }
        } else {
            while out.last().is_some_and(|&b| b == b' ' || b == b'\t') {
                out.pop();
            }
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Decodes input bytes to text: UTF-8 when valid, otherwise each invalid byte sequence is
/// read as windows-1252 so no byte is lost (mail without a declared charset is usually
/// Latin-1 or windows-1252).
pub fn decode_lossless(input: &[u8]) -> String {
    decode_lossless_cow(input).into_owned()
}

/// [`decode_lossless`], borrowing the input when it is valid UTF-8.
pub fn decode_lossless_cow(input: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(input) {
        Ok(s) => s.into(),
        Err(_) => {
            let mut out = String::with_capacity(input.len() + input.len() / 8);
            let mut rest = input;
            loop {
                match std::str::from_utf8(rest) {
                    Ok(s) => {
                        out.push_str(s);
                        break;
                    }
                    Err(e) => {
                        let (good, bad) = rest.split_at(e.valid_up_to());
                        // Safe: `good` was validated by from_utf8.
                        out.push_str(std::str::from_utf8(good).unwrap_or_default());
                        let n = e.error_len().unwrap_or(bad.len()).max(1);
                        for &b in &bad[..n] {
                            out.push(cp1252(b));
                        }
                        rest = &bad[n..];
                    }
                }
            }
            out.into()
        }
    }
}

/// windows-1252 to Unicode for one byte (0x80-0x9F differ from Latin-1).
fn cp1252(b: u8) -> char {
    const HIGH: [u16; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    if (0x80..0xA0).contains(&b) {
        char::from_u32(HIGH[(b - 0x80) as usize] as u32).unwrap_or('\u{FFFD}')
    } else {
        b as char
    }
}

/// True when the bytes look like binary data rather than text: NUL bytes, or more than
/// 10% control characters other than whitespace in the first 64 KB.
pub fn looks_binary(input: &[u8]) -> bool {
    let head = &input[..input.len().min(65536)];
    if head.is_empty() {
        return false;
    }
    // a stray NUL in a mail is still text; binary data has them everywhere
    let (nul, ctrl) = control_counts(head);
    nul * 100 > head.len() || ctrl * 10 > head.len()
}

/// NUL bytes and control bytes other than whitespace (tab, LF, CR, FF) and ESC in `bytes`.
fn control_counts(bytes: &[u8]) -> (usize, usize) {
    let (mut nul, mut ctrl) = (0, 0);
    let mut count = |bytes: &[u8]| {
        for &b in bytes.iter().filter(|&&b| b < 0x20) {
            nul += (b == 0) as usize;
            ctrl += !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b) as usize;
        }
    };
    // eight bytes at a time: most words of text hold no byte below 0x20 (an exact test: a
    // borrow out of a byte happens only when some byte is below 0x20)
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let x = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        if x.wrapping_sub(0x2020_2020_2020_2020) & !x & 0x8080_8080_8080_8080 != 0 {
            count(w);
        }
    }
    count(words.remainder());
    (nul, ctrl)
}

/// Characters that text copied out of a web page brings, as the plain ones a mail server
/// writes: no-break, narrow and figure spaces as spaces, typographic apostrophes as "'"
/// ("couldn’t" is "couldn't"); zero-width spaces and byte order marks left out.
pub fn plain_chars(s: &str) -> std::borrow::Cow<'_, str> {
    // (all of them start with byte C2, E2 or EF)
    if !s.bytes().any(|b| matches!(b, 0xC2 | 0xE2 | 0xEF)) || !s.contains(['\u{a0}', '\u{202f}', '\u{2007}', '\u{200b}', '\u{feff}', '\u{2019}', '\u{2018}']) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .filter_map(|c| match c {
                '\u{a0}' | '\u{202f}' | '\u{2007}' => Some(' '),
                '\u{2019}' | '\u{2018}' => Some('\''),
                '\u{200b}' | '\u{feff}' => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// Byte length of a typographic apostrophe at `i` of `b` (which [`plain_chars`] reads as
/// "'"); 0 when there is none.
pub fn apostrophe_len(b: &[u8], i: usize) -> usize {
    match b.get(i..).unwrap_or(&[]) {
        [0xE2, 0x80, 0x98 | 0x99, ..] => 3,
        _ => 0,
    }
}

/// Byte length of the whitespace character at `i` of `b`: ASCII whitespace, or one that
/// [`plain_chars`] turns into a space or leaves out; 0 when there is none.
pub fn space_len(b: &[u8], i: usize) -> usize {
    match b.get(i..).unwrap_or(&[]) {
        [c, ..] if c.is_ascii_whitespace() => 1,
        [0xC2, 0xA0, ..] => 2,
        [0xE2, 0x80, 0xAF | 0x87 | 0x8B, ..] | [0xEF, 0xBB, 0xBF, ..] => 3,
        _ => 0,
    }
}

/// Text whose every line is followed by an empty one (a copy out of a web page that made each
/// line a paragraph) with those empty lines taken out again: a run of k empty lines becomes
/// k / 2. `None` when the text is not double-spaced (two adjacent non-empty lines in more
/// than one place in ten, or fewer than four lines).
pub fn undouble_lines(s: &str) -> Option<String> {
    let (mut lines, mut adjacent, mut prev_full) = (0usize, 0usize, false);
    for l in s.split('\n') {
        let full = !l.trim().is_empty();
        if full {
            lines += 1;
            adjacent += usize::from(prev_full);
        }
        prev_full = full;
    }
    if lines < 4 || adjacent * 10 > lines {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    let mut empties = 0;
    for (n, l) in s.split('\n').enumerate() {
        if l.trim().is_empty() && n > 0 {
            empties += 1;
            continue;
        }
        if n > 0 {
            out.push('\n');
            for _ in 0..empties / 2 {
                out.push('\n');
            }
        }
        empties = 0;
        out.push_str(l);
    }
    for _ in 0..empties / 2 {
        out.push('\n');
    }
    Some(out)
}

/// Text hard-wrapped by a mail client (a bounce forwarded as plain text, its lines broken at
/// about 76 characters) with the broken pieces joined again: a line that does not start with
/// a space, an address, a code or a "Name:" label, and that starts with a small letter or is a
/// short fragment, continues a long previous line (60 to 80 characters) that ends in no
/// sentence mark. `None` when the text is not wrapped (a line is longer than 80 characters,
/// or none is 60 or longer) or nothing was joined.
pub fn unwrap_lines(s: &str) -> Option<String> {
    let width = |l: &str| l.chars().count();
    if s.lines().any(|l| width(l) > 80) || !s.lines().any(|l| width(l) >= 60) {
        return None;
    }
    let continues = |prev: &str, l: &str| {
        let t = l.trim_end();
        let first = t.chars().next();
        let labelled = t.split_once(':').is_some_and(|(name, _)| !name.is_empty() && !name.contains(' '));
        (60..=80).contains(&width(prev))
            && !prev.trim_end().ends_with(['.', ':', ';', '!', '?'])
            && first.is_some_and(|c| starts_word(c) && (!c.is_ascii_uppercase() || width(t) <= 20))
            && !t.contains('@')
            && !labelled
    };
    let mut out = String::with_capacity(s.len());
    let mut prev = "";
    let mut joined = false;
    for (n, l) in s.split('\n').enumerate() {
        if n > 0 {
            if continues(prev, l) {
                out.push(' ');
                joined = true;
            } else {
                out.push('\n');
            }
        }
        out.push_str(l);
        prev = l;
    }
    joined.then_some(out)
}

/// `c` can start a word: an ASCII letter, or a letter of the Latin, Greek, Cyrillic and other
/// alphabets (U+00C0 to U+1FFF) or a kana or CJK character. (By code point ranges: Unicode's
/// letter tables cost kilobytes in the wasm build.)
fn starts_word(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{c0}'..='\u{1fff}').contains(&c) && c != '\u{d7}' && c != '\u{f7}' || ('\u{3040}'..='\u{9fff}').contains(&c)
}

/// `input` with its lone CR line ends (old Mac mail) as LF, when it has no LF at all; one
/// byte for one byte, so that offsets still point into the input as given.
pub fn lone_cr_as_lf(input: &[u8]) -> Option<Vec<u8>> {
    // (asked LF first: most inputs have one near the start, which ends the test)
    (!input.contains(&b'\n') && input.contains(&b'\r')).then(|| input.iter().map(|&b| if b == b'\r' { b'\n' } else { b }).collect())
}

/// Normalises line ends to `\n` (CRLF and lone CR both become LF).
pub fn normalize_newlines(s: &str) -> String {
    if !s.contains('\r') {
        return s.to_string();
    }
    // the text between CRs is copied as it is (CR and LF are ASCII: every piece is
    // whole UTF-8)
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('\r') {
        out.push_str(&rest[..p]);
        out.push('\n');
        rest = &rest[p + 1..];
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    out.push_str(rest);
    out
}

/// A bounce forwarded or replied to, quoted line by line ("> 550 5.1.1 ..."): the text with
/// one level of quoting removed, when quoted lines are most of it. (A transcript's ">>> DATA"
/// is a client command, not quoting; quoted, it reads ">>>> DATA".)
pub fn unquote(t: &str) -> Option<String> {
    let quoted = |l: &str| l.starts_with('>') && (!l.starts_with(">>>") || l.starts_with(">>>>"));
    // quick exit: fewer than three lines start with '>' (found at the '>' bytes)
    let b = t.as_bytes();
    if t.match_indices('>').filter(|&(i, _)| i == 0 || b[i - 1] == b'\n').take(3).count() < 3 {
        return None;
    }
    let lines = t.lines().filter(|l| !l.trim().is_empty());
    let (total, q) = lines.fold((0usize, 0usize), |(n, q), l| (n + 1, q + quoted(l) as usize));
    if q < 3 || q * 2 < total {
        return None;
    }
    let mut out = String::with_capacity(t.len());
    for l in t.lines() {
        let l = if quoted(l) { l[1..].strip_prefix(' ').unwrap_or(&l[1..]) } else { l };
        out.push_str(l);
        out.push('\n');
    }
    Some(out)
}

/// Collapses runs of whitespace to one space and trims.
pub fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_squeezed(&mut out, s);
    out
}

/// Appends [`squeeze`]`(s)` to `out`.
pub fn push_squeezed(out: &mut String, s: &str) {
    let start = out.len();
    if s.is_ascii() {
        // the same words as `split_whitespace` finds: in ASCII, Unicode whitespace is
        // space, tab, LF, VT, FF and CR
        let ws = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if ws(&b[i]) {
                i += 1;
                continue;
            }
            let end = b[i..].iter().position(ws).map_or(b.len(), |p| i + p);
            if out.len() > start {
                out.push(' ');
            }
            // (ASCII: every byte offset is a character boundary)
            out.push_str(&s[i..end]);
            i = end;
        }
        return;
    }
    for w in s.split_whitespace() {
        if out.len() > start {
            out.push(' ');
        }
        out.push_str(w);
    }
}

fn is_local_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~.-".contains(&c)
}

fn is_domain_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'.' || c == b'-' || c == b'_'
}

/// An email address found in text, with its byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub addr: String,
    pub start: usize,
    pub end: usize,
}

/// Finds email addresses (local@domain.tld) in `s`, in order. Lower-cases the domain.
/// Linear: each byte is looked at a bounded number of times.
pub fn find_addresses(s: &str) -> Vec<Found> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut last_end = 0;
    while let Some(off) = memchr_at(b, b'@', i) {
        let at = off;
        // local part: walk back, but not past the previous address.
        let mut st = at;
        while st > last_end && is_local_char(b[st - 1]) {
            st -= 1;
        }
        // do not start with a dot
        while st < at && b[st] == b'.' {
            st += 1;
        }
        let mut en = at + 1;
        while en < b.len() && is_domain_char(b[en]) {
            en += 1;
        }
        // trim trailing dots/hyphens from the domain
        while en > at + 1 && (b[en - 1] == b'.' || b[en - 1] == b'-') {
            en -= 1;
        }
        let domain = &s[at + 1..en];
        let local = &s[st..at];
        if !local.is_empty() && local.len() <= 128 && valid_domain(domain) {
            let mut addr = String::with_capacity(local.len() + 1 + domain.len());
            addr.push_str(local);
            addr.push('@');
            addr.push_str(domain);
            addr[local.len() + 1..].make_ascii_lowercase();
            out.push(Found { addr, start: st, end: en });
            last_end = en;
        }
        i = (at + 1).max(en);
    }
    out
}

fn memchr_at(b: &[u8], needle: u8, from: usize) -> Option<usize> {
    b.get(from..)?.iter().position(|&c| c == needle).map(|p| p + from)
}

fn valid_domain(d: &str) -> bool {
    if d.len() < 3 || d.len() > 253 || !d.contains('.') {
        return false;
    }
    // domain literal forms like user@[192.0.2.1] are not handled here
    let tld = d.rsplit('.').next().unwrap_or("");
    tld.len() >= 2 && tld.bytes().all(|c| c.is_ascii_alphabetic())
        || d.split('.').all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))
}

/// Whether `hay` contains `needle` (given in lower case), ASCII case-insensitively,
/// without copying `hay`.
pub fn contains_ci(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else { return true };
    let (lo, up) = (first, first.to_ascii_uppercase());
    // the second byte is compared before the whole needle (most first-byte hits end there)
    let second = n.get(1).map(u8::to_ascii_lowercase);
    let mut i = 0;
    while i + n.len() <= h.len() {
        match h[i..h.len() - n.len() + 1].iter().position(|&c| c == lo || c == up) {
            Some(p) => {
                let at = i + p;
                if second.is_none_or(|s| h[at + 1].to_ascii_lowercase() == s) && h[at..at + n.len()].eq_ignore_ascii_case(n) {
                    return true;
                }
                i = at + 1;
            }
            None => return false,
        }
    }
    false
}

/// `hay.find(needle)`, quicker on the short texts (lines, replies) most searches here run
/// on: std's two-way searcher spends more setting itself up than a short line takes to scan.
/// A byte-wise match of a UTF-8 needle in UTF-8 text starts on a char boundary, so the
/// result is the same.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else { return Some(0) };
    if h.len() > 256 {
        return hay.find(needle);
    }
    let last = h.len().checked_sub(n.len())?;
    let mut i = 0;
    while let Some(p) = h[i..=last].iter().position(|&c| c == first) {
        let at = i + p;
        if h[at..at + n.len()] == *n {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// `hay.contains(needle)`, quicker on short texts and long needles: std's `contains` is
/// vectorised (x86-64) for needles of up to 32 bytes in texts at least 16 bytes longer;
/// otherwise it sets up a two-way searcher, which costs more than [`find`] scanning.
pub fn contains(hay: &str, needle: &str) -> bool {
    if needle.len() <= 32 && hay.len() >= needle.len() + 16 {
        return hay.contains(needle);
    }
    find(hay, needle).is_some()
}

/// The first address in `s`, if any.
pub fn first_address(s: &str) -> Option<String> {
    find_addresses(s).into_iter().next().map(|f| f.addr)
}

/// Lower-case copy for matching: ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic
/// capitals (the scripts of the languages the phrase tables cover) by arithmetic, without
/// the full Unicode case tables (which cost wasm size). Other characters stay as they are.
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    // runs of ASCII are lower-cased whole; only the other characters one by one
    let mut out = String::with_capacity(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        if c.is_ascii() {
            let end = b[i..].iter().position(|c| !c.is_ascii()).map_or(s.len(), |p| i + p);
            let start = out.len();
            out.push_str(&s[i..end]);
            out[start..].make_ascii_lowercase();
            i = end;
        } else {
            out.push(lower_char(c));
            i += c.len_utf8();
        }
    }
    out
}

/// Appends [`lower`]`(s)` to `out`.
pub fn push_lower(out: &mut String, s: &str) {
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
    } else {
        out.push_str(&lower(s));
    }
}

/// A letter or digit, for trimming punctuation: ASCII ones, and any non-ASCII character
/// that is not punctuation-like (cheaper than the Unicode tables, enough for framing lines).
pub fn is_wordish(c: char) -> bool {
    c.is_ascii_alphanumeric() || (c as u32) > 0xBF && !matches!(c, '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FF0F}')
}

/// `.lower()` on strings: see [`lower`].
pub trait Lower {
    fn lower(&self) -> String;
}

impl Lower for str {
    fn lower(&self) -> String {
        lower(self)
    }
}

fn lower_char(c: char) -> char {
    let u = c as u32;
    let l = match u {
        0x41..=0x5A => u + 32,                                   // A-Z
        0xC0..=0xDE if u != 0xD7 => u + 32,                      // À-Þ (not ×)
        0x100..=0x137 | 0x14A..=0x177 if u.is_multiple_of(2) => u + 1,// Latin Extended-A pairs
        0x139..=0x148 if u % 2 == 1 => u + 1,
        0x178 => 0xFF,                                           // Ÿ
        0x179..=0x17E if u % 2 == 1 => u + 1,
        0x391..=0x3A9 if u != 0x3A2 => u + 32,                   // Greek capitals
        0x400..=0x40F => u + 80,                                 // Ѐ-Џ
        0x410..=0x42F => u + 32,                                 // А-Я
        _ => u,
    };
    char::from_u32(l).unwrap_or(c)
}

/// How many bytes of `bytes` equal `b`. (Counted in runs of 255 bytes, whose sums fit
/// in a byte: the compiler turns that into wide vector adds.)
pub fn count_byte(bytes: &[u8], b: u8) -> usize {
    bytes.chunks(255).map(|c| c.iter().fold(0u8, |n, &x| n + (x == b) as u8) as usize).sum()
}

/// Lines with their byte offsets in `s` (offset of the first byte of each line).
pub fn lines_with_offsets(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    s.split('\n').map(move |l| {
        let start = pos;
        pos += l.len() + 1;
        (start, l.strip_suffix('\r').unwrap_or(l))
    })
}

/// Truncates `s` to at most `max` bytes on a char boundary.
pub fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The last `max` bytes of `s` at most, starting on a char boundary.
pub fn tail(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut start = s.len() - max;
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_printable_is_undone_leniently() {
        let qp = |s: &str| String::from_utf8(quoted_printable(s.as_bytes())).unwrap();
        assert_eq!(qp("caf=C3=A9 =3D ok=\r\nay  \r\nnext"), "café = okay\r\nnext");
        // a soft break with blanks after the "=", and at the very end
        assert_eq!(qp("a= \t\nb="), "ab");
        // an "=" that is no escape stays
        assert_eq!(qp("100% =ZZ x=4"), "100% =ZZ x=4");
        assert_eq!(qp("x=3dy"), "x=y");
    }

    #[test]
    fn hard_wrapped_text_is_joined_where_a_line_was_broken() {
        let t = "Unable to deliver message to the following recipients, due to being unable\nto connect successfully to the destination mail server.\n\njo@partner.example\n\nThis message was created automatically by mail delivery software and the\nlines were wrapped at seventy-six characters by the mail program again.\n";
        let u = unwrap_lines(t).expect("joined");
        assert!(u.contains("being unable to connect"), "{u}");
        assert!(u.contains("\n\njo@partner.example\n\n"), "an address line stays a line: {u}");
        // not wrapped: a line longer than 80 characters, or no long lines
        assert_eq!(unwrap_lines(&format!("{}\nnext\n", "x ".repeat(45))), None);
        assert_eq!(unwrap_lines("short\nlines\nonly\n"), None);
    }

    #[test]
    fn double_spaced_text_is_undoubled_and_other_text_is_left_alone() {
        let t = "Delivery has failed\n\njo@example.net\n\nRemote Server returned '550 5.1.1'\n\n\n\nDiagnostic information\n\nGenerating server: x\n\n";
        assert_eq!(undouble_lines(t).as_deref(), Some("Delivery has failed\njo@example.net\nRemote Server returned '550 5.1.1'\n\nDiagnostic information\nGenerating server: x\n"));
        assert_eq!(undouble_lines("a\nb\n\nc\nd\n\ne\nf\n"), None);
        assert_eq!(undouble_lines("550 5.1.1 unknown\n\nok\n"), None);
    }

    #[test]
    fn web_page_spaces_become_plain_and_count_as_space() {
        assert_eq!(plain_chars("a\u{a0}\u{a0}b\u{202f}c\u{200b}d\u{feff} couldn\u{2019}t"), "a  b cd couldn't");
        assert!(matches!(plain_chars("plain text"), std::borrow::Cow::Borrowed(_)));
        assert_eq!((apostrophe_len("n\u{2019}t".as_bytes(), 1), apostrophe_len(b"n't", 1)), (3, 0));
        let b = "x\u{a0}\u{200b} y".as_bytes();
        assert_eq!((space_len(b, 0), space_len(b, 1), space_len(b, 3), space_len(b, 6)), (0, 2, 3, 1));
    }

    #[test]
    fn str_table_keeps_the_first_value_of_each_key_and_grows() {
        let mut t = StrTable::default();
        for i in 0..1000 {
            assert!(t.insert_first(format!("user{i}@example.net"), i));
        }
        assert!(!t.insert_first("user7@example.net".into(), 99));
        assert_eq!(t.get("user7@example.net"), Some(7));
        assert_eq!(t.get("user999@example.net"), Some(999));
        assert!(!t.contains("user1000@example.net"));
        let u: StrTable = [("a".to_string(), 1), ("a".to_string(), 2)].into_iter().collect();
        assert_eq!(u.get("a"), Some(1));
    }

    #[test]
    fn decodes_invalid_utf8_as_cp1252() {
        assert_eq!(decode_lossless(b"caf\xe9 \x80"), "café €");
        assert_eq!(decode_lossless("naïve".as_bytes()), "naïve");
    }

    #[test]
    fn finds_addresses_in_brackets_and_prose() {
        let f = find_addresses("<kijitora@Example.JP>: host mx.example.jp said: 550 user@x.org. ");
        let a: Vec<_> = f.iter().map(|f| f.addr.as_str()).collect();
        assert_eq!(a, ["kijitora@example.jp", "user@x.org"]);
        assert_eq!(&"<kijitora@Example.JP>"[f[0].start..f[0].end], "kijitora@Example.JP");
    }

    #[test]
    fn rejects_non_addresses() {
        assert!(find_addresses("a@b, @foo, x@localhost, 5@6").is_empty());
        assert_eq!(find_addresses("mailto:postmaster@[192.0.2.1] z@192.0.2.1").len(), 1);
    }

    #[test]
    fn binary_detection() {
        assert!(looks_binary(b"PK\x03\x04\x00\x00"));
        let mut one_nul = b"Delivery has failed to these recipients".repeat(10);
        one_nul.push(0);
        assert!(!looks_binary(&one_nul));
        assert!(!looks_binary(b"Subject: hi\r\n\r\nbody\r\n"));
        assert!(!looks_binary(b""));
    }

    #[test]
    fn control_counts_match_a_byte_by_byte_count() {
        let naive = |b: &[u8]| {
            let nul = b.iter().filter(|&&c| c == 0).count();
            let ctrl = b.iter().filter(|&&c| c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)).count();
            (nul, ctrl)
        };
        for v in 0..=255u8 {
            for at in 0..17 {
                let mut b = vec![b'a'; 19];
                b[at] = v;
                b[(at + 5) % 19] = 0x1f;
                b[(at + 11) % 19] = 0xff;
                assert_eq!(control_counts(&b), naive(&b), "byte {v:#x} at {at}");
            }
        }
    }

    #[test]
    fn lower_covers_the_phrase_languages() {
        assert_eq!(lower("USER Unknown ÉCHEC ÄÖÜ ŁÓDŹ ПОЛЬЗОВАТЕЛЬ ΑΒΓ 用户"), "user unknown échec äöü łódź пользователь αβγ 用户");
    }

    #[test]
    fn case_insensitive_contains() {
        assert!(contains_ci("Final-Recipient: x", "final-recipient:"));
        assert!(!contains_ci("Final-Recip", "final-recipient:"));
        assert!(contains_ci("anything", ""));
    }

    #[test]
    fn find_matches_std() {
        let long = "x".repeat(300) + "needle";
        for (h, n) in [("abc", "c"), ("abc", ""), ("", "a"), ("ab", "abc"), ("aab", "ab"), ("éa", "a"), ("déjà vu", "à"), (long.as_str(), "needle")] {
            assert_eq!(find(h, n), h.find(n), "{h:?} {n:?}");
        }
    }

    #[test]
    fn quick_paths_match_the_plain_definitions() {
        let texts = [
            "", " ", "a", "  Two  words\t\there \r\n", "x\u{0b}y\u{0c}z", "USER Unknown ÉCHEC\u{a0}ÄÖÜ  ŁÓDŹ\u{3000}ПОЛЬЗОВАТЕЛЬ ΑΒΓ 用户",
            "Ab\u{85}Cd\u{2028}EF \u{1680} G", "ÀÉ", "end É", "a\r\nb\rc\r\r\nd\n\r",
        ];
        for t in texts {
            assert_eq!(squeeze(t), t.split_whitespace().collect::<Vec<_>>().join(" "), "{t:?}");
            assert_eq!(lower(t), t.chars().map(lower_char).collect::<String>(), "{t:?}");
            let mut nl = String::new();
            let mut cs = t.chars().peekable();
            while let Some(c) = cs.next() {
                if c == '\r' {
                    cs.next_if_eq(&'\n');
                    nl.push('\n');
                } else {
                    nl.push(c);
                }
            }
            assert_eq!(normalize_newlines(t), nl, "{t:?}");
        }
        for (h, n) in [("Final-Recipient: x", "final-recipient:"), ("ffinal-Recip", "final"), ("xF", "f"), ("\nAction:", "\naction:"), ("F", "fi")] {
            assert_eq!(contains_ci(h, n), h.to_ascii_lowercase().contains(n), "{h:?} {n:?}");
        }
    }

    #[test]
    fn counts_bytes() {
        let t = "a\nb\n".repeat(300);
        for n in [0, 1, 2, 254, 255, 256, 509, 510, 511, 1200] {
            assert_eq!(count_byte(&t.as_bytes()[..n], b'\n'), t.as_bytes()[..n].iter().filter(|&&c| c == b'\n').count());
        }
    }

    #[test]
    fn newlines() {
        assert_eq!(normalize_newlines("a\r\nb\rc\n"), "a\nb\nc\n");
    }
}

//! One-pass matching of many lower-case phrases (with `*` gaps) against a text: a bit set of
//! the patterns' first four bytes passes only the few text positions where some pattern may
//! start, and patterns are bucketed by their first two bytes, so such a position looks at
//! only the few patterns that could start there. Linear in the text for a fixed table.

/// Largest gap a `*` stands for, in bytes, within one line.
pub const GAP: usize = 48;

pub struct Matcher {
    /// Each pattern split at `*` into trimmed pieces: pattern i's pieces are
    /// `pieces[spans[i].0..spans[i].1]` (one flat list: a table builds with few allocations).
    pieces: Vec<&'static str>,
    spans: Vec<(u32, u32)>,
    /// CSR index: patterns whose first piece starts with bytes (a, b) are among
    /// `order[start[k]..start[k + 1]]` with k = [`bucket`]`(a, b)` (with the few other
    /// patterns whose first two bytes share the bucket; the head check tells them apart).
    start: Vec<u32>,
    order: Vec<u32>,
    /// First eight bytes of each pattern's first piece (zero-padded, little-endian) and a
    /// mask of the bytes that count, for a quick reject before comparing whole pieces.
    head: Vec<(u64, u64)>,
    /// The filter in front of the index: bit [`key_bit`]`(k)` is set for the key `k` of
    /// every pattern, its first piece's first four bytes (or two or three, when the piece
    /// is that short). A text position is looked up in the index only when the bytes there
    /// give a set bit (a superset of the positions where a pattern starts: the text reads
    /// fast, without a branch per word that the processor cannot foresee).
    keys: Box<[u64; KEY_WORDS]>,
    /// Some pattern's first piece is three bytes long, or two: the text's three or two
    /// bytes are tested too.
    short3: bool,
    short2: bool,
    /// Every pattern's first piece is at least four bytes long: the filter holds instead the
    /// three bytes at offsets 0 and 1 of each first piece, and only every other text position
    /// is tested (a pattern starting at an odd position shows its bytes 1..4 at the even one
    /// after it); a passing position i stands for positions i - 1 and i.
    pairs: bool,
}

/// Bits of the key filter: 16 K (2 KB), so that a table's few hundred keys leave most
/// bits clear, and the filters of all the tables a text passes through stay in the L1 cache
/// together (at 64 K bits, lookups in them made a third of all L1 read misses).
const KEY_BITS: u32 = 14;
const KEY_WORDS: usize = (1 << KEY_BITS) / 64;

/// The filter bit of a key (up to four bytes, little-endian, zero-padded).
fn key_bit(k: u32) -> usize {
    (k.wrapping_mul(0x9E37_79B1) >> (32 - KEY_BITS)) as usize
}

/// Buckets of the CSR index: a small table (16 KB) is quick to build and stays in cache.
const BUCKETS: usize = 4096;

/// The bucket of a pattern starting with bytes `a`, `b`: 12 bits from both (lower-case
/// letter pairs rarely share one).
fn bucket(a: u8, b: u8) -> usize {
    ((a as usize) << 4 ^ b as usize) & (BUCKETS - 1)
}

fn head_of(b: &[u8]) -> (u64, u64) {
    let mut m = [0u8; 8];
    for x in m.iter_mut().take(b.len()) {
        *x = 0xff;
    }
    (eight(b), u64::from_le_bytes(m))
}

/// The first eight bytes of `b`, zero-padded, little-endian.
fn eight(b: &[u8]) -> u64 {
    match b.get(..8) {
        Some(w) => u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]),
        None => {
            let mut w = [0u8; 8];
            w[..b.len()].copy_from_slice(b);
            u64::from_le_bytes(w)
        }
    }
}

fn is_word_byte(b: u8) -> bool {
    WORD[b as usize]
}

/// [`is_word_byte`] as a table: ASCII letters, digits and `_`.
static WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = b.is_ascii_alphanumeric() || b == b'_';
        i += 1;
    }
    t
};

/// Finds `needle` in `hay` from `from`, where an alphanumeric edge of the needle must sit on
/// a word boundary ("uce" does not match "reduce").
pub fn find_word(hay: &str, needle: &str, from: usize) -> Option<(usize, usize)> {
    let hb = hay.as_bytes();
    let nb = needle.as_bytes();
    let (first, last) = (*nb.first()?, *nb.last()?);
    let mut pos = from;
    while let Some(p) = hay.get(pos..).and_then(|h| crate::text::find(h, needle)) {
        let s = pos + p;
        let e = s + needle.len();
        let left_ok = !is_word_byte(first) || s == 0 || !is_word_byte(hb[s - 1]);
        let right_ok = !is_word_byte(last) || e >= hb.len() || !is_word_byte(hb[e]);
        if left_ok && right_ok {
            return Some((s, e));
        }
        pos = s + hay[s..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Matches the pieces after the first, each within `GAP` bytes of the previous, on the same
/// line. Returns the end of the match.
fn rest_match(text: &str, mut e: usize, rest: &[&str]) -> Option<usize> {
    for p in rest {
        let mut we = (e + GAP + p.len()).min(text.len());
        while !text.is_char_boundary(we) {
            we -= 1;
        }
        let window = &text[e..we];
        let window = &window[..window.find('\n').unwrap_or(window.len())];
        let (_, pe) = find_word(window, p, 0)?;
        e += pe;
    }
    Some(e)
}

impl Matcher {
    pub fn new(patterns: &[&'static str]) -> Matcher {
        let mut pieces: Vec<&'static str> = Vec::with_capacity(patterns.len() * 2);
        let mut spans = Vec::with_capacity(patterns.len());
        for p in patterns {
            let from = pieces.len() as u32;
            pieces.extend(p.split('*').map(str::trim).filter(|x| !x.is_empty()));
            spans.push((from, pieces.len() as u32));
        }
        let patterns: Vec<&[&str]> = spans.iter().map(|&(a, b)| &pieces[a as usize..b as usize]).collect();
        let key = |p: &[&str]| -> usize {
            let b = p.first().map(|s| s.as_bytes()).unwrap_or(b"");
            bucket(b.first().copied().unwrap_or(0), b.get(1).copied().unwrap_or(0))
        };
        let mut counts = vec![0u32; BUCKETS + 1];
        for p in &patterns {
            if p.first().is_some_and(|f| f.len() >= 2) {
                counts[key(p) + 1] += 1;
            }
        }
        for k in 1..counts.len() {
            counts[k] += counts[k - 1];
        }
        let start = counts.clone();
        let mut fill = counts;
        let mut order = vec![0u32; start[BUCKETS] as usize];
        for (i, p) in patterns.iter().enumerate() {
            if p.first().is_some_and(|f| f.len() >= 2) {
                let k = key(p);
                order[fill[k] as usize] = i as u32;
                fill[k] += 1;
            }
        }
        let head: Vec<(u64, u64)> = patterns.iter().map(|p| head_of(p.first().map_or(&b""[..], |f| f.as_bytes()))).collect();
        let mut keys = Box::new([0u64; KEY_WORDS]);
        let (mut short3, mut short2) = (false, false);
        let len = |p: &[&str]| p.first().map_or(0, |f| f.len());
        let pairs = patterns.iter().all(|p| len(p) < 2 || len(p) >= 4);
        let mut set = |k: u32| {
            let bit = key_bit(k);
            keys[bit / 64] |= 1 << (bit % 64);
        };
        for (p, &(k, _)) in patterns.iter().zip(&head) {
            match len(p) {
                0 | 1 => continue,
                2 => short2 = true,
                3 => short3 = true,
                _ => {}
            }
            if pairs {
                set(k as u32 & 0xff_ffff);
                set((k >> 8) as u32 & 0xff_ffff);
            } else {
                // (the key: the head's first four bytes)
                set(k as u32);
            }
        }
        drop(patterns);
        Matcher { pieces, spans, start, order, head, keys, short3, short2, pairs }
    }

    fn has_key(&self, k: u32) -> bool {
        let bit = key_bit(k);
        self.keys[bit / 64] >> (bit % 64) & 1 != 0
    }

    /// Whether a pattern may start at the four bytes `w` (zero-padded at the text's end).
    fn may_start(&self, w: u32) -> bool {
        let mut hit = self.has_key(w);
        if self.short3 {
            hit |= self.has_key(w & 0xff_ffff);
        }
        if self.short2 {
            hit |= self.has_key(w & 0xffff);
        }
        hit
    }

    /// The first position from `i` where a pattern may start (see [`Matcher::may_start`]).
    /// One copy for every caller, the filter's short-key tests chosen once per call rather
    /// than per byte.
    fn candidate(&self, b: &[u8], i: usize) -> Option<usize> {
        match (self.short3, self.short2) {
            (false, false) => self.scan::<false, false>(b, i),
            (true, false) => self.scan::<true, false>(b, i),
            (false, true) => self.scan::<false, true>(b, i),
            (true, true) => self.scan::<true, true>(b, i),
        }
    }

    #[inline(always)]
    fn scan<const S3: bool, const S2: bool>(&self, b: &[u8], mut i: usize) -> Option<usize> {
        // the four bytes at each position; the last ones zero-padded
        while let Some(w) = b.get(i..i + 4) {
            let w = u32::from_le_bytes([w[0], w[1], w[2], w[3]]);
            if self.has_key(w) || S3 && self.has_key(w & 0xff_ffff) || S2 && self.has_key(w & 0xffff) {
                return Some(i);
            }
            i += 1;
        }
        while i + 1 < b.len() {
            let mut w = [0u8; 4];
            w[..b.len() - i].copy_from_slice(&b[i..]);
            if self.may_start(u32::from_le_bytes(w)) {
                return Some(i);
            }
            i += 1;
        }
        None
    }

    /// Calls `f(pattern index, start, end)` for every match in lower-case `text`, in text
    /// order (several patterns may match at one position).
    pub fn each(&self, text: &str, mut f: impl FnMut(usize, usize, usize)) {
        self.find_map(text, |p, s, e| {
            f(p, s, e);
            None::<()>
        });
    }

    /// The first even position from `i` (even) where, by three bytes, a pattern may start
    /// there or one byte before (see [`Matcher::pairs`]).
    fn pair_candidate(&self, b: &[u8], mut i: usize) -> Option<usize> {
        while let Some(w) = b.get(i..i + 4) {
            if self.has_key(u32::from_le_bytes([w[0], w[1], w[2], 0])) {
                return Some(i);
            }
            i += 2;
        }
        // (a first piece of four bytes or more starting at an odd position before the end
        // shows three bytes at the next even one)
        b.get(i..i + 3).filter(|w| self.has_key(u32::from_le_bytes([w[0], w[1], w[2], 0]))).map(|_| i)
    }

    /// Like [`Matcher::each`], stopping at the first match for which `f` gives a value.
    pub fn find_map<T>(&self, text: &str, mut f: impl FnMut(usize, usize, usize) -> Option<T>) -> Option<T> {
        let mut out = None;
        self.walk(text, &mut |p, s, e| {
            out = f(p, s, e);
            out.is_some()
        });
        out
    }

    /// Calls `f` for the matches in text order until it returns true. One copy of the scan
    /// for every caller (`f` is called only where a pattern matches, which is rare next to
    /// the positions the scan passes).
    fn walk(&self, text: &str, f: &mut dyn FnMut(usize, usize, usize) -> bool) {
        let b = text.as_bytes();
        let mut from = 0;
        if self.pairs {
            while let Some(i) = self.pair_candidate(b, from) {
                if i > 0 && self.at(text, i - 1, f) || self.at(text, i, f) {
                    return;
                }
                from = i + 2;
            }
            return;
        }
        while let Some(i) = self.candidate(b, from) {
            if self.at(text, i, f) {
                return;
            }
            from = i + 1;
        }
    }

    /// The matches at position `i` of `text`, in pattern order, until `f` returns true.
    #[inline]
    fn at(&self, text: &str, i: usize, f: &mut dyn FnMut(usize, usize, usize) -> bool) -> bool {
        let b = text.as_bytes();
        // inside a word nothing starts (a pattern starting with a word byte needs a
        // boundary before it; one starting with another byte cannot start on a word byte)
        if i > 0 && is_word_byte(b[i - 1]) && is_word_byte(b[i]) {
            return false;
        }
        let k = bucket(b[i], b[i + 1]);
        let (lo, hi) = (self.start[k] as usize, self.start[k + 1] as usize);
        let word = eight(&b[i..]);
        for &pi in &self.order[lo..hi] {
            let (hv, hm) = self.head[pi as usize];
            if word & hm != hv {
                continue;
            }
            let (from, to) = self.spans[pi as usize];
            let p = &self.pieces[from as usize..to as usize];
            let first = p[0];
            if first.len() > 8 && !b[i..].starts_with(first.as_bytes()) {
                continue;
            }
            let fb = first.as_bytes();
            let e = i + fb.len();
            if is_word_byte(fb[fb.len() - 1]) && e < b.len() && is_word_byte(b[e]) {
                continue;
            }
            if let Some(end) = rest_match(text, e, &p[1..]) {
                if f(pi as usize, i, end) {
                    return true;
                }
            }
        }
        false
    }

    /// Whether any pattern matches.
    pub fn any(&self, text: &str) -> bool {
        self.find_map(text, |_, _, _| Some(())).is_some()
    }
}

/// A matcher over labelled patterns: which labels occur in a text. Built once per table
/// (see [`tagged!`]).
pub struct Tagged {
    matcher: Matcher,
    tags: Vec<&'static str>,
}

impl Tagged {
    pub fn new(table: &[(&'static str, &[&'static str])]) -> Tagged {
        let mut pats = Vec::new();
        let mut tags = Vec::new();
        for (tag, ps) in table {
            for p in *ps {
                pats.push(*p);
                tags.push(*tag);
            }
        }
        Tagged { matcher: Matcher::new(&pats), tags }
    }

    /// Labels found in lower-case `text`, in table order, without repeats.
    pub fn tags(&self, text: &str) -> Vec<&'static str> {
        let mut hit = vec![false; self.tags.len()];
        self.matcher.each(text, |i, _, _| hit[i] = true);
        let mut out: Vec<&'static str> = Vec::new();
        for (i, h) in hit.into_iter().enumerate() {
            if h && !out.contains(&self.tags[i]) {
                out.push(self.tags[i]);
            }
        }
        out
    }

    /// Whether any pattern occurs in lower-case `text`.
    pub fn any(&self, text: &str) -> bool {
        self.matcher.any(text)
    }

    /// The first value `f(start)` gives over the matches in lower-case `text`, in text order.
    pub fn find_map<T>(&self, text: &str, mut f: impl FnMut(usize) -> Option<T>) -> Option<T> {
        self.matcher.find_map(text, |_, s, _| f(s))
    }
}

/// A lazily built static [`Tagged`] matcher: `tagged!(TABLE)` for a `&[(&str, &[&str])]`
/// table, `tagged!(plain LIST)` for a `&[&str]` list (a table of one, untagged, entry).
#[macro_export]
macro_rules! tagged {
    (plain $list:expr) => {
        $crate::tagged!(&[("", $list)])
    };
    ($table:expr) => {{
        static M: std::sync::OnceLock<$crate::matcher::Tagged> = std::sync::OnceLock::new();
        $crate::matcher::Tagged::once(&M, $table)
    }};
}

impl Tagged {
    /// The matcher in `cell`, built from `table` on first use (one copy of the lazy set-up
    /// for every table in the wasm module).
    pub fn once(cell: &'static std::sync::OnceLock<Tagged>, table: &'static [(&'static str, &'static [&'static str])]) -> &'static Tagged {
        cell.get_or_init(|| Tagged::new(table))
    }
}

/// Matches one pattern (with `*` gaps) against lower-case text: the span of the first match.
pub fn glob_find(text: &str, pattern: &str) -> Option<(usize, usize)> {
    let mut parts = pattern.split('*').map(str::trim).filter(|p| !p.is_empty());
    let first = parts.next()?;
    let rest: Vec<&str> = parts.collect();
    let mut from = 0;
    while let Some((s, e)) = find_word(text, first, from) {
        if let Some(end) = rest_match(text, e, &rest) {
            return Some((s, end));
        }
        from = s + text[s..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_all_patterns_with_boundaries_and_gaps() {
        let m = Matcher::new(&["user unknown", "recipient * not found", "uce", "用户不存在"]);
        let mut got = Vec::new();
        m.each("550 recipient address not found; user unknown; reduce; 用户不存在", |p, s, _| got.push((p, s)));
        let ids: Vec<usize> = got.iter().map(|x| x.0).collect();
        assert_eq!(ids, [1, 0, 3]);
        assert!(!m.any("nothing here"));
        assert!(!m.any("recipient\nnot found"));
    }

    /// Every match a plain scan finds (each position, each pattern in table order), for a
    /// table with short and long first pieces, gaps and non-ASCII text, and for one whose
    /// first pieces are all four bytes or more (tested at every other position).
    #[test]
    fn the_filter_passes_every_match() {
        let texts = [
            "", "a", "ab", "abc", "abcd", "xab", "ab abc abcd abcde", "550 recipient address not found; user unknown; reduce; 用户不存在",
            "(postfix) -- x é ü mail email mail. uce", "\nab\nabc\n", "mailmail mail", "-- x-- x", "é ü", "aé ü é", "uce", " uce", "uc",
            "xmail", "xxmail", "mai", " abcd", "  abcd", "x(postfix)", "xx(postfix)",
        ];
        let short = ["user unknown", "recipient * not found", "uce", "ab", "abc", "abcd", "(postfix)", "-- x", "用户不存在", "é*ü", "mail", "x"];
        let long = ["user unknown", "recipient * not found", "abcd", "(postfix)", "-- x", "用户不存在", "é ü", "mail", "x"];
        assert!(!Matcher::new(&short).pairs && Matcher::new(&long).pairs);
        for pats in [&short[..], &long[..]] {
            let m = Matcher::new(pats);
            for t in texts {
                let mut got = Vec::new();
                m.each(t, |p, s, e| got.push((p, s, e)));
                let mut want = Vec::new();
                let b = t.as_bytes();
                for i in 0..b.len() {
                    for (pi, p) in pats.iter().enumerate() {
                        let mut pieces = p.split('*').map(str::trim).filter(|x| !x.is_empty());
                        let first = pieces.next().unwrap();
                        let rest: Vec<&str> = pieces.collect();
                        if first.len() < 2 || !b[i..].starts_with(first.as_bytes()) {
                            continue;
                        }
                        let e = i + first.len();
                        let fb = first.as_bytes();
                        if is_word_byte(fb[0]) && i > 0 && is_word_byte(b[i - 1]) || is_word_byte(fb[fb.len() - 1]) && e < b.len() && is_word_byte(b[e]) {
                            continue;
                        }
                        if let Some(end) = rest_match(t, e, &rest) {
                            want.push((pi, i, end));
                        }
                    }
                }
                assert_eq!(got, want, "{t:?}");
            }
        }
    }

    #[test]
    fn glob() {
        assert!(glob_find("recipient address not found", "recipient * not found").is_some());
        assert!(glob_find("we reduce noise", "uce").is_none());
        assert!(glob_find("550 uce rejected", "uce").is_some());
        assert!(glob_find("domain x\ndoes not exist", "domain * does not exist").is_none());
    }
}

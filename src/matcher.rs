//! One-pass matching of many lower-case phrases (with `*` gaps) against a text: patterns
//! are bucketed by a hash of their first two bytes, so each text position looks at only the
//! few patterns that could start there. Linear in the text for a fixed table.

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
    /// First four bytes of each pattern's first piece (zero-padded) and a mask of the
    /// bytes that count, for a quick reject before comparing whole pieces.
    head: Vec<(u32, u32)>,
    /// Per byte value after a word byte (`256 +` the byte) or after another byte (the byte):
    /// [`WORD_BYTE`] when it is a word byte, [`STARTS`] when a pattern may start there: some
    /// pattern starts with it and it does not continue a word (a pattern starting with a word
    /// byte needs a boundary before it; one starting with another byte cannot start on a
    /// word byte). Other positions need no look-up in the index.
    step: [u8; 512],
}

const WORD_BYTE: u8 = 1;
const STARTS: u8 = 2;

/// Buckets of the CSR index: a small table (16 KB) is quick to build and stays in cache.
const BUCKETS: usize = 4096;

/// The bucket of a pattern starting with bytes `a`, `b`: 12 bits from both (lower-case
/// letter pairs rarely share one).
fn bucket(a: u8, b: u8) -> usize {
    ((a as usize) << 4 ^ b as usize) & (BUCKETS - 1)
}

fn head_of(b: &[u8]) -> (u32, u32) {
    let mut v = [0u8; 4];
    let mut m = [0u8; 4];
    for (i, &c) in b.iter().take(4).enumerate() {
        v[i] = c;
        m[i] = 0xff;
    }
    (u32::from_le_bytes(v), u32::from_le_bytes(m))
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
        let head = patterns.iter().map(|p| head_of(p.first().map_or(&b""[..], |f| f.as_bytes()))).collect();
        let mut starts = [false; 256];
        for p in &patterns {
            if let Some(f) = p.first().filter(|f| f.len() >= 2) {
                starts[f.as_bytes()[0] as usize] = true;
            }
        }
        let mut step = [0u8; 512];
        for (i, k) in step.iter_mut().enumerate() {
            let (after_word, c) = (i >= 256, i % 256);
            if WORD[c] {
                *k |= WORD_BYTE;
            }
            if starts[c] && !(after_word && WORD[c]) {
                *k |= STARTS;
            }
        }
        drop(patterns);
        Matcher { pieces, spans, start, order, head, step }
    }

    /// Calls `f(pattern index, start, end)` for every match in lower-case `text`, in text
    /// order (several patterns may match at one position).
    pub fn each(&self, text: &str, mut f: impl FnMut(usize, usize, usize)) {
        self.find_map(text, |p, s, e| {
            f(p, s, e);
            None::<()>
        });
    }

    /// Like [`Matcher::each`], stopping at the first match for which `f` gives a value.
    pub fn find_map<T>(&self, text: &str, mut f: impl FnMut(usize, usize, usize) -> Option<T>) -> Option<T> {
        let b = text.as_bytes();
        if b.len() < 2 {
            return None;
        }
        // (256 after a word byte, else 0: the half of `step` to look in)
        let mut after = 0;
        for i in 0..b.len() - 1 {
            // inside a word nothing starts (one look-up and one test per byte)
            let s = self.step[(after | b[i] as usize) & 511];
            after = ((s & WORD_BYTE) as usize) << 8;
            if s & STARTS == 0 {
                continue;
            }
            let k = bucket(b[i], b[i + 1]);
            let (lo, hi) = (self.start[k] as usize, self.start[k + 1] as usize);
            if lo == hi {
                continue;
            }
            let mut w = [0u8; 4];
            let n = (b.len() - i).min(4);
            w[..n].copy_from_slice(&b[i..i + n]);
            let word = u32::from_le_bytes(w);
            for &pi in &self.order[lo..hi] {
                let (hv, hm) = self.head[pi as usize];
                if word & hm != hv {
                    continue;
                }
                let (from, to) = self.spans[pi as usize];
                let p = &self.pieces[from as usize..to as usize];
                let first = p[0];
                if first.len() > 4 && !b[i..].starts_with(first.as_bytes()) {
                    continue;
                }
                let fb = first.as_bytes();
                let e = i + fb.len();
                if is_word_byte(fb[fb.len() - 1]) && e < b.len() && is_word_byte(b[e]) {
                    continue;
                }
                if let Some(end) = rest_match(text, e, &p[1..]) {
                    if let Some(v) = f(pi as usize, i, end) {
                        return Some(v);
                    }
                }
            }
        }
        None
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

    /// From a flat list of patterns, all with the same (empty) tag.
    pub fn plain(patterns: &[&'static str]) -> Tagged {
        Tagged { matcher: Matcher::new(patterns), tags: vec![""; patterns.len()] }
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
/// table, `tagged!(plain LIST)` for a `&[&str]` list.
#[macro_export]
macro_rules! tagged {
    (plain $list:expr) => {{
        static M: std::sync::OnceLock<$crate::matcher::Tagged> = std::sync::OnceLock::new();
        M.get_or_init(|| $crate::matcher::Tagged::plain($list))
    }};
    ($table:expr) => {{
        static M: std::sync::OnceLock<$crate::matcher::Tagged> = std::sync::OnceLock::new();
        M.get_or_init(|| $crate::matcher::Tagged::new($table))
    }};
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

    #[test]
    fn glob() {
        assert!(glob_find("recipient address not found", "recipient * not found").is_some());
        assert!(glob_find("we reduce noise", "uce").is_none());
        assert!(glob_find("550 uce rejected", "uce").is_some());
        assert!(glob_find("domain x\ndoes not exist", "domain * does not exist").is_none());
    }
}

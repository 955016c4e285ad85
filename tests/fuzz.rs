//! Mutation fuzzing over the fixtures: random truncations, byte flips, insertions of
//! multi-byte characters, boundaries and colons. Whatever the input, `diagnose` returns
//! (a report or an InputError) and never panics. Deterministic (fixed seed), so a failure
//! reproduces; the failing input is written to the target directory.

use std::path::{Path, PathBuf};

fn fixtures(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            fixtures(&p, out);
        } else if p.extension().is_some_and(|x| x == "eml" || x == "txt") {
            out.push(p);
        }
    }
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SPICE: &[&[u8]] = &[
    "あ".as_bytes(), "é".as_bytes(), b"\r\n", b"\n\n", b"--", b": ", b"550-5.7.1 ", b"=?utf-8?B?", b"\xff\xfe",
    b"Content-Type: multipart/mixed; boundary=x\r\n", b"Final-Recipient: rfc822; ", b"<", b">", b"@",
];

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..=rng.below(6) {
        if v.is_empty() {
            v.extend_from_slice(SPICE[rng.below(SPICE.len())]);
            continue;
        }
        let i = rng.below(v.len());
        match rng.below(5) {
            0 => v.truncate(i),
            1 => v[i] = rng.next() as u8,
            2 => {
                let s = SPICE[rng.below(SPICE.len())];
                v.splice(i..i, s.iter().copied());
            }
            3 => {
                v.remove(i);
            }
            _ => {
                let end = (i + 1 + rng.below(64)).min(v.len());
                let chunk = v[i..end].to_vec();
                v.splice(i..i, chunk);
            }
        }
    }
    v
}

#[test]
fn mutated_fixtures_never_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = Vec::new();
    fixtures(&root, &mut files);
    files.sort();
    assert!(files.len() > 50, "fixtures not found under {}", root.display());
    let mut rng = Rng(0x5EED_B0B0_CAFE_F00D);
    let mut cases = 0;
    for f in &files {
        let input = std::fs::read(f).unwrap();
        for _ in 0..40 {
            let m = mutate(&mut rng, &input);
            let outcome = std::panic::catch_unwind(|| bounce_doctor::diagnose(&m).map(|r| r.results.len()));
            if outcome.is_err() {
                let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-crash.eml");
                std::fs::write(&out, &m).unwrap();
                panic!("diagnose panicked on a mutation of {} (saved as {})", f.display(), out.display());
            }
            cases += 1;
        }
    }
    assert!(cases > 2000);
}

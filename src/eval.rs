//! Accuracy against a labelled corpus in sisimai's layout: `DIR/emails/*.eml` and
//! `DIR/expected.tsv` (file, n, status, replycode, reason, hardbounce, ...). Rows pair by
//! (file, n); a file with fewer results misses the rest. Also measures paste mode: each
//! email given as only its visible text.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// One expected row.
#[derive(Debug, Clone, PartialEq)]
pub struct Expected {
    pub file: String,
    pub n: usize,
    pub status: String,
    pub reply: String,
    pub reason: String,
    pub hard: String,
}

/// What we predicted for one row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Predicted {
    pub status: String,
    pub reply: String,
    pub reason: String,
    pub hard: String,
}

pub fn read_expected(tsv: &str) -> Result<Vec<Expected>, String> {
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines.next().ok_or("expected.tsv is empty")?.split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).ok_or(format!("expected.tsv has no '{name}' column"));
    let (f, n, s, r, re, h) = (col("file")?, col("n")?, col("status")?, col("replycode")?, col("reason")?, col("hardbounce")?);
    let mut out = Vec::new();
    for (i, l) in lines.enumerate() {
        if l.trim().is_empty() {
            continue;
        }
        let c: Vec<&str> = l.split('\t').collect();
        let get = |k: usize| c.get(k).copied().unwrap_or("").to_string();
        out.push(Expected {
            file: get(f),
            n: get(n).parse().map_err(|_| format!("expected.tsv line {}: bad n", i + 2))?,
            status: get(s),
            reply: get(r),
            reason: get(re),
            hard: get(h),
        });
    }
    Ok(out)
}

/// The rows the core gives for one email.
pub fn predict(raw: &[u8]) -> Vec<Predicted> {
    match crate::diagnose(raw) {
        Ok(rep) => rep
            .results
            .iter()
            .map(|d| Predicted {
                status: d.status.clone().unwrap_or_default(),
                reply: d.reply_code.map(|c| c.to_string()).unwrap_or_default(),
                reason: d.reason.clone(),
                hard: if d.hard_bounce { "1".into() } else { "0".into() },
            })
            .collect(),
        Err(_) => vec![],
    }
}

/// Agreement figures.
#[derive(Debug, Default, Clone)]
pub struct Score {
    pub rows: usize,
    pub reason: usize,
    pub status: usize,
    pub reply: usize,
    pub hard: usize,
    pub paste_rows: usize,
    pub paste_reason: usize,
    /// per reason: (expected count, correct, predicted count)
    pub per_reason: BTreeMap<String, (usize, usize, usize)>,
    pub misses: Vec<String>,
    pub paste_misses: Vec<String>,
}

impl Score {
    pub fn pct(&self, n: usize) -> f64 {
        if self.rows == 0 { 0.0 } else { 100.0 * n as f64 / self.rows as f64 }
    }
    pub fn paste_pct(&self) -> f64 {
        if self.paste_rows == 0 { 0.0 } else { 100.0 * self.paste_reason as f64 / self.paste_rows as f64 }
    }
}

/// Scores predictions (email file name -> rows) against expected rows.
pub fn score(expected: &[Expected], predicted: &BTreeMap<String, Vec<Predicted>>, pasted: &BTreeMap<String, Vec<Predicted>>) -> Score {
    let mut s = Score { rows: expected.len(), ..Default::default() };
    for e in expected {
        let got = predicted.get(&e.file).and_then(|v| v.get(e.n - 1));
        let entry = s.per_reason.entry(e.reason.clone()).or_default();
        entry.0 += 1;
        match got {
            Some(g) => {
                if g.reason == e.reason {
                    s.reason += 1;
                    entry.1 += 1;
                } else {
                    s.misses.push(format!("{} n={}: expected {} got {} (status {} -> {}, reply {} -> {})", e.file, e.n, e.reason, g.reason, e.status, g.status, e.reply, g.reply));
                }
                s.status += usize::from(g.status == e.status);
                s.reply += usize::from(g.reply == e.reply);
                s.hard += usize::from(g.hard == e.hard);
            }
            None => s.misses.push(format!("{} n={}: expected {} got no result", e.file, e.n, e.reason)),
        }
        if let Some(p) = pasted.get(&e.file) {
            s.paste_rows += 1;
            match p.get(e.n - 1) {
                Some(g) if g.reason == e.reason => s.paste_reason += 1,
                other => s.paste_misses.push(format!("{} n={}: expected {} got {}", e.file, e.n, e.reason, other.map_or("no result", |g| g.reason.as_str()))),
            }
        }
    }
    for rows in predicted.iter().filter(|(f, _)| expected.iter().any(|e| &e.file == *f)) {
        for (i, g) in rows.1.iter().enumerate() {
            if expected.iter().any(|e| &e.file == rows.0 && e.n == i + 1) {
                s.per_reason.entry(g.reason.clone()).or_default().2 += 1;
            }
        }
    }
    s
}

/// Runs the whole evaluation on a corpus directory and returns the report text and score.
pub fn run(dir: &Path) -> Result<(String, Score), String> {
    let tsv = std::fs::read_to_string(dir.join("expected.tsv")).map_err(|e| format!("{}: {e}", dir.join("expected.tsv").display()))?;
    let expected = read_expected(&tsv)?;
    let mut predicted = BTreeMap::new();
    let mut pasted = BTreeMap::new();
    let mut files: Vec<_> = std::fs::read_dir(dir.join("emails")).map_err(|e| format!("{}: {e}", dir.join("emails").display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .collect();
    files.sort();
    for p in &files {
        let raw = std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?;
        let name = p.file_name().unwrap_or_default().to_string_lossy().to_string();
        // an mbox's messages give their rows in order, as the CLI prints them; pasted, each
        // message's visible text on its own, as a person would paste it
        let raw = crate::text::lone_cr_as_lf(&raw).unwrap_or(raw);
        let messages = crate::mbox::split(&raw).unwrap_or_else(|| vec![&raw[..]]);
        predicted.insert(name.clone(), messages.iter().flat_map(|m| predict(m)).collect());
        pasted.insert(name, messages.iter().flat_map(|m| predict(crate::email::visible_text(m).as_bytes())).collect());
    }
    let s = score(&expected, &predicted, &pasted);
    let mut out = String::new();
    let _ = writeln!(out, "corpus: {} ({} emails, {} labelled rows)", dir.display(), files.len(), s.rows);
    let _ = writeln!(out, "\nper reason          expected  correct  recall  precision");
    let mut reasons: Vec<_> = s.per_reason.iter().collect();
    reasons.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    for (r, (n, ok, pred)) in reasons {
        let recall = if *n > 0 { format!("{:5.1}%", 100.0 * *ok as f64 / *n as f64) } else { "    -".into() };
        let precision = if *pred > 0 { format!("{:5.1}%", 100.0 * *ok as f64 / *pred as f64) } else { "    -".into() };
        let _ = writeln!(out, "  {r:16} {n:8} {ok:8}  {recall}  {precision}");
    }
    let _ = writeln!(out, "\nmisses ({}):", s.misses.len());
    for m in &s.misses {
        let _ = writeln!(out, "  {m}");
    }
    let _ = writeln!(out, "\npaste-mode misses ({}):", s.paste_misses.len());
    for m in &s.paste_misses {
        let _ = writeln!(out, "  {m}");
    }
    let _ = writeln!(
        out,
        "\nrows {}; reason {:.1}% status {:.1}% reply {:.1}% hard {:.1}%; paste-mode reason {:.1}% ({} rows)",
        s.rows, s.pct(s.reason), s.pct(s.status), s.pct(s.reply), s.pct(s.hard), s.paste_pct(), s.paste_rows
    );
    Ok((out, s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scoring_pairs_rows_by_file_and_n() {
        let exp = read_expected("file\tn\tstatus\treplycode\treason\thardbounce\tsource\na.eml\t1\t5.1.1\t550\tuserunknown\t1\tgo\na.eml\t2\t5.2.2\t552\tmailboxfull\t0\tgo\n").unwrap();
        let mut pred = BTreeMap::new();
        pred.insert("a.eml".to_string(), vec![Predicted { status: "5.1.1".into(), reply: "550".into(), reason: "userunknown".into(), hard: "1".into() }]);
        let s = score(&exp, &pred, &BTreeMap::new());
        assert_eq!((s.rows, s.reason, s.status, s.reply, s.hard), (2, 1, 1, 1, 1));
        assert_eq!(s.misses.len(), 1);
        assert_eq!(s.per_reason["mailboxfull"], (1, 0, 0));
        assert_eq!(s.per_reason["userunknown"], (1, 1, 1));
    }

    #[test]
    fn bad_tsv_is_an_error() {
        assert!(read_expected("").is_err());
        assert!(read_expected("file\tn\n").is_err());
    }
}

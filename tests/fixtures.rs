//! Data-driven tests: every input under `tests/fixtures/<group>/` (`.eml` or `.txt`) has a
//! `.expect` file beside it with lines naming what the diagnosis must say:
//!
//! ```text
//! # comment
//! kind = bounce                 the report's field (top level)
//! results = 1                   number of results
//! original.subject = Invoice    a nested field
//! 1.reason = userunknown        field of the first result
//! 1.provider = google           an object compares by its `id`
//! 1.flags ~ spf                 `~`: the list has this element, or the text contains this
//! ```
//!
//! Values compare as text: strings as they are, numbers and booleans as written in JSON,
//! `null` for a missing value. A key the schema does not have is an error. All mismatches of
//! all fixtures are reported together in one failure.

use bounce_doctor::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Every fixture input (a `.eml` or `.txt` with an `.expect` beside it), sorted. Inputs
/// without an `.expect` and `.expect` files without an input are errors.
fn fixture_inputs(problems: &mut Vec<String>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![fixtures_dir()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("read fixtures dir").flatten() {
            let p = e.path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if p.is_dir() {
                // the eval corpus (tests/cli.rs) has its own layout
                if name != "corpus" {
                    stack.push(p);
                }
            } else if matches!(p.extension().and_then(|x| x.to_str()), Some("eml" | "txt")) {
                if p.with_extension("expect").exists() {
                    out.push(p);
                } else {
                    problems.push(format!("{}: no .expect beside it", rel(&p)));
                }
            } else if p.extension().is_some_and(|x| x == "expect")
                && !p.with_extension("eml").exists()
                && !p.with_extension("txt").exists()
            {
                problems.push(format!("{}: no .eml or .txt input beside it", rel(&p)));
            }
        }
    }
    out.sort();
    out
}

fn rel(p: &Path) -> String {
    p.strip_prefix(fixtures_dir()).unwrap_or(p).display().to_string()
}

/// One line of an `.expect` file.
struct Expectation {
    line: usize,
    key: String,
    contains: bool,
    value: String,
}

fn parse_expect(text: &str) -> Result<Vec<Expectation>, String> {
    let mut out = Vec::new();
    for (i, l) in text.lines().enumerate() {
        let l = l.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        // the first '=' or '~' separates key and value
        let Some(p) = l.find(['=', '~']) else { return Err(format!("line {}: no '=' or '~': {l}", i + 1)) };
        let key = l[..p].trim().to_string();
        if key.is_empty() {
            return Err(format!("line {}: empty key", i + 1));
        }
        out.push(Expectation { line: i + 1, key, contains: &l[p..p + 1] == "~", value: l[p + 1..].trim().to_string() });
    }
    if out.is_empty() {
        return Err("no expectations".into());
    }
    Ok(out)
}

/// A report with every optional field present: the shape of the JSON schema, for telling
/// a misspelt key from a field that is null in one report. Built from the model's own
/// types, so a field added or renamed there is known here too.
fn schema_template() -> Value {
    let s = || Some(String::new());
    let d = Diagnosis {
        recipient: s(),
        action: s(),
        reply_code: Some(550),
        reply_code_meaning: s(),
        status: s(),
        status_meaning: s(),
        status_source: s(),
        reason: String::new(),
        reason_label: String::new(),
        hard_bounce: false,
        permanent: Some(true),
        retry: Retry { will_retry: Some(false), text: String::new() },
        who_must_act: Actor::Sender,
        who_must_act_label: String::new(),
        summary: String::new(),
        explanation: String::new(),
        fix_steps: vec![],
        admin_detail: vec![],
        links: vec![],
        flags: vec![],
        auth: Some(AuthDetail { spf: s(), dkim: s(), dmarc: s(), arc: s(), detail: s() }),
        blocklist: Some(BlocklistHit { id: String::new(), name: String::new(), delist_url: String::new(), query_refused: false, listed: s() }),
        provider: Some(ProviderInfo { id: String::new(), name: String::new(), code: s(), code_meaning: s(), docs_url: s() }),
        command: s(),
        remote_mta: s(),
        diagnostic_text: s(),
        evidence: vec![],
        confidence: 0.0,
    };
    let r = Report {
        schema: String::new(),
        source: s(),
        kind: InputKind::Bounce,
        kind_label: String::new(),
        format: s(),
        summary: String::new(),
        reporting_mta: s(),
        remote_mta: s(),
        bounce_subject: s(),
        bounce_from: s(),
        original: Some(OriginalMessage { subject: s(), message_id: s(), date: s(), from: s(), to: s() }),
        results: vec![d],
        notes: vec![],
    };
    serde_json::to_value(r).unwrap()
}

/// Splits "1.provider.code" into the JSON path it names: ["results", "0", "provider", "code"].
/// "results" alone is the number of results.
fn json_path(key: &str) -> Result<Vec<String>, String> {
    let mut parts: Vec<String> = key.split('.').map(str::to_string).collect();
    if let Ok(n) = parts[0].parse::<usize>() {
        if n == 0 {
            return Err("results are numbered from 1".into());
        }
        parts[0] = (n - 1).to_string();
        parts.insert(0, "results".into());
    }
    Ok(parts)
}

/// Checks that `path` names a field of the schema (array indexes taken as the template's first).
fn known_key(template: &Value, path: &[String]) -> bool {
    let mut v = template;
    for (i, p) in path.iter().enumerate() {
        v = match v {
            Value::Object(m) => match m.get(p) {
                Some(x) => x,
                None => return false,
            },
            Value::Array(a) if p.parse::<usize>().is_ok() => match a.first() {
                Some(x) => x,
                None => return false,
            },
            // a list of strings or numbers ends the path
            _ => return i == path.len(),
        };
    }
    true
}

fn lookup<'a>(v: &'a Value, path: &[String]) -> Option<&'a Value> {
    let mut v = v;
    for p in path {
        v = match v {
            Value::Object(m) => m.get(p)?,
            Value::Array(a) => a.get(p.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(v)
}

/// A value as it is compared: strings as they are, an object by its `id`.
fn as_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "null".into(),
        Value::Object(m) => m.get("id").map(as_text).unwrap_or_else(|| v.to_string()),
        _ => v.to_string(),
    }
}

/// Mismatches of one fixture, each "file: key: expected X, got Y".
fn check_fixture(input: &Path, template: &Value) -> Vec<String> {
    let name = rel(input);
    let expect_text = std::fs::read_to_string(input.with_extension("expect")).unwrap_or_default();
    let exps = match parse_expect(&expect_text) {
        Ok(e) => e,
        Err(e) => return vec![format!("{name}.expect: {e}")],
    };
    let bytes = std::fs::read(input).expect("read fixture");
    let report = match diagnose(&bytes) {
        Ok(r) => serde_json::to_value(&r).unwrap(),
        Err(e) => return vec![format!("{name}: diagnose failed: {e}")],
    };
    let mut out = Vec::new();
    for e in &exps {
        let at = format!("{name}:{} {}", e.line, e.key);
        if e.key == "results" {
            let n = report["results"].as_array().map_or(0, Vec::len);
            if e.contains || e.value != n.to_string() {
                out.push(format!("{at}: expected {}, got {n}", e.value));
            }
            continue;
        }
        let path = match json_path(&e.key) {
            Ok(p) => p,
            Err(msg) => {
                out.push(format!("{at}: {msg}"));
                continue;
            }
        };
        if !known_key(template, &path) {
            out.push(format!("{at}: unknown key (not in the JSON schema)"));
            continue;
        }
        let got = lookup(&report, &path);
        let ok = match (got, e.contains) {
            (None, _) => false,
            (Some(Value::Array(a)), true) => a.iter().any(|x| as_text(x) == e.value),
            (Some(v), true) => as_text(v).contains(&e.value),
            (Some(v), false) => as_text(v) == e.value,
        };
        if !ok {
            let shown = match got {
                None => "no such result".to_string(),
                Some(v @ Value::Array(_)) => v.to_string(),
                Some(v) => as_text(v),
            };
            let op = if e.contains { "containing " } else { "" };
            out.push(format!("{at}: expected {op}{:?}, got {:?}", e.value, shown));
        }
    }
    out.extend(check_evidence_spans(&name, &bytes, &report));
    out
}

/// Every evidence span of a UTF-8 input points at its text: the bytes at `start` begin
/// with it (the first 60 characters where the core located a folded line by them; white
/// space compared loosely, as folded lines are unfolded), and `line` is the line those
/// bytes are on.
fn check_evidence_spans(name: &str, bytes: &[u8], report: &Value) -> Vec<String> {
    let Ok(input) = std::str::from_utf8(bytes) else { return vec![] };
    let mut out = Vec::new();
    for (i, r) in report["results"].as_array().into_iter().flatten().enumerate() {
        for ev in r["evidence"].as_array().into_iter().flatten() {
            let text = ev["text"].as_str().unwrap_or("");
            let (Some(start), Some(end)) = (ev["start"].as_u64(), ev["end"].as_u64()) else { continue };
            let (start, end) = (start as usize, end as usize);
            let at = format!("{name}: {}.evidence {text:?}", i + 1);
            let Some(span) = input.get(start..end) else {
                out.push(format!("{at}: span {start}..{end} is not inside the input"));
                continue;
            };
            // the text may be unfolded and its spaces squeezed: compare word by word
            let probe = words(&text.chars().take(60).collect::<String>());
            if !words(span).starts_with(&probe) {
                out.push(format!("{at}: span {start}..{end} reads {span:?}"));
            }
            let line = 1 + line_breaks(&input[..start]);
            if ev["line"].as_u64() != Some(line as u64) {
                out.push(format!("{at}: line is {}, the text is on line {line}", ev["line"]));
            }
        }
    }
    out
}

/// `s` with each run of white space (line breaks of folded lines included) as one space.
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Line breaks in `s`: LF, CRLF and a lone CR each end a line.
fn line_breaks(s: &str) -> usize {
    let b = s.as_bytes();
    (0..b.len()).filter(|&i| b[i] == b'\n' || b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')).count()
}

#[test]
fn fixtures_match_their_expectations() {
    let template = schema_template();
    let mut problems = Vec::new();
    let inputs = fixture_inputs(&mut problems);
    assert!(inputs.len() >= 80, "only {} fixtures found under {}", inputs.len(), fixtures_dir().display());
    for input in &inputs {
        problems.extend(check_fixture(input, &template));
    }
    assert!(problems.is_empty(), "{} problems in {} fixtures:\n{}", problems.len(), inputs.len(), problems.join("\n"));
}

/// sisimai's reasons (../shared/corpus/README.md) that the fixtures must each show at least once.
const REASONS: &[&str] = &[
    "userunknown", "hostunknown", "hasmoved", "notaccept", "mailboxfull", "exceedlimit", "mesgtoobig",
    "suspend", "filtered", "rejected", "blocked", "requireptr", "badreputation", "authfailure",
    "spamdetected", "virusdetected", "policyviolation", "contenterror", "notcompliantrfc", "norelaying",
    "securityerror", "failedstarttls", "speeding", "toomanyconn", "syntaxerror", "networkerror",
    "systemerror", "systemfull", "mailererror", "expired", "delivered", "feedback", "vacation", "onhold",
];

#[test]
fn fixtures_cover_every_reason_and_input_kind() {
    let mut problems = Vec::new();
    let mut reasons = std::collections::BTreeSet::new();
    let mut kinds = std::collections::BTreeSet::new();
    for input in fixture_inputs(&mut problems) {
        let text = std::fs::read_to_string(input.with_extension("expect")).unwrap();
        for e in parse_expect(&text).unwrap_or_default() {
            if e.key.ends_with(".reason") && !e.contains {
                reasons.insert(e.value);
            } else if e.key == "kind" {
                kinds.insert(e.value);
            }
        }
    }
    let missing: Vec<&&str> = REASONS.iter().filter(|r| !reasons.contains(**r)).collect();
    assert!(missing.is_empty(), "no fixture expects these reasons: {missing:?}");
    let all_kinds = [
        InputKind::Bounce, InputKind::PastedBounce, InputKind::SmtpReply, InputKind::LogLine, InputKind::DeliveryReport,
        InputKind::AutoReply, InputKind::FeedbackReport, InputKind::NotABounce, InputKind::Empty,
    ];
    for k in all_kinds {
        let name = serde_json::to_value(k).unwrap().as_str().unwrap().to_string();
        assert!(kinds.contains(&name), "no fixture expects kind {name}");
    }
}

#[test]
fn expect_keys_are_checked_against_the_schema() {
    let t = schema_template();
    let known = |k: &str| known_key(&t, &json_path(k).unwrap());
    assert!(known("kind") && known("original.subject") && known("1.provider") && known("1.provider.code"));
    assert!(known("2.auth.spf") && known("1.flags") && known("1.retry.will_retry") && known("1.blocklist.query_refused"));
    assert!(!known("1.reasons") && !known("original.subjet") && !known("1.provider.token") && !known("kinds"));
    assert!(!known("1.flags.x") && !known("1.reason.x"));
    assert!(json_path("0.reason").is_err());
    assert!(parse_expect("kind bounce").is_err());
    assert!(parse_expect("# only a comment").is_err());
    let e = parse_expect("1.flags ~ spf\n1.status = 5.1.1").unwrap();
    assert!(e[0].contains && e[0].value == "spf" && !e[1].contains && e[1].key == "1.status");
}

#[test]
fn the_runner_reports_every_mismatch() {
    // a fixture written to be wrong in four ways: each is reported, with file and line
    let dir = std::env::temp_dir().join(format!("bounce-doctor-runner-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("wrong.txt");
    std::fs::write(&input, "550 5.1.1 <a@example.net>: User unknown\n").unwrap();
    std::fs::write(
        dir.join("wrong.expect"),
        "kind = smtp_reply\n1.reason = mailboxfull\n1.resaon = userunknown\n1.flags ~ quota\nresults = 2\n2.reason = userunknown\n1.status = 5.1.1\n",
    )
    .unwrap();
    let problems = check_fixture(&input, &schema_template());
    let _ = std::fs::remove_dir_all(&dir);
    let joined = problems.join("\n");
    assert_eq!(problems.len(), 5, "{joined}");
    assert!(problems[0].contains("wrong.txt:2 1.reason") && problems[0].contains("\"mailboxfull\", got \"userunknown\""), "{joined}");
    assert!(problems[1].contains(":3 1.resaon: unknown key"), "{joined}");
    assert!(problems[2].contains(":4 1.flags: expected containing \"quota\""), "{joined}");
    assert!(problems[3].contains(":5 results: expected 2, got 1"), "{joined}");
    assert!(problems[4].contains(":6 2.reason") && problems[4].contains("no such result"), "{joined}");
}

/// The diagnosis of a fixture, with the input as text.
fn fixture_report(rel_path: &str) -> (String, Report) {
    let bytes = std::fs::read(fixtures_dir().join(rel_path)).unwrap();
    let rep = diagnose(&bytes).unwrap();
    assert!(!rep.results.is_empty(), "{rel_path}: no results: {rep:#?}");
    (String::from_utf8(bytes).unwrap(), rep)
}

/// The evidence of result `n` (0-based) whose text contains `words`, with its span.
fn evidence_with<'a>(rep: &'a Report, n: usize, words: &str) -> (&'a Evidence, usize, usize) {
    let d = &rep.results[n];
    let ev = d.evidence.iter().find(|e| e.text.contains(words)).unwrap_or_else(|| panic!("no evidence with {words:?}: {:#?}", d.evidence));
    let (Some(start), Some(end)) = (ev.start, ev.end) else { panic!("evidence {:?} has no position in the input", ev.text) };
    (ev, start as usize, end as usize)
}

#[test]
fn evidence_points_at_the_text_in_the_input() {
    // the Status: field and the (unfolded) Diagnostic-Code of the first recipient of three
    let (input, rep) = fixture_report("mta/rfc3464-multi-recipients.eml");
    for words in ["Status: 5.1.1", "550 5.1.1 <alice@example.net>: Recipient address rejected"] {
        let (ev, start, end) = evidence_with(&rep, 0, words);
        assert_eq!(&input[start..end], ev.text, "span of {words:?}");
        let line = input[..start].matches('\n').count() + 1;
        assert_eq!(ev.line, Some(line as u32), "line of {words:?}");
        assert!(input.lines().nth(line - 1).unwrap().contains(words));
    }
    // the third recipient's evidence lies in its own part of the report
    let (_, start, _) = evidence_with(&rep, 2, "421 4.4.1 Connection timed out");
    assert!(input[..start].contains("Final-Recipient: rfc822; carol@example.com"));
}

#[test]
fn evidence_of_a_folded_field_is_located() {
    // Postfix folds the server's words over several lines (CRLF here); they are unfolded in
    // the evidence text and must still have a position: the span of all the folded lines,
    // so a UI can highlight them
    let (input, rep) = fixture_report("mta/postfix-userunknown.eml");
    let (ev, start, end) = evidence_with(&rep, 0, "Recipient address rejected: User unknown in virtual mailbox table");
    let span = &input[start..end];
    assert!(span.contains("\r\n"), "the span covers the folded lines: {span:?}");
    assert_eq!(words(span), words(&ev.text), "span reads {span:?}");
}

#[test]
fn evidence_of_each_recipient_is_in_its_own_part() {
    // two recipients refused with the same words: each one's evidence points at its own fields
    let (input, rep) = fixture_report("mta/rfc3464-same-status.eml");
    assert_eq!(rep.results.len(), 2);
    let (_, first, _) = evidence_with(&rep, 0, "Status: 5.2.2");
    let (_, second, _) = evidence_with(&rep, 1, "Status: 5.2.2");
    let second_part = input.find("Final-Recipient: rfc822; ben@example.net").unwrap();
    assert!(first < second_part, "first recipient's evidence at {first}, after the second's part at {second_part}");
    assert!(second > second_part, "second recipient's evidence at {second}, before its part at {second_part}");
}

#[test]
fn evidence_lines_count_cr_line_ends() {
    // CR-only line ends: the line number still counts lines
    let (input, rep) = fixture_report("encoding/cr-line-ends.eml");
    let ev = rep.results[0].evidence.iter().find(|e| e.start.is_some()).expect("located evidence");
    let start = ev.start.unwrap() as usize;
    assert!(words(&input[start..]).starts_with(&words(&ev.text.chars().take(60).collect::<String>())));
    assert_eq!(ev.line, Some(1 + line_breaks(&input[..start]) as u32), "line of {:?}", ev.text);
    assert!(ev.line.unwrap() > 10);
}

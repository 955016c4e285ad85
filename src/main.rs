//! bounce-doctor: explains email delivery failures.
//!
//! ```text
//! bounce-doctor [--json] [FILE|DIR|-]...    diagnose files, directories, mbox files or stdin
//! bounce-doctor eval [DIR] [--floors reason=92,status=95,reply=95,hard=95]
//! bounce-doctor bench [DIR]
//! ```
//! Exit codes: 0 all inputs diagnosed; 1 some input could not be read or was rejected
//! (binary, too large, I/O error); 2 usage error; 3 eval below a floor.

use bounce_doctor::{diagnose, eval, Report, MAX_INPUT};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// `println!` and `eprintln!` that ignore a closed output: `bounce-doctor eval | head` ends
/// quietly instead of panicking on the broken pipe (Rust ignores SIGPIPE, so the writes fail).
macro_rules! out {
    ($($t:tt)*) => {{
        let _ = writeln!(std::io::stdout().lock(), $($t)*);
    }};
}
macro_rules! err {
    ($($t:tt)*) => {{
        let _ = writeln!(std::io::stderr().lock(), $($t)*);
    }};
}

const USAGE: &str = "\
usage: bounce-doctor [--json] [--summary] [FILE|DIR|-]...
       bounce-doctor eval [CORPUS_DIR] [--floors reason=92,status=95,reply=95,hard=95]
       bounce-doctor bench [EMAILS_DIR] [--once]

Diagnoses bounce emails (.eml), mbox files, directories of them, pasted bounce text, SMTP
replies or MTA log lines. With no input, or '-', reads standard input.
  --json     one JSON object per input per line (schema: README, \"JSON schema\")
  --summary  instead of a report per input, totals by kind and reason, and the addresses
             that hard-bounced (to remove from a list); with --json, one JSON object
  -h, --help this text
Exit codes: 0 all inputs diagnosed, 1 some input unreadable or rejected, 2 usage error,
3 eval below a floor.";

// mimalloc instead of the system allocator for the command line: a diagnosis makes a few
// hundred small allocations, and the batch speed (`bench`) gains about 15% from it. (The
// wasm build keeps Rust's own allocator.)
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("eval") => cmd_eval(&args[1..]),
        Some("bench") => cmd_bench(&args[1..]),
        Some("debug") => {
            // developer aid: the records before classification
            for p in &args[1..] {
                for input in expand(p) {
                    if let Ok(d) = input.data {
                        out!("== {}", input.source);
                        for r in bounce_doctor::pipeline::records(&d) {
                            out!("{r:#?}");
                        }
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Some("-h") | Some("--help") => {
            out!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => cmd_diagnose(&args),
    }
}

fn usage_error(msg: &str) -> ExitCode {
    err!("bounce-doctor: {msg}\n{USAGE}");
    ExitCode::from(2)
}

/// One input to diagnose: its name and bytes (or why it could not be read).
struct Input {
    source: String,
    data: Result<Vec<u8>, String>,
}

fn cmd_diagnose(args: &[String]) -> ExitCode {
    let mut json = false;
    let mut summary: Option<Summary> = None;
    let mut paths = Vec::new();
    for a in args {
        match a.as_str() {
            "--json" => json = true,
            "--summary" => summary = Some(Summary::default()),
            "-" => paths.push(a.clone()),
            s if s.starts_with('-') => return usage_error(&format!("unknown option {s}")),
            _ => paths.push(a.clone()),
        }
    }
    if paths.is_empty() {
        paths.push("-".into());
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut written = Ok(());
    'inputs: for p in &paths {
        for input in expand(p) {
            let ok = match summary.as_mut() {
                Some(sum) => sum.add(input),
                None => match emit(&mut out, input, json) {
                    Ok(ok) => ok,
                    // (the rest would be read for nothing)
                    Err(e) => {
                        written = Err(e);
                        break 'inputs;
                    }
                },
            };
            failed |= !ok;
        }
    }
    if let (Some(sum), Ok(())) = (summary, &written) {
        written = write!(out, "{}", if json { sum.json() } else { sum.text() });
    }
    let written = written.and_then(|()| out.flush());
    match written {
        // the reader has gone, as `head` does once it has its lines: not an error
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        // (a full disk: the output is incomplete, which must not pass for success)
        Err(e) => {
            err!("bounce-doctor: cannot write the output: {e}");
            failed = true;
        }
        Ok(()) => {}
    }
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// Expands a command-line path into inputs: stdin, a file (an mbox becomes one input per
/// message), or every file under a directory (sorted, hidden files skipped).
fn expand(p: &str) -> Vec<Input> {
    if p == "-" {
        let mut buf = Vec::new();
        let data = std::io::stdin().take(MAX_INPUT as u64 + 1).read_to_end(&mut buf).map(|_| buf).map_err(|e| e.to_string());
        return split_mbox("-", data);
    }
    let path = Path::new(p);
    if path.is_dir() {
        let mut files = Vec::new();
        walk(path, &mut files);
        files.sort();
        return files.into_iter().flat_map(|f| split_mbox(&f.to_string_lossy(), read_file(&f))).collect();
    }
    split_mbox(p, read_file(path))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if e.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if p.is_dir() {
            walk(&p, out);
        } else if p.is_file() {
            out.push(p);
        }
    }
}

fn read_file(p: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(p).map_err(|e| e.to_string())?;
    if meta.len() > MAX_INPUT as u64 {
        return Err(format!("file is {} MB, larger than the {} MB limit", meta.len() >> 20, MAX_INPUT >> 20));
    }
    std::fs::read(p).map_err(|e| e.to_string())
}

/// An mbox becomes one input per message, named "path#N"; anything else is one input.
fn split_mbox(source: &str, data: Result<Vec<u8>, String>) -> Vec<Input> {
    let parts = match &data {
        Ok(bytes) => {
            // (an mbox with lone CR line ends splits as one with LF; read once, not again by
            // `diagnose`)
            if let Some(lf) = bounce_doctor::text::lone_cr_as_lf(bytes) {
                return split_mbox(source, Ok(lf));
            }
            bounce_doctor::mbox::split(bytes).map(|p| p.into_iter().map(<[u8]>::to_vec).collect::<Vec<_>>())
        }
        Err(_) => None,
    };
    match parts {
        None => vec![Input { source: source.into(), data }],
        Some(parts) => parts.into_iter().enumerate().map(|(n, m)| Input { source: format!("{source}#{}", n + 1), data: Ok(m) }).collect(),
    }
}

/// The report of one input, or why there is none.
fn report_of(data: Result<Vec<u8>, String>) -> Result<Report, String> {
    data.and_then(|d| {
        std::panic::catch_unwind(|| diagnose(&d))
            .map_err(|_| "internal error while reading this input (please report it)".to_string())?
            .map_err(|e| e.to_string())
    })
}

/// Totals over many inputs (`--summary`), for whoever processes bounces in bulk: what they
/// were, why they failed, and which addresses to stop sending to.
#[derive(Default)]
struct Summary {
    inputs: usize,
    unreadable: usize,
    kinds: std::collections::BTreeMap<String, usize>,
    results: usize,
    reasons: std::collections::BTreeMap<String, usize>,
    /// Addresses that hard-bounced (lower case, each once, sorted).
    hard: std::collections::BTreeSet<String>,
}

impl Summary {
    /// Counts one input. Returns false when it could not be diagnosed (said on stderr).
    fn add(&mut self, input: Input) -> bool {
        self.inputs += 1;
        match report_of(input.data) {
            Ok(rep) => {
                // (the kind's name as the JSON writes it)
                let kind = serde_json::to_value(rep.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
                *self.kinds.entry(kind).or_default() += 1;
                for d in &rep.results {
                    self.results += 1;
                    *self.reasons.entry(d.reason.clone()).or_default() += 1;
                    if let Some(r) = d.recipient.as_deref().filter(|_| d.hard_bounce) {
                        self.hard.insert(r.to_ascii_lowercase());
                    }
                }
                true
            }
            Err(e) => {
                self.unreadable += 1;
                err!("bounce-doctor: {}: {e}", input.source);
                false
            }
        }
    }

    fn text(&self) -> String {
        // (most frequent first)
        fn by_count(m: &std::collections::BTreeMap<String, usize>) -> Vec<(&String, &usize)> {
            let mut v: Vec<(&String, &usize)> = m.iter().collect();
            v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            v
        }
        let mut s = format!("{} inputs", self.inputs);
        if self.unreadable > 0 {
            s += &format!(" ({} could not be read)", self.unreadable);
        }
        let kinds: Vec<String> = by_count(&self.kinds).iter().map(|(k, n)| format!("{k} {n}")).collect();
        s += &format!("\nkinds: {}", kinds.join(", "));
        s += &format!("\n{} results by reason:\n", self.results);
        for (r, n) in by_count(&self.reasons) {
            s += &format!("  {r:<16} {n:>6}\n");
        }
        s += &format!("{} addresses hard-bounced (the address itself is bad: stop sending to it):\n", self.hard.len());
        for a in &self.hard {
            s += &format!("  {a}\n");
        }
        s
    }

    fn json(&self) -> String {
        let obj = serde_json::json!({
            "schema": "bounce-doctor-summary/1",
            "inputs": self.inputs,
            "unreadable": self.unreadable,
            "kinds": self.kinds,
            "results": self.results,
            "reasons": self.reasons,
            "hard_bounces": self.hard,
        });
        format!("{obj}\n")
    }
}

/// Diagnoses one input and prints it. Returns false when the input could not be diagnosed,
/// and an error when the output can no longer be written.
fn emit(out: &mut impl Write, input: Input, json: bool) -> std::io::Result<bool> {
    let result = report_of(input.data);
    match result {
        Ok(mut rep) => {
            rep.source = Some(input.source);
            if json {
                writeln!(out, "{}", serde_json::to_string(&rep).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}")))?;
            } else {
                write!(out, "{}", bounce_doctor::render::text(&rep))?;
            }
            Ok(true)
        }
        Err(e) => {
            if json {
                let obj = serde_json::json!({ "schema": bounce_doctor::SCHEMA_VERSION, "source": input.source, "error": e, "results": [] });
                writeln!(out, "{obj}")?;
            }
            err!("bounce-doctor: {}: {e}", input.source);
            Ok(false)
        }
    }
}

fn cmd_eval(args: &[String]) -> ExitCode {
    let mut dir = PathBuf::from("../shared/corpus/sisimai");
    let mut floors: Vec<(String, f64)> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--floors" {
            let Some(spec) = it.next() else { return usage_error("--floors needs a value") };
            for kv in spec.split(',') {
                let Some((k, v)) = kv.split_once('=') else { return usage_error("--floors takes name=percent,...") };
                let Ok(v) = v.parse::<f64>() else { return usage_error("--floors takes name=percent,...") };
                if !["reason", "status", "reply", "hard", "paste"].contains(&k) {
                    return usage_error(&format!("unknown floor '{k}'"));
                }
                floors.push((k.to_string(), v));
            }
        } else {
            dir = PathBuf::from(a);
        }
    }
    let started = Instant::now();
    let (text, s) = match eval::run(&dir) {
        Ok(x) => x,
        Err(e) => {
            err!("bounce-doctor eval: {e}");
            return ExitCode::from(1);
        }
    };
    out!("{text}({:.2} s)", started.elapsed().as_secs_f64());
    let mut below = false;
    for (k, v) in floors {
        let got = match k.as_str() {
            "reason" => s.pct(s.reason),
            "status" => s.pct(s.status),
            "reply" => s.pct(s.reply),
            "hard" => s.pct(s.hard),
            _ => s.paste_pct(),
        };
        if got < v {
            err!("bounce-doctor eval: {k} agreement {got:.1}% is below the floor of {v}%");
            below = true;
        }
    }
    if below { ExitCode::from(3) } else { ExitCode::SUCCESS }
}

fn cmd_bench(args: &[String]) -> ExitCode {
    // --once: one pass, no timing loop (for instruction counts under callgrind)
    let once = args.iter().any(|a| a == "--once");
    let dir = args.iter().find(|a| !a.starts_with("--")).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("../shared/corpus/sisimai/emails"));
    let mut emails: Vec<Vec<u8>> = Vec::new();
    let mut files = Vec::new();
    walk(&dir, &mut files);
    files.sort();
    for f in files {
        if let Ok(d) = std::fs::read(&f) {
            emails.push(d);
        }
    }
    if emails.is_empty() {
        err!("bounce-doctor bench: no emails under {} (give a directory)", dir.display());
        return ExitCode::from(1);
    }
    let bytes: usize = emails.iter().map(Vec::len).sum();
    if once {
        let n: usize = emails.iter().map(|e| diagnose(e).map(|r| r.results.len()).unwrap_or(0)).sum();
        out!("{} emails, {n} results", emails.len());
        return ExitCode::SUCCESS;
    }
    // warm up, then run for at least 2 seconds on this one thread
    for e in &emails {
        let _ = diagnose(e);
    }
    let t = Instant::now();
    let mut n = 0usize;
    while t.elapsed().as_secs_f64() < 2.0 {
        for e in &emails {
            let r = diagnose(e);
            std::hint::black_box(&r);
            n += 1;
        }
    }
    let secs = t.elapsed().as_secs_f64();
    out!("corpus: {} emails, {:.1} MB, from {}", emails.len(), bytes as f64 / 1e6, dir.display());
    out!("one core: {:.0} emails/s, {:.1} MB/s, {:.1} µs per email", n as f64 / secs, (n as f64 / emails.len() as f64) * bytes as f64 / 1e6 / secs, 1e6 * secs / n as f64);
    for (name, big) in [
        ("20 MB bounce (DSN + 20 MB attached original)", big_bounce(20 << 20)),
        ("20 MB of pasted text", big_text(20 << 20)),
        ("a report naming 20,000 recipients", many_recipients(20_000, false)),
        ("pasted text naming 20,000 recipients", many_recipients(20_000, true)),
    ] {
        let t = Instant::now();
        let r: Result<Report, _> = diagnose(&big);
        let secs = t.elapsed().as_secs_f64();
        let n = r.map(|r| r.results.len()).unwrap_or(0);
        out!("{name}: {:.3} s ({:.1} MB, {n} result{})", secs, big.len() as f64 / 1e6, if n == 1 { "" } else { "s" });
    }
    ExitCode::SUCCESS
}

/// A multipart/report bounce whose returned original carries `size` bytes of base64.
fn big_bounce(size: usize) -> Vec<u8> {
    let mut s = String::with_capacity(size + 4096);
    s.push_str("From: MAILER-DAEMON@mx.example.org\r\nTo: sender@example.com\r\nSubject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"BB\"\r\n\r\n--BB\r\nContent-Type: text/plain\r\n\r\n<user@example.net>: host mx.example.net[192.0.2.1] said: 552 5.2.2 Mailbox full\r\n--BB\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.org\r\n\r\nFinal-Recipient: rfc822; user@example.net\r\nAction: failed\r\nStatus: 5.2.2\r\nDiagnostic-Code: smtp; 552 5.2.2 Mailbox full\r\n--BB\r\nContent-Type: message/rfc822\r\n\r\nFrom: sender@example.com\r\nSubject: big\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"CC\"\r\n\r\n--CC\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n");
    let line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAx\r\n";
    while s.len() < size {
        s.push_str(line);
    }
    s.push_str("--CC--\r\n--BB--\r\n");
    s.into_bytes()
}

/// `size` bytes of bounce-like text without headers.
/// A delivery report with `n` failed recipients (DSN fields), or (`pasted`) the text of one
/// naming them line by line, as Postfix does.
fn many_recipients(n: usize, pasted: bool) -> Vec<u8> {
    let mut s = String::new();
    if !pasted {
        s.push_str("From: MAILER-DAEMON@mx.example.org\r\nSubject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"BB\"\r\n\r\n--BB\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.org\r\n\r\n");
    }
    for i in 0..n {
        if pasted {
            s.push_str(&format!("<user{i}@example.net>: host mx.example.net[192.0.2.1] said: 550 5.1.1 <user{i}@example.net>: Recipient address rejected: User unknown (in reply to RCPT TO command)\n"));
        } else {
            s.push_str(&format!("Final-Recipient: rfc822; user{i}@example.net\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 <user{i}@example.net>: User unknown\r\n\r\n"));
        }
    }
    if !pasted {
        s.push_str("--BB--\r\n");
    }
    s.into_bytes()
}

fn big_text(size: usize) -> Vec<u8> {
    let mut s = String::with_capacity(size + 200);
    s.push_str("Delivery has failed to these recipients or groups:\n\nuser@example.net\nRemote Server returned '550 5.1.1 User unknown'\n\n");
    let line = "This is a long line of text copied from a conversation, with nothing in it.\n";
    while s.len() < size {
        s.push_str(line);
    }
    s.into_bytes()
}

//! The command-line tool: inputs (files, directories, mbox, stdin), `--json` output, exit
//! codes, and `eval` on the tiny corpus in tests/fixtures/corpus.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_bounce-doctor");

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel)
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run bounce-doctor")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(BIN).args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

/// stdout as JSON objects, one per line (every line must be one).
fn json_lines(out: &Output) -> Vec<Value> {
    let text = String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8");
    text.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not one JSON object per line ({e}): {l:?}"))).collect()
}

/// A fresh, empty directory for one test.
fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("bounce-doctor-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited normally")
}

#[test]
fn json_prints_one_object_with_the_documented_keys() {
    let path = fixture("mta/postfix-userunknown.eml");
    let out = run(&["--json", path.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let objs = json_lines(&out);
    assert_eq!(objs.len(), 1);
    let o = &objs[0];
    assert_eq!(o["source"], path.to_str().unwrap());
    assert_eq!(o["kind"], "bounce");
    assert_eq!(o["schema"], "bounce-doctor/1");
    let r = &o["results"][0];
    for key in ["recipient", "reply_code", "status", "reason", "hard_bounce", "permanent"] {
        assert!(r.as_object().unwrap().contains_key(key), "result has no {key}: {r}");
    }
    assert_eq!(r["recipient"], "kijitora@example.jp");
    assert_eq!(r["reply_code"], 550);
    assert_eq!(r["status"], "5.1.1");
    assert_eq!(r["reason"], "userunknown");
    assert_eq!(r["hard_bounce"], true);
    assert_eq!(r["permanent"], true);
}

#[test]
fn unknown_values_are_null_not_missing() {
    // an auto-reply has no codes: the keys are there, with null
    let out = run(&["--json", fixture("kinds/autoreply.eml").to_str().unwrap()]);
    assert_eq!(code(&out), 0);
    let r = &json_lines(&out)[0]["results"][0];
    assert!(r["reply_code"].is_null() && r["status"].is_null() && r["permanent"].is_null(), "{r}");
}

#[test]
fn text_output_names_the_recipient_and_the_codes() {
    let out = run(&[fixture("mta/exim-mailboxfull.eml").to_str().unwrap()]);
    assert_eq!(code(&out), 0);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("mike@example.net"), "{text}");
    assert!(text.contains("552") && text.contains("5.2.2"), "{text}");
    assert!(serde_json::from_str::<Value>(text.lines().next().unwrap_or("")).is_err(), "text output, not JSON");
}

#[test]
fn a_directory_gives_one_line_per_email_in_order() {
    let dir = temp_dir("dir");
    for (name, src) in [("b.eml", "mta/exim-mailboxfull.eml"), ("a.eml", "mta/postfix-userunknown.eml"), ("c.eml", "kinds/autoreply.eml")] {
        std::fs::copy(fixture(src), dir.join(name)).unwrap();
    }
    let out = run(&["--json", dir.to_str().unwrap()]);
    assert_eq!(code(&out), 0);
    let objs = json_lines(&out);
    let sources: Vec<&str> = objs.iter().map(|o| o["source"].as_str().unwrap()).collect();
    let want: Vec<String> = ["a.eml", "b.eml", "c.eml"].iter().map(|n| dir.join(n).to_string_lossy().to_string()).collect();
    assert_eq!(sources, want);
    assert_eq!(objs[0]["results"][0]["reason"], "userunknown");
    assert_eq!(objs[1]["results"][0]["reason"], "mailboxfull");
    assert_eq!(objs[2]["kind"], "auto_reply");
    let _ = std::fs::remove_dir_all(&dir);
}

/// An mbox with LF, CRLF or lone CR (old Mac mail) line ends gives one line per message.
#[test]
fn an_mbox_gives_one_line_per_message() {
    let dir = temp_dir("mbox");
    let mut mbox = Vec::new();
    for src in ["mta/postfix-userunknown.eml", "mta/exim-mailboxfull.eml", "mta/qmail-userunknown.eml"] {
        mbox.extend_from_slice(b"From MAILER-DAEMON Mon Jun  2 10:00:00 2025\n");
        let msg = std::fs::read(fixture(src)).unwrap();
        let msg = String::from_utf8(msg).unwrap().replace("\r\n", "\n");
        mbox.extend_from_slice(msg.as_bytes());
        if !msg.ends_with('\n') {
            mbox.push(b'\n');
        }
        mbox.push(b'\n');
    }
    let lf = String::from_utf8(mbox).unwrap();
    for (name, text) in [("lf", lf.clone()), ("crlf", lf.replace('\n', "\r\n")), ("cr", lf.replace('\n', "\r"))] {
        let path = dir.join(format!("bounces-{name}.mbox"));
        std::fs::write(&path, &text).unwrap();
        let p = path.to_str().unwrap();
        let out = run(&["--json", p]);
        assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
        let objs = json_lines(&out);
        assert_eq!(objs.len(), 3, "{name}");
        for (i, (o, rcpt)) in objs.iter().zip(["kijitora@example.jp", "mike@example.net", "taro@example.net"]).enumerate() {
            assert_eq!(o["source"], format!("{p}#{}", i + 1));
            assert_eq!(o["kind"], "bounce", "{name}");
            assert_eq!(o["results"][0]["recipient"], rcpt, "{name}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn stdin_is_read_with_dash_or_without_arguments() {
    let input = std::fs::read(fixture("kinds/smtp-reply.txt")).unwrap();
    for args in [&["--json", "-"][..], &["--json"][..]] {
        let out = run_stdin(args, &input);
        assert_eq!(code(&out), 0, "{args:?}");
        let objs = json_lines(&out);
        assert_eq!(objs.len(), 1);
        assert_eq!(objs[0]["source"], "-");
        assert_eq!(objs[0]["kind"], "smtp_reply");
        assert_eq!(objs[0]["results"][0]["recipient"], "lena@example.net");
    }
}

#[test]
fn unreadable_or_binary_input_exits_1_and_json_still_reports_it() {
    let dir = temp_dir("bad");
    let bin = dir.join("image.eml");
    std::fs::write(&bin, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10").unwrap();
    let missing = dir.join("no-such-file.eml");
    let good = fixture("kinds/smtp-reply.txt");
    let out = run(&["--json", good.to_str().unwrap(), bin.to_str().unwrap(), missing.to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    let objs = json_lines(&out);
    assert_eq!(objs.len(), 3, "one object per input, good or bad");
    assert!(objs[0].get("error").is_none());
    for (o, p) in objs[1..].iter().zip([&bin, &missing]) {
        assert_eq!(o["source"], p.to_str().unwrap());
        assert!(o["error"].as_str().is_some_and(|e| !e.is_empty()), "{o}");
    }
    assert!(objs[1]["error"].as_str().unwrap().contains("binary"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("image.eml") && stderr.contains("no-such-file.eml"), "{stderr}");
    // text mode: the same exit code, the reason on stderr
    let out = run(&[bin.to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("binary"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_bad_option_exits_2_with_usage() {
    let out = run(&["--jsno", fixture("kinds/smtp-reply.txt").to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--jsno") && stderr.contains("usage"), "{stderr}");
    let out = run(&["eval", fixture("corpus").to_str().unwrap(), "--floors", "reason"]);
    assert_eq!(code(&out), 2);
    let out = run(&["eval", fixture("corpus").to_str().unwrap(), "--floors", "speed=9"]);
    assert_eq!(code(&out), 2);
}

#[test]
fn help_exits_0() {
    let out = run(&["--help"]);
    assert_eq!(code(&out), 0);
    assert!(String::from_utf8_lossy(&out.stdout).contains("--json"));
}

/// Runs with stdout (or stderr) a pipe whose reading end is already closed, as in
/// `bounce-doctor eval | head` once head has quit: every write fails with a broken pipe.
fn run_closed(args: &[&str], close_stderr: bool) -> i32 {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut cmd = Command::new(BIN);
    cmd.args(args).stdin(Stdio::null());
    if close_stderr {
        cmd.stdout(Stdio::null()).stderr(writer);
    } else {
        cmd.stdout(writer).stderr(Stdio::null());
    }
    cmd.status().expect("run bounce-doctor").code().expect("exited normally")
}

#[test]
fn a_closed_output_ends_quietly_with_the_usual_exit_code() {
    let corpus = fixture("corpus");
    let emails = fixture("mta");
    let eml = fixture("mta/postfix-userunknown.eml");
    let (c, e, m) = (corpus.to_str().unwrap(), emails.to_str().unwrap(), eml.to_str().unwrap());
    // (a panic exits 101)
    assert_eq!(run_closed(&["--help"], false), 0);
    assert_eq!(run_closed(&["--json", m], false), 0);
    assert_eq!(run_closed(&[m], false), 0);
    assert_eq!(run_closed(&["eval", c], false), 0);
    assert_eq!(run_closed(&["bench", e, "--once"], false), 0);
    assert_eq!(run_closed(&["debug", m], false), 0);
    let dir = temp_dir("closed");
    let bin = dir.join("binary.dat");
    std::fs::write(&bin, [0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0, 255, 254].repeat(50)).unwrap();
    assert_eq!(run_closed(&[bin.to_str().unwrap()], true), 1);
    assert_eq!(run_closed(&["--no-such-option"], true), 2);
}

/// Output that cannot be written (a full disk) is an error, not a quiet success: the report
/// would be incomplete. (Linux's /dev/full fails every write with "no space left".)
#[test]
#[cfg(target_os = "linux")]
fn an_unwritable_output_exits_1_and_says_so() {
    let eml = fixture("mta/postfix-userunknown.eml");
    for args in [vec!["--json", eml.to_str().unwrap()], vec!["--summary", eml.to_str().unwrap()]] {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
        let out = Command::new(BIN).args(&args).stdout(full).stderr(Stdio::piped()).output().unwrap();
        assert_eq!(code(&out), 1, "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write the output"), "{args:?}");
    }
}

#[test]
fn eval_prints_agreement_and_enforces_floors() {
    // the corpus has one deliberately wrong row of four (see its README)
    let corpus = fixture("corpus");
    let c = corpus.to_str().unwrap();
    let out = run(&["eval", c]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("rows 4; reason 75.0% status 75.0% reply 100.0% hard 75.0%"), "{text}");
    assert!(text.contains("postfix-04.eml n=1: expected mailboxfull got userunknown"), "{text}");
    assert!(!text.contains("postfix-01.eml n=1"), "{text}");
    // floors at or below the figures pass, one above fails with 3
    assert_eq!(code(&run(&["eval", c, "--floors", "reason=75,status=75,reply=100,hard=75"])), 0);
    let out = run(&["eval", c, "--floors", "reason=70,status=76"]);
    assert_eq!(code(&out), 3);
    assert!(String::from_utf8_lossy(&out.stdout).contains("reason 75.0%"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("status"));
    // a corpus that is not there is an error, not a pass
    assert_eq!(code(&run(&["eval", "/nonexistent/corpus"])), 1);
}

/// `--summary`: totals by kind and reason and the hard-bounced addresses, as text or as one
/// JSON object; an unreadable input is counted and still makes the exit code 1.
#[test]
fn summary_totals_kinds_reasons_and_hard_bounces() {
    let dir = temp_dir("summary");
    for (src, name) in [("mta/postfix-userunknown.eml", "a.eml"), ("mta/exim-mailboxfull.eml", "b.eml"), ("kinds/autoreply.eml", "c.eml"), ("mta/qmail-userunknown.eml", "d.eml")] {
        std::fs::copy(fixture(src), dir.join(name)).unwrap();
    }
    std::fs::write(dir.join("e.eml"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10").unwrap();
    let d = dir.to_str().unwrap();

    let out = run(&["--summary", d]);
    assert_eq!(code(&out), 1, "an unreadable input still fails the run");
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(text.starts_with("5 inputs (1 could not be read)\nkinds: bounce 3, auto_reply 1\n"), "{text}");
    assert!(text.contains("\n  userunknown           2\n") && text.contains("\n  mailboxfull           1\n"), "{text}");
    assert!(text.ends_with("2 addresses hard-bounced (the address itself is bad: stop sending to it):\n  kijitora@example.jp\n  taro@example.net\n"), "{text}");

    let out = run(&["--summary", "--json", d]);
    let objs = json_lines(&out);
    assert_eq!(objs.len(), 1, "one object for the whole run");
    let o = &objs[0];
    assert_eq!(o["schema"], "bounce-doctor-summary/1");
    assert_eq!((o["inputs"].as_u64(), o["unreadable"].as_u64(), o["results"].as_u64()), (Some(5), Some(1), Some(4)));
    assert_eq!(o["kinds"]["bounce"], 3);
    assert_eq!(o["reasons"]["userunknown"], 2);
    assert_eq!(o["reasons"]["vacation"], 1);
    assert_eq!(o["hard_bounces"], serde_json::json!(["kijitora@example.jp", "taro@example.net"]));
    let _ = std::fs::remove_dir_all(&dir);
}

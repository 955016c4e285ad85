//! Human-readable text of a report, for the CLI (the browser has its own renderer).

use crate::model::Report;
use std::fmt::Write as _;

/// The report as plain text for a terminal.
pub fn text(rep: &Report) -> String {
    let mut o = String::new();
    let src = rep.source.as_deref().unwrap_or("-");
    let _ = writeln!(o, "== {src}: {}", rep.kind_label);
    if let Some(f) = &rep.format {
        let _ = writeln!(o, "   format: {f}");
    }
    if let Some(orig) = &rep.original {
        if let Some(s) = &orig.subject {
            let _ = writeln!(o, "   original subject: {s}");
        }
    }
    for n in &rep.notes {
        let _ = writeln!(o, "   note: {n}");
    }
    for (i, d) in rep.results.iter().enumerate() {
        let _ = writeln!(o);
        let who = d.recipient.as_deref().unwrap_or("(recipient not named)");
        let _ = writeln!(o, "[{}] {who}", i + 1);
        let _ = writeln!(o, "    {}", d.summary);
        let _ = writeln!(o, "    reason: {} ({})", d.reason, d.reason_label);
        let code = |c: Option<String>, m: &Option<String>| match (c, m) {
            (Some(c), Some(m)) => format!("{c} ({m})"),
            (Some(c), None) => c,
            _ => "-".into(),
        };
        let _ = writeln!(o, "    reply code: {}", code(d.reply_code.map(|c| c.to_string()), &d.reply_code_meaning));
        let _ = writeln!(o, "    status: {}", code(d.status.clone(), &d.status_meaning));
        let perm = match d.permanent {
            Some(true) => "permanent",
            Some(false) => "temporary",
            None => "-",
        };
        let _ = writeln!(o, "    {perm}; hard bounce: {}; {}", if d.hard_bounce { "yes" } else { "no" }, d.retry.text);
        let _ = writeln!(o, "    who must act: {}", d.who_must_act_label);
        if let Some(p) = &d.provider {
            let code = p.code.as_deref().map(|c| format!(", code {c}: {}", p.code_meaning.as_deref().unwrap_or(""))).unwrap_or_default();
            let _ = writeln!(o, "    provider: {}{code}", p.name);
        }
        if let Some(b) = &d.blocklist {
            let refused = if b.query_refused { " (the receiver's query was refused: probably not really listed)" } else { "" };
            let _ = writeln!(o, "    blocklist: {}{refused}; delisting: {}", b.name, b.delist_url);
        }
        if !d.flags.is_empty() {
            let _ = writeln!(o, "    detail: {}", d.flags.join(", "));
        }
        if !d.explanation.is_empty() {
            let _ = writeln!(o, "    {}", d.explanation);
        }
        for (k, s) in d.fix_steps.iter().enumerate() {
            let _ = writeln!(o, "    {}. {s}", k + 1);
        }
        for s in &d.admin_detail {
            let _ = writeln!(o, "    admin: {s}");
        }
        for e in d.evidence.iter().take(4) {
            let at = e.line.map(|l| format!("line {l}: ")).unwrap_or_default();
            let _ = writeln!(o, "    evidence ({}): {at}{}", e.why, crate::text::truncate(&e.text, 160));
        }
    }
    if rep.results.is_empty() && rep.kind != crate::model::InputKind::Empty {
        let _ = writeln!(o, "   {}", rep.summary);
    }
    o
}

//! Turns a classified diagnosis into words for people: meanings of the codes, the reason's
//! title, who must act, what happens next, fix steps, admin detail and links. All wording
//! comes from the tables in `crate::knowledge`.

use crate::knowledge::{advice, providers, reply_codes, status_codes, DetailAdvice, ReasonAdvice};
use crate::model::{Actor, Diagnosis, Link, Retry};
use std::borrow::Cow;

/// What the explanation may use besides the diagnosis itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The bounce format recognised (postfix, exim, sendmail, exchange, gmail, ...).
    pub format: Option<&'a str>,
    /// The host that wrote the bounce.
    pub reporting_mta: Option<&'a str>,
    /// How long the notice itself says its server goes on retrying ("for 47 more hours").
    pub stated_retry: Option<&'a str>,
}

/// How long a mail server keeps retrying a temporarily failed message by default.
#[derive(Debug, Clone, Copy)]
pub struct QueueLifetime {
    /// `Context::format` values (lower case; a format matches by equality or prefix).
    pub formats: &'static [&'static str],
    pub mta: &'static str,
    pub lifetime: &'static str,
}

const fn ql(formats: &'static [&'static str], mta: &'static str, lifetime: &'static str) -> QueueLifetime {
    QueueLifetime { formats, mta, lifetime }
}

/// Default retry periods, first match wins (so "exchangeonline" comes before "exchange"); the
/// comment above each names where the default comes from.
pub static QUEUE_LIFETIMES: &[QueueLifetime] = &[
    // Microsoft 365 message center MC441064: default message expiration 24 hours
    ql(&["office365", "exchangeonline", "microsoft", "outlook"], "Exchange Online", "24 hours"),
    // Exchange Server transport MessageExpirationTimeout default 2 days
    ql(&["exchange"], "Exchange Server", "2 days"),
    // postconf(5) maximal_queue_lifetime = 5d
    ql(&["postfix", "zimbra"], "Postfix", "5 days"),
    // Exim default configuration retry rule F,2h,15m; G,16h,1h,1.5; F,4d,6h
    ql(&["exim"], "Exim", "4 days"),
    // sendmail Timeout.queuereturn default 5d
    ql(&["sendmail"], "Sendmail", "5 days"),
    // qmail-send queuelifetime default 604800 seconds
    ql(&["qmail"], "qmail", "7 days"),
    // Courier queuetime default 1 week
    ql(&["courier"], "Courier", "7 days"),
    // smtpd.conf(5) queue ttl default 4d
    ql(&["opensmtpd"], "OpenSMTPD", "4 days"),
    // Gmail delay notices: 'Gmail will retry for 47 more hours'
    ql(&["gmail", "google"], "Gmail", "about 2 days"),
    // Amazon SES MaxDeliverySeconds at most 50,400 seconds
    ql(&["amazonses", "ses"], "Amazon SES", "14 hours"),
    // SendGrid SMTP errors page: deferred messages retried for up to 72 hours
    ql(&["sendgrid"], "SendGrid", "72 hours"),
];

const USUAL_LIFETIME: &str = "4 to 5 days (the default of most mail servers)";

/// The default retry period for a bounce format.
pub fn queue_lifetime(format: Option<&str>) -> Option<&'static QueueLifetime> {
    let f = format?.to_ascii_lowercase();
    // (a receiving server's log of what it refused names no sending server, whose retries
    // are its own)
    if f.ends_with("reject-log") {
        return None;
    }
    QUEUE_LIFETIMES.iter().find(|q| q.formats.iter().any(|n| f == *n || f.starts_with(n)))
}

/// Fills the text fields of `d` (reply_code_meaning, status_meaning, reason_label, retry,
/// who_must_act, who_must_act_label, summary, explanation, fix_steps, admin_detail, links)
/// from its classified fields (reason, reply_code, status, permanent, action, flags, auth,
/// blocklist, provider, recipient).
pub fn explain(d: &mut Diagnosis, ctx: &Context<'_>) {
    let reason = advice::for_reason(&d.reason)
        .or_else(|| advice::for_reason("undefined"))
        .expect("the advice table has an entry for \"undefined\"");
    let reason = if reason.reason == "expired" && delayed(d) { &advice::EXPIRED_STILL_QUEUED } else { reason };
    let failure = !matches!(reason.reason, "delivered" | "feedback" | "vacation");
    let details = if failure { details_of(d) } else { Vec::new() };
    show_matched_code(d);

    d.reply_code_meaning = d.reply_code.and_then(reply_codes::meaning).map(String::from);
    d.status_meaning = d.status.as_deref().and_then(|s| status_meaning(d, ctx, s));
    d.reason_label = reason.label.into();
    d.retry = retry(d, ctx, reason, failure);
    d.who_must_act = actor(d, reason, &details);
    d.who_must_act_label = match (d.who_must_act, failure) {
        (Actor::Nobody, false) => NOTHING_FAILED.into(),
        (who, _) => who.label().into(),
    };
    d.summary = summary(d, reason, details.iter().find_map(|a| a.summary), failure);
    d.explanation = explanation(d, reason, &details, failure);
    d.fix_steps = fix_steps(d, reason, &details);
    d.admin_detail = admin_detail(d, ctx, reason, &details);
    d.links = links(d, &details);
}

/// The sending server is still trying (a delay report: RFC 3464 Action "delayed"). The
/// reason may still be `expired` (sisimai names delay notices so), but what happens next
/// follows the action.
fn delayed(d: &Diagnosis) -> bool {
    d.action.as_deref().is_some_and(|a| a.eq_ignore_ascii_case("delayed"))
}

fn refused_query(d: &Diagnosis) -> bool {
    d.blocklist.as_ref().is_some_and(|b| b.query_refused)
}

/// The detail advice that applies, in table order: the flags set by the classifier plus
/// those implied by the blocklist hit and the authentication results.
fn details_of(d: &Diagnosis) -> Vec<&'static DetailAdvice> {
    let mut flags: Vec<&str> = d.flags.iter().map(String::as_str).collect();
    if let Some(b) = &d.blocklist {
        flags.push(if b.query_refused { "blocklist_query_refused" } else { "blocklist" });
    }
    if let Some(a) = &d.auth {
        for (flag, result) in [("spf", &a.spf), ("dkim", &a.dkim), ("dmarc", &a.dmarc), ("arc", &a.arc)] {
            if result.as_deref().is_some_and(|r| !r.eq_ignore_ascii_case("pass")) {
                flags.push(flag);
            }
        }
    }
    let refused = flags.contains(&"blocklist_query_refused");
    advice::DETAILS
        .iter()
        .filter(|a| flags.contains(&a.flag) && !(refused && a.flag == "blocklist"))
        .collect()
}

/// A provider code given as its table pattern (e.g. "OFR*103") is shown as the text that
/// matched it (e.g. "OFR006_103").
fn show_matched_code(d: &mut Diagnosis) {
    let text = d.diagnostic_text.as_deref().unwrap_or("");
    if let Some(p) = d.provider.as_mut() {
        if let Some(code) = p.code.as_deref().filter(|c| c.contains(['*', '{'])) {
            if let Some(m) = providers::match_token(code, text) {
                p.code = Some(m.to_string());
            }
        }
    }
}

fn provider_name(id: &str) -> Option<&'static str> {
    providers::by_id(id).map(|p| p.name)
}

/// The provider whose meanings of status codes apply: the one the classifier named, else
/// the one running the server that wrote the bounce or gave the error (an Exchange Online
/// NDR uses Microsoft's meanings even for a recipient elsewhere).
fn meaning_provider(d: &Diagnosis, ctx: &Context<'_>) -> Option<(String, String)> {
    if let Some(p) = &d.provider {
        return Some((p.id.clone(), provider_name(&p.id).unwrap_or(&p.name).to_string()));
    }
    [ctx.reporting_mta, d.remote_mta.as_deref()]
        .into_iter()
        .flatten()
        .find_map(providers::by_host)
        .map(|p| (p.id.to_string(), p.name.to_string()))
}

fn status_meaning(d: &Diagnosis, ctx: &Context<'_>, status: &str) -> Option<String> {
    let class = status_codes::parse(status)?.0;
    // the reason the registry's meaning names, when the server's words gave another
    let contradicted = crate::classify::status_reason(status).filter(|r| *r != d.reason);
    let named = meaning_provider(d, ctx).and_then(|(id, name)| Some((status_codes::provider_meaning(&id, status)?, name)));
    // (no provider named, but a provider uses the contradicted code for just the words'
    // reason: Exchange's 5.1.10, recipient not found, against the registry's null MX)
    let used = || {
        contradicted?;
        let p = status_codes::PROVIDER_STATUS.iter().find(|p| p.status == status && p.reason == Some(d.reason.as_str()))?;
        Some((p, provider_name(p.provider).unwrap_or(p.provider).to_string()))
    };
    if let Some((own, name)) = named.or_else(used) {
        return Some(format!("{}: {} (meaning used by {name})", status_codes::class_words(class), own.meaning));
    }
    if let Some(p) = status_codes::pseudo(status) {
        if p.reason != d.reason {
            // a code sisimai derives from its reader's first verdict (`classify::PSEUDO_STAGE_REASON`)
            return Some(format!(
                "{}: no status code was given; sisimai gives such a bounce this code (its first verdict, \"{}\"); the reason is read from the rest",
                status_codes::class_words(class),
                p.reason
            ));
        }
    }
    // (a registry meaning that the server's words contradict, such as 5.2.1 "mailbox disabled"
    // beside "user unknown", is said to be the registry's; not so for an expiry, the outcome
    // of whatever the cause was)
    let m = status_codes::meaning(status)?;
    Some(match contradicted {
        Some(r) if r != "expired" && d.reason != "expired" => {
            m + " (the registry's meaning; the server's own words say otherwise, and they decide the reason)"
        }
        _ => m,
    })
}

fn retry(d: &Diagnosis, ctx: &Context<'_>, reason: &ReasonAdvice, failure: bool) -> Retry {
    let q = queue_lifetime(ctx.format);
    let lifetime = q.map_or(USUAL_LIFETIME.to_string(), |q| format!("{} ({}'s default)", q.lifetime, q.mta));
    let (will_retry, text) = if !failure {
        (Some(false), "Nothing to retry: this is not a delivery failure.".to_string())
    } else if delayed(d) {
        let (how_long, said) = ctx.stated_retry.map_or(("typically for up to ", lifetime.as_str()), |s| (s, ", as the notice says"));
        (Some(true), format!(
            "Your mail server is still trying and retries by itself, {how_long}{said}. You will get another report if it finally gives up."
        ))
    } else if reason.reason == "suppressed" {
        (Some(false), "Your sending service did not try, and will not try while the address is on its suppression list.".into())
    } else if reason.reason == "expired" {
        (Some(false), format!(
            "Your mail server already retried until its time limit ran out (usually {lifetime}) and has given up. Send the message again once the problem is fixed."
        ))
    } else {
        match permanent(d) {
            Some(true) => (Some(false),
                "Your mail server will not retry: the refusal is permanent. Sending the same message again fails the same way until the cause is fixed.".into()),
            Some(false) if d.action.as_deref().is_some_and(|a| a.eq_ignore_ascii_case("failed")) => (Some(false),
                "The error itself was temporary, but this report is final: your mail server has stopped trying. Send the message again later.".into()),
            Some(false) => (Some(true), format!(
                "This is a temporary error: the sending server normally retries by itself, typically for up to {lifetime}."
            )),
            None => (None, "This text does not show whether the sending server will retry.".into()),
        }
    };
    Retry { will_retry, text }
}

/// `d.permanent`, or else what the codes say.
fn permanent(d: &Diagnosis) -> Option<bool> {
    d.permanent
        .or_else(|| d.status.as_deref().and_then(status_codes::parse).map(|(c, _, _)| c == 5))
        .or_else(|| d.reply_code.filter(|c| (400..600).contains(c)).map(reply_codes::is_permanent))
}

/// Reasons about the recipient address itself: who must act follows from the reason alone,
/// whatever details the text also mentions.
const ACTOR_FROM_REASON: &[&str] =
    &["userunknown", "hostunknown", "hasmoved", "notaccept", "mailboxfull", "suspend", "exceedlimit", "mesgtoobig", "suppressed"];

fn actor(d: &Diagnosis, reason: &ReasonAdvice, details: &[&DetailAdvice]) -> Actor {
    // "Nobody" (e.g. greylisting) only fits while the sending server is still trying.
    let pending = delayed(d) || (d.action.is_none() && permanent(d) != Some(true));
    let from_details = if ACTOR_FROM_REASON.contains(&reason.reason) {
        None
    } else {
        details.iter().filter_map(|a| a.actor).find(|a| *a != Actor::Nobody || pending)
    };
    let who = from_details.unwrap_or(reason.who_must_act);
    // A delay caused on the receiving side resolves itself or needs their admin; the
    // sender's server keeps trying meanwhile.
    if delayed(d) && who == Actor::RecipientAdmin {
        Actor::Nobody
    } else {
        who
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_ascii_uppercase().to_string() + c.as_str())
}

/// `whole`: the summary of a detail that is the whole story.
fn summary(d: &Diagnosis, reason: &ReasonAdvice, whole: Option<&str>, failure: bool) -> String {
    let who = d.recipient.as_deref().filter(|r| !r.trim().is_empty()).unwrap_or("the recipient");
    let greylisted = delayed(d) && d.flags.iter().any(|f| f == "greylisting");
    let line = if greylisted {
        "the receiving server asked to try again later (greylisting) for {r}".replace("{r}", who)
    } else {
        whole.unwrap_or(reason.summary).replace("{r}", who)
    };
    // (the still-queued wording says "delayed" itself)
    let says_delayed = !greylisted && std::ptr::eq(reason, &advice::EXPIRED_STILL_QUEUED);
    let mut line = if failure && delayed(d) && !says_delayed {
        format!("Delayed: {line}")
    } else if reason.summary.starts_with("{r}") && d.recipient.is_some() {
        line
    } else {
        capitalize(&line)
    };
    let mut codes = Vec::new();
    if let Some(c) = d.reply_code {
        codes.push(c.to_string());
    }
    if let Some(s) = d.status.as_deref().filter(|s| status_codes::pseudo(s).is_none() && d.status_source.as_deref() != Some("pseudo")) {
        codes.push(s.to_string());
    }
    if !codes.is_empty() {
        line.push_str(&format!(" ({})", codes.join(" ")));
    }
    line
}

/// A detail that explains the whole situation, so the reason's generic words and steps would
/// mislead: a blocklist that refused the receiver's own lookup, or a greylisting deferral
/// (which clears itself) while the sending server is still retrying.
fn superseding(d: &Diagnosis, details: &[&DetailAdvice]) -> bool {
    details.iter().any(|a| a.summary.is_some() || a.flag == "blocklist_query_refused" || a.flag == "greylisting" && delayed(d))
}

fn explanation(d: &Diagnosis, reason: &ReasonAdvice, details: &[&DetailAdvice], failure: bool) -> String {
    let own = if superseding(d, details) && details.iter().any(|a| a.flag == "greylisting" || a.summary.is_some()) { "" } else { reason.explanation };
    // (the table's sentences borrowed; only the provider's sentence is made)
    let mut parts: Vec<Cow<'_, str>> = if own.is_empty() { vec![] } else { vec![own.into()] };
    parts.extend(details.iter().map(|a| a.explanation.into()));
    if let Some(p) = &d.provider {
        if let (Some(code), Some(meaning)) = (&p.code, &p.code_meaning) {
            parts.push(format!("Code {code} from {} means: {}.", provider_name(&p.id).unwrap_or(&p.name), meaning.trim_end_matches('.')).into());
        }
    }
    if failure {
        if d.hard_bounce {
            parts.push("This is a hard bounce: the address itself is bad, so stop sending to it.".into());
        } else if permanent(d) == Some(true) && !refused_query(d) {
            parts.push("This is not a hard bounce: the address may be fine, so keep it on your lists.".into());
        }
    }
    dedup(parts).join(" ")
}

const NOTHING_FAILED: &str = "Nobody: nothing failed";
const WAIT_STEP: &str =
    "Nothing to do yet: your mail server keeps trying by itself. The steps below help if it finally fails.";

fn fix_steps(d: &Diagnosis, reason: &ReasonAdvice, details: &[&DetailAdvice]) -> Vec<String> {
    // When a detail explains the whole situation, the reason's usual steps (get your server
    // delisted, check your password) would send the sender on a wrong errand.
    let own: &[&str] = if superseding(d, details) { &[] } else { reason.fix_steps };
    let greylisted = details.iter().any(|a| a.flag == "greylisting");
    let wait: &[&str] = if delayed(d) && !greylisted { &[WAIT_STEP] } else { &[] };
    dedup(wait.iter().chain(own).chain(details.iter().flat_map(|a| a.fix_steps)).map(|&s| Cow::Borrowed(s)).collect())
        .into_iter()
        .map(Cow::into_owned)
        .collect()
}

const MAX_QUOTE: usize = 500;

fn admin_detail(d: &Diagnosis, ctx: &Context<'_>, reason: &ReasonAdvice, details: &[&DetailAdvice]) -> Vec<String> {
    let mut out: Vec<Cow<'_, str>> = Vec::new();
    if let (Some(c), Some(m)) = (d.reply_code, &d.reply_code_meaning) {
        out.push(format!("Reply code {c}: {m}").into());
    }
    if let (Some(s), Some(m)) = (&d.status, &d.status_meaning) {
        out.push(format!("Status {s}: {m}").into());
    }
    if let Some(c) = &d.command {
        out.push(format!("Refused in reply to the SMTP {c} command").into());
    }
    if let Some(h) = &d.remote_mta {
        out.push(format!("Remote server: {h}").into());
    }
    if let Some(h) = ctx.reporting_mta {
        out.push(format!("Reported by: {h}").into());
    }
    if let Some(p) = &d.provider {
        out.push(format!("Provider: {}", provider_name(&p.id).unwrap_or(&p.name)).into());
        if let Some(code) = &p.code {
            out.push(match &p.code_meaning {
                Some(m) => format!("Provider code {code}: {m}"),
                None => format!("Provider code {code}"),
            }.into());
        }
    }
    if let Some(b) = &d.blocklist {
        out.push(Cow::Owned(if b.query_refused {
            format!("Blocklist {}: the receiver's own query was refused (an error answer, not a listing); the sender is most likely not listed", b.name)
        } else {
            let what = b.listed.as_deref().unwrap_or("the sending server");
            match b.delist_url.as_str() {
                "" => format!("Blocklist {}: lists {what}; look up the list's own site to request removal", b.name),
                url => format!("Blocklist {}: lists {what}; check and request removal at {url}", b.name),
            }
        }));
    }
    if let Some(a) = &d.auth {
        let results: Vec<String> = [("SPF", &a.spf), ("DKIM", &a.dkim), ("DMARC", &a.dmarc), ("ARC", &a.arc)]
            .iter()
            .filter_map(|(n, r)| r.as_ref().map(|r| format!("{n}={r}")))
            .collect();
        if !results.is_empty() {
            out.push(format!("Authentication results: {}", results.join(", ")).into());
        }
        if let Some(w) = &a.detail {
            out.push(format!("Receiver's words on authentication: {w}").into());
        }
    }
    if !superseding(d, details) {
        out.extend(reason.admin_detail.iter().map(|&s| Cow::Borrowed(s)));
    }
    out.extend(details.iter().flat_map(|a| a.admin_detail).map(|&s| Cow::Borrowed(s)));
    if let Some(t) = d.diagnostic_text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        out.push(format!("Server's words: {}", shorten(t, MAX_QUOTE)).into());
    }
    dedup(out).into_iter().map(Cow::into_owned).collect()
}

fn shorten(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

fn links(d: &Diagnosis, details: &[&DetailAdvice]) -> Vec<Link> {
    let mut out: Vec<Link> = Vec::new();
    let mut add = |title: String, url: &str| {
        if !url.is_empty() && !out.iter().any(|l| l.url == url) {
            out.push(Link { title, url: url.to_string() });
        }
    };
    if let Some(p) = &d.provider {
        let name = provider_name(&p.id).unwrap_or(&p.name);
        if let Some(u) = &p.docs_url {
            add(format!("{name}: about this error"), u);
        }
        if let Some(own) = d.status.as_deref().and_then(|s| status_codes::provider_meaning(&p.id, s)) {
            if let Some(u) = own.docs_url {
                add(format!("{name}: about status {}", own.status), u);
            }
        }
        if let Some(u) = providers::PROVIDERS.iter().find(|q| q.id == p.id).and_then(|q| q.docs_url) {
            add(format!("{name}: guidance for senders"), u);
        }
    }
    if let Some(b) = d.blocklist.as_ref().filter(|b| !b.query_refused) {
        add(format!("{}: check the listing and request removal", b.name), &b.delist_url);
    }
    for (title, url) in details.iter().filter_map(|a| a.link) {
        add(title.to_string(), url);
    }
    out
}

/// `items` without repeats, first ones kept. (Borrowed table text is copied only once
/// it is kept.)
fn dedup(items: Vec<Cow<'_, str>>) -> Vec<Cow<'_, str>> {
    let mut out: Vec<Cow<'_, str>> = Vec::with_capacity(items.len());
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AuthDetail, BlocklistHit, ProviderInfo};

    fn diag(reason: &str, reply: Option<u16>, status: Option<&str>, permanent: Option<bool>) -> Diagnosis {
        Diagnosis {
            recipient: Some("kijitora@example.jp".into()),
            action: Some("failed".into()),
            reply_code: reply,
            status: status.map(String::from),
            status_source: status.map(|_| "dsn".into()),
            permanent,
            confidence: 0.9,
            ..Diagnosis::blank(reason)
        }
    }

    fn provider(id: &str, code: Option<&str>, meaning: Option<&str>) -> ProviderInfo {
        ProviderInfo {
            id: id.into(),
            name: id.into(),
            code: code.map(String::from),
            code_meaning: meaning.map(String::from),
            docs_url: None,
        }
    }

    fn run(d: &mut Diagnosis, format: Option<&str>) {
        explain(d, &Context { format, reporting_mta: Some("mx.example.org"), stated_retry: None });
    }

    /// A detail flag that restates its reason (no reverse DNS for requireptr, the size for
    /// mesgtoobig, a rate limit for speeding, a quota for mailboxfull, ...) adds no second
    /// wording of the same steps, admin lines or explanation, and keeps its link.
    #[test]
    fn a_detail_that_restates_its_reason_adds_nothing_twice() {
        for (reason, flag, reply, status) in [
            ("requireptr", "missing_ptr", 554, "5.7.1"),
            ("mesgtoobig", "message_size", 552, "5.3.4"),
            ("speeding", "rate_limit", 450, "4.7.1"),
            ("toomanyconn", "too_many_connections", 421, "4.7.0"),
            ("mailboxfull", "quota", 552, "5.2.2"),
            ("spamdetected", "content_spam", 550, "5.7.1"),
            ("virusdetected", "virus", 554, "5.7.1"),
            ("badreputation", "reputation", 554, "5.7.1"),
            ("norelaying", "relay_denied", 554, "5.7.1"),
        ] {
            let mut d = diag(reason, Some(reply), Some(status), Some(reply >= 500));
            d.flags = vec![flag.into()];
            run(&mut d, Some("postfix"));
            let own = advice::for_reason(reason).unwrap();
            let detail = advice::for_flag(flag).unwrap();
            let extra: Vec<&String> = d.fix_steps.iter().filter(|s| s.as_str() != WAIT_STEP && !own.fix_steps.contains(&s.as_str())).collect();
            assert!(extra.is_empty(), "{reason} + {flag}: steps beyond the reason's own: {extra:?}");
            let made = ["Reply code ", "Status ", "Reported by: "];
            let extra: Vec<&String> = d.admin_detail.iter().filter(|l| !made.iter().any(|m| l.starts_with(m)) && !own.admin_detail.contains(&l.as_str())).collect();
            assert!(extra.is_empty(), "{reason} + {flag}: admin lines beyond the reason's own: {extra:?}");
            // (the reason's words, then only the hard-bounce sentence)
            let rest = d.explanation.strip_prefix(own.explanation).unwrap_or_else(|| panic!("{reason} + {flag}: {}", d.explanation));
            assert!(rest.is_empty() || rest.starts_with(" This is "), "{reason} + {flag}: the detail adds {rest:?}");
            assert_eq!(d.explanation.matches(detail.explanation).count(), 1, "{reason} + {flag}: {}", d.explanation);
            if let Some((_, url)) = detail.link {
                assert!(d.links.iter().any(|l| l.url == url), "{reason} + {flag}: link");
            }
        }
    }

    #[test]
    fn user_unknown_names_the_recipient_and_codes() {
        let mut d = diag("userunknown", Some(550), Some("5.1.1"), Some(true));
        d.hard_bounce = true;
        run(&mut d, Some("postfix"));
        assert_eq!(d.summary, "kijitora@example.jp does not exist (550 5.1.1)");
        assert_eq!(d.reason_label, "The address does not exist");
        assert_eq!(d.status_meaning.as_deref(), Some("Permanent failure: the mailbox does not exist"));
        assert!(d.reply_code_meaning.as_deref().unwrap().contains("mailbox is unavailable"));
        assert_eq!(d.who_must_act, Actor::Sender);
        assert_eq!(d.retry.will_retry, Some(false));
        assert!(d.explanation.contains("This is a hard bounce"));
        assert!(d.admin_detail.iter().any(|l| l.starts_with("Status 5.1.1: Permanent failure")));
        assert!(d.admin_detail.iter().any(|l| l == "Reported by: mx.example.org"));
    }

    #[test]
    fn full_mailbox_is_for_the_recipient_and_not_a_hard_bounce() {
        let mut d = diag("mailboxfull", Some(552), Some("5.2.2"), Some(true));
        d.recipient = Some("neko@example.jp".into());
        run(&mut d, None);
        assert_eq!(d.who_must_act, Actor::Recipient);
        assert_eq!(d.who_must_act_label, Actor::Recipient.label());
        assert_eq!(d.summary, "The mailbox of neko@example.jp is full (552 5.2.2)");
        assert!(d.explanation.contains("not a hard bounce"), "{}", d.explanation);
        assert!(!d.explanation.contains("This is a hard bounce"));
        assert_eq!(d.retry.will_retry, Some(false));
    }

    #[test]
    fn blocklist_hit_puts_its_delist_page_into_links() {
        let mut d = diag("blocked", Some(554), Some("5.7.1"), Some(true));
        d.blocklist = Some(BlocklistHit {
            id: "spamhaus-zen".into(),
            name: "Spamhaus ZEN".into(),
            delist_url: "https://check.spamhaus.org/".into(),
            query_refused: false,
            listed: Some("192.0.2.7".into()),
        });
        run(&mut d, None);
        assert!(d.links.iter().any(|l| l.url == "https://check.spamhaus.org/"));
        assert_eq!(d.who_must_act, Actor::SenderAdmin);
        assert!(d.admin_detail.iter().any(|l| l.contains("lists 192.0.2.7")));
        assert!(d.fix_steps.iter().any(|s| s.contains("request removal")));
    }

    #[test]
    fn refused_blocklist_query_points_at_the_receiver() {
        let mut d = diag("blocked", Some(554), Some("5.7.1"), Some(true));
        d.blocklist = Some(BlocklistHit {
            id: "spamhaus-zen".into(),
            name: "Spamhaus ZEN".into(),
            delist_url: "https://check.spamhaus.org/".into(),
            query_refused: true,
            listed: None,
        });
        run(&mut d, None);
        assert_eq!(d.who_must_act, Actor::RecipientAdmin);
        assert!(d.links.iter().all(|l| l.url != "https://check.spamhaus.org/"), "no delisting errand");
        assert!(d.fix_steps.iter().all(|s| !s.contains("request removal")), "{:?}", d.fix_steps);
        assert!(d.explanation.contains("most likely not listed"));
    }

    #[test]
    fn provider_meaning_wins_over_the_registry() {
        let mut d = diag("authfailure", Some(550), Some("5.7.27"), Some(true));
        d.provider = Some(provider("google", None, None));
        run(&mut d, None);
        let m = d.status_meaning.unwrap();
        assert!(m.contains("SPF") && m.contains("Google"), "{m}");
        assert!(!m.contains("null MX"), "IANA's X.7.27 must not show: {m}");
        assert!(d.links.iter().any(|l| l.url == "https://support.google.com/mail/answer/81126"));
        // Without the provider the registry's meaning stands, when the words agree with it
        let mut plain = diag("rejected", Some(550), Some("5.7.27"), Some(true));
        run(&mut plain, None);
        assert!(plain.status_meaning.unwrap().contains("null MX"));
    }

    #[test]
    fn a_registry_meaning_the_words_contradict_says_so() {
        let meaning = |reason: &str, status: &str| {
            let mut d = diag(reason, Some(550), Some(status), Some(true));
            run(&mut d, None);
            d.status_meaning.unwrap()
        };
        assert!(meaning("userunknown", "5.2.1").contains("the registry's meaning; the server's own words say otherwise"));
        assert!(!meaning("suspend", "5.2.1").contains("registry's meaning"));
        // an expiry is the outcome of any cause: no contradiction
        assert!(!meaning("expired", "4.4.1").contains("registry's meaning"));
    }

    #[test]
    fn address_reasons_keep_their_actor() {
        let mut d = diag("userunknown", Some(550), Some("5.1.1"), Some(true));
        d.flags = vec!["dns_failure".into()];
        run(&mut d, None);
        assert_eq!(d.who_must_act, Actor::Sender);
        let mut b = diag("blocked", Some(550), Some("5.7.1"), Some(true));
        b.flags = vec!["missing_ptr".into()];
        run(&mut b, None);
        assert_eq!(b.who_must_act, Actor::SenderAdmin);
    }

    #[test]
    fn reporting_server_decides_whose_meaning_applies() {
        let mut d = diag("userunknown", Some(550), Some("5.1.10"), Some(true));
        explain(&mut d, &Context { format: None, reporting_mta: Some("NEKO22.namprd22.prod.outlook.com"), stated_retry: None });
        let m = d.status_meaning.unwrap();
        assert!(m.contains("not found") && !m.contains("null MX"), "{m}");
        // no server named: a refusal whose words say the address does not exist uses 5.1.10 as
        // Exchange does; one whose words say the domain takes no mail, as the registry does
        let mut e = diag("userunknown", Some(550), Some("5.1.10"), Some(true));
        run(&mut e, None);
        let m = e.status_meaning.unwrap();
        assert!(m.contains("not found") && !m.contains("null MX"), "{m}");
        let mut n = diag("notaccept", Some(556), Some("5.1.10"), Some(true));
        run(&mut n, None);
        assert!(n.status_meaning.unwrap().contains("null MX"));
        // a code whose registry meaning names no reason (5.1.0, other address status) keeps it:
        // Microsoft's use of 5.1.0 for a refused sender is not everyone's
        let mut g = diag("rejected", Some(550), Some("5.1.0"), Some(true));
        run(&mut g, None);
        let m = g.status_meaning.unwrap();
        assert!(!m.contains("Microsoft"), "{m}");
    }

    #[test]
    fn provider_code_is_explained() {
        let mut d = diag("rejected", Some(421), Some("4.7.0"), Some(false));
        d.action = Some("delayed".into());
        d.provider = Some(provider("yahoo", Some("TSS04"), Some("Yahoo is temporarily deferring mail from this IP.")));
        run(&mut d, Some("exim"));
        assert!(d.explanation.contains("Code TSS04 from Yahoo / AOL means: Yahoo is temporarily deferring mail from this IP."), "{}", d.explanation);
        assert!(d.admin_detail.iter().any(|l| l.starts_with("Provider code TSS04")));
        assert!(d.summary.starts_with("Delayed: "), "{}", d.summary);
        assert!(d.retry.text.contains("4 days"), "{}", d.retry.text);
    }

    #[test]
    fn expired_with_a_delayed_action_is_still_retried() {
        let mut d = diag("expired", Some(421), Some("4.4.1"), Some(false));
        d.action = Some("delayed".into());
        run(&mut d, Some("postfix"));
        assert_eq!(d.retry.will_retry, Some(true));
        assert!(d.summary.contains("is delayed; your mail server is still retrying"), "{}", d.summary);
        assert!(!d.explanation.contains("stopped trying"), "{}", d.explanation);
        assert_eq!(d.who_must_act, Actor::Nobody);
    }

    #[test]
    fn expired_that_failed_has_given_up() {
        let mut d = diag("expired", Some(421), Some("4.4.7"), Some(true));
        d.action = Some("failed".into());
        run(&mut d, Some("postfix"));
        assert_eq!(d.retry.will_retry, Some(false));
        assert!(d.retry.text.contains("has given up"), "{}", d.retry.text);
        assert_eq!(d.who_must_act, Actor::RecipientAdmin);
    }

    #[test]
    fn pattern_codes_are_shown_as_matched() {
        let mut d = diag("blocked", Some(421), None, Some(false));
        d.diagnostic_text = Some("421 mwinf5c79 ME Service refuse. OFR006_103 192.0.2.1 [103]".into());
        d.provider = Some(provider("orange", Some("OFR*103"), Some("Orange refused service to the sending IP")));
        run(&mut d, None);
        assert_eq!(d.provider.as_ref().unwrap().code.as_deref(), Some("OFR006_103"));
        assert!(d.explanation.contains("Code OFR006_103 from Orange means"), "{}", d.explanation);
    }

    #[test]
    fn greylisting_delay_needs_nobody_and_is_retried() {
        let mut d = diag("blocked", Some(450), Some("4.7.1"), Some(false));
        d.action = Some("delayed".into());
        d.flags = vec!["greylisting".into()];
        run(&mut d, Some("postfix"));
        assert_eq!(d.who_must_act, Actor::Nobody);
        assert_eq!(d.who_must_act_label, Actor::Nobody.label());
        assert!(d.fix_steps[0].starts_with("Nothing to do"), "{:?}", d.fix_steps);
        assert!(!d.fix_steps.iter().any(|s| s.contains("password")), "{:?}", d.fix_steps);
        assert_eq!(d.retry.will_retry, Some(true));
        assert!(d.retry.text.contains("5 days (Postfix's default)"), "{}", d.retry.text);
        assert!(!d.explanation.contains("hard bounce"));
    }

    #[test]
    fn greylisting_in_a_final_failure_is_not_nobodys_business() {
        let mut d = diag("systemerror", Some(451), Some("4.3.0"), Some(false));
        d.flags = vec!["greylisting".into()];
        run(&mut d, None);
        assert_eq!(d.who_must_act, Actor::RecipientAdmin);
        let mut e = diag("expired", None, Some("4.4.7"), Some(true));
        e.action = Some("failed".into());
        e.flags = vec!["greylisting".into()];
        run(&mut e, None);
        assert_eq!(e.who_must_act, Actor::RecipientAdmin);
    }

    #[test]
    fn temporary_final_failure_has_stopped_retrying() {
        let mut d = diag("systemerror", Some(451), Some("4.3.0"), Some(false));
        run(&mut d, None);
        assert_eq!(d.retry.will_retry, Some(false));
        assert!(d.retry.text.contains("stopped trying"));
        d.action = None;
        run(&mut d, Some("gmail"));
        assert_eq!(d.retry.will_retry, Some(true));
        assert!(d.retry.text.contains("about 2 days"), "{}", d.retry.text);
    }

    #[test]
    fn unknown_permanence_is_taken_from_the_codes() {
        let mut d = diag("undefined", Some(550), None, None);
        run(&mut d, None);
        assert_eq!(d.retry.will_retry, Some(false));
        let mut e = diag("undefined", None, None, None);
        run(&mut e, None);
        assert_eq!(e.retry.will_retry, None);
    }

    #[test]
    fn non_failures_say_they_are_not_failures() {
        for reason in ["vacation", "delivered", "feedback"] {
            let mut d = diag(reason, None, None, None);
            d.flags = vec!["spf".into()];
            run(&mut d, None);
            assert!(d.reason_label.contains("not a"), "{reason}: {}", d.reason_label);
            assert_eq!(d.retry.will_retry, Some(false));
            assert!(d.retry.text.contains("not a delivery failure"));
            assert!(d.fix_steps.iter().all(|s| !s.contains("SPF")), "flags do not apply to {reason}");
            assert!(!d.who_must_act_label.contains("retries"), "{reason}: {}", d.who_must_act_label);
        }
    }

    #[test]
    fn pseudo_codes_are_explained_but_not_quoted_as_server_codes() {
        let mut d = diag("userunknown", None, Some("5.0.911"), Some(true));
        d.status_source = Some("pseudo".into());
        run(&mut d, None);
        assert!(d.status_meaning.unwrap().contains("no status code was given"));
        assert_eq!(d.summary, "kijitora@example.jp does not exist");
    }

    #[test]
    fn a_pseudo_code_of_another_reason_says_where_it_comes_from() {
        let mut d = diag("rejected", Some(550), Some("5.0.901"), Some(true));
        d.status_source = Some("pseudo".into());
        run(&mut d, None);
        let m = d.status_meaning.unwrap();
        assert!(m.contains("sisimai gives such a bounce this code") && m.contains("\"onhold\""), "{m}");
        assert!(!m.contains("derived from the reason"), "{m}");
    }

    #[test]
    fn shared_steps_appear_once() {
        let mut d = diag("networkerror", None, Some("4.4.1"), Some(false));
        d.flags = vec!["timeout".into(), "dns_failure".into(), "connection_refused".into()];
        run(&mut d, None);
        assert_eq!(d.fix_steps.len(), 2, "{:?}", d.fix_steps);
    }

    #[test]
    fn steps_and_links_have_no_duplicates() {
        let mut d = diag("authfailure", Some(550), Some("5.7.26"), Some(true));
        d.flags = vec!["spf".into(), "dmarc".into(), "dmarc_policy".into(), "spf".into()];
        d.auth = Some(AuthDetail { spf: Some("fail".into()), dkim: Some("pass".into()), dmarc: Some("fail".into()), arc: None, detail: None });
        run(&mut d, None);
        let mut steps = d.fix_steps.clone();
        steps.sort();
        steps.dedup();
        assert_eq!(steps.len(), d.fix_steps.len());
        let urls: Vec<&str> = d.links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls.iter().filter(|u| u.contains("rfc7489")).count(), 1);
        assert!(urls.iter().any(|u| u.contains("rfc7208")));
        assert!(!urls.iter().any(|u| u.contains("rfc6376")), "DKIM passed");
        assert!(d.admin_detail.iter().any(|l| l == "Authentication results: SPF=fail, DKIM=pass, DMARC=fail"));
    }

    #[test]
    fn auth_results_imply_detail_advice() {
        let mut d = diag("authfailure", Some(550), Some("5.7.1"), Some(true));
        d.auth = Some(AuthDetail { dkim: Some("fail".into()), ..Default::default() });
        run(&mut d, None);
        assert!(d.links.iter().any(|l| l.url.contains("rfc6376")));
        assert_eq!(d.who_must_act, Actor::SenderAdmin);
    }

    #[test]
    fn unknown_reason_falls_back_to_undefined() {
        let mut d = diag("no-such-reason", None, None, None);
        d.recipient = None;
        run(&mut d, None);
        assert_eq!(d.reason_label, "Unknown reason");
        assert_eq!(d.summary, "The message to the recipient was not delivered (reason unknown)");
    }

    #[test]
    fn long_server_words_are_shortened_on_a_char_boundary() {
        let mut d = diag("undefined", Some(550), None, Some(true));
        d.diagnostic_text = Some("é".repeat(400));
        run(&mut d, None);
        let quote = d.admin_detail.iter().find(|l| l.starts_with("Server's words: ")).unwrap();
        assert!(quote.ends_with('…') && quote.len() < 520);
    }

    #[test]
    fn every_reason_explains_without_panicking() {
        for a in advice::REASONS {
            let mut d = diag(a.reason, Some(550), Some("5.0.0"), Some(true));
            run(&mut d, Some("sendmail"));
            assert!(!d.summary.is_empty() && !d.explanation.is_empty() && !d.fix_steps.is_empty(), "{}", a.reason);
        }
    }

    #[test]
    fn queue_lifetimes_match_formats_in_order() {
        assert_eq!(queue_lifetime(Some("ExchangeOnline")).unwrap().lifetime, "24 hours");
        assert_eq!(queue_lifetime(Some("exchange")).unwrap().lifetime, "2 days");
        assert_eq!(queue_lifetime(Some("qmail")).unwrap().lifetime, "7 days");
        assert!(queue_lifetime(Some("domino")).is_none());
        assert!(queue_lifetime(Some("postfix-reject-log")).is_none());
        assert!(queue_lifetime(None).is_none());
    }
}

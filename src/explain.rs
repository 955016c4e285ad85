//! Turns a classified diagnosis into words for people: meanings of the codes, the reason's
//! title, who must act, what happens next, fix steps, admin detail and links. All wording
//! comes from the tables in `crate::knowledge`.

use crate::model::Diagnosis;

/// What the explanation may use besides the diagnosis itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The bounce format recognised (postfix, exim, sendmail, exchange, gmail, ...).
    pub format: Option<&'a str>,
    /// The host that wrote the bounce.
    pub reporting_mta: Option<&'a str>,
}

/// Fills the text fields of `d` (reply_code_meaning, status_meaning, reason_label, retry,
/// who_must_act, who_must_act_label, summary, explanation, fix_steps, admin_detail, links)
/// from its classified fields (reason, reply_code, status, permanent, action, flags, auth,
/// blocklist, provider, recipient).
pub fn explain(d: &mut Diagnosis, ctx: &Context<'_>) {
    let _ = (d, ctx); // TODO(knowledge)
}

// Renders a Bounce Doctor Report (the JSON of src/model.rs) for people: as DOM for the page,
// the widget, the extension popup and the in-place webmail card, and as plain text or Markdown
// for a ticket. All the text comes from the report, which is built from attacker-controlled
// input: the DOM is made with createElement/textContent only, never with HTML strings.

const NOT_BOUNCE = new Set(['delivery_report', 'auto_reply', 'feedback_report', 'not_a_bounce', 'empty']);


/** True when the report describes at least one failed or delayed delivery. */
export function isBounce(report) {
  return !NOT_BOUNCE.has(report.kind) && report.results.length > 0;
}

/** One sentence for the whole report, e.g. for a screen reader's status message. */
export function reportSentence(report) {
  if (!isBounce(report)) return `${report.kind_label}.`;
  const n = report.results.length;
  const what = (d) => d.reason_label || d.summary || permanence(d).label;
  return n > 1 ? `Diagnosis ready: ${n} recipients. First: ${what(report.results[0])}.` : `Diagnosis ready: ${what(report.results[0])}.`;
}

// ---------------------------------------------------------------------------------------------
// What to show: one description of a result, used by the DOM, text and Markdown renderers.

function permanence(d) {
  const action = d.action || '';
  if (action === 'delayed') return { key: 'delayed', label: 'Delayed, not failed yet' };
  if (['delivered', 'relayed', 'expanded'].includes(action)) return { key: 'delivered', label: 'Delivered' };
  if (d.permanent === true) return { key: 'permanent', label: 'Permanent failure' };
  if (d.permanent === false) return { key: 'temporary', label: 'Temporary failure' };
  return { key: 'unknown', label: 'Failure (permanent or temporary: unknown)' };
}

function nextStep(d) {
  if (d.retry && d.retry.text) return d.retry.text;
  const will = d.retry ? d.retry.will_retry : null;
  if (will === true) return 'Your server keeps retrying by itself for a while.';
  if (will === false) return 'Your server does not retry: this message was not delivered.';
  return '';
}

function headline(d) {
  return d.summary || d.reason_label || 'Delivery failed';
}

function who(d) {
  return d.who_must_act_label || '';
}

function codeText(code, meaning) {
  return meaning ? `${code}: ${meaning}` : String(code);
}

/** Only http(s) links become links; anything else stays text. */
export function safeUrl(url) {
  try {
    const u = new URL(String(url));
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

// Rows of the admin section: { label, text, url?, urlText?, pre? }.
function adminRows(d, report) {
  const rows = [];
  const add = (label, text, extra = {}) => {
    if (text !== null && text !== undefined && text !== '') rows.push({ label, text: String(text), ...extra });
  };
  if (d.reply_code !== null && d.reply_code !== undefined) add('Reply code', codeText(d.reply_code, d.reply_code_meaning));
  if (d.status) {
    const derived = d.status_source === 'pseudo' ? ' (not in the message: derived from the reason)' : '';
    add('Enhanced status code', codeText(d.status, d.status_meaning) + derived);
  }
  const conf = typeof d.confidence === 'number' ? `, confidence ${Math.round(d.confidence * 100)}%` : '';
  add('Reason', `${d.reason}${d.reason_label ? ` (${d.reason_label})` : ''}${conf}`);
  if (d.hard_bounce) add('Hard bounce', 'yes: the address is bad, stop sending to it');
  add('Delivery status', d.action);
  add('Refused at SMTP command', d.command);
  add('Remote server', d.remote_mta || report.remote_mta);
  add('Reporting server', report.reporting_mta);
  add('Bounce format', report.format);
  const p = d.provider;
  if (p) {
    add('Provider', p.name);
    if (p.code) add('Provider code', codeText(p.code, p.code_meaning));
    if (p.docs_url && safeUrl(p.docs_url)) add('Provider documentation', p.docs_url, { url: safeUrl(p.docs_url) });
  }
  const b = d.blocklist;
  if (b) {
    add('Blocklist', b.listed ? `${b.name} (listed: ${b.listed})` : b.name);
    if (safeUrl(b.delist_url)) add('Check listing and delist', b.delist_url, { url: safeUrl(b.delist_url) });
  }
  const a = d.auth;
  if (a) {
    const parts = ['spf', 'dkim', 'dmarc', 'arc'].filter((k) => a[k]).map((k) => `${k.toUpperCase()}: ${a[k]}`);
    add('Authentication', parts.join(', '));
    add('Authentication detail', a.detail);
  }
  if (d.flags && d.flags.length) add('Flags', d.flags.join(', '));
  add("Server's words", d.diagnostic_text, { pre: true });
  return rows;
}

// The core's admin_detail also restates facts that the rows above show (codes and their
// meanings, servers, provider, blocklist, the server's words). Keep only the lines that add
// something: a line that quotes a shown fact and has little else is left out.
function adviceLines(d, report) {
  const p = d.provider || {};
  const b = d.blocklist || {};
  const a = d.auth || {};
  const facts = [d.reply_code, d.reply_code_meaning, d.status, d.status_meaning, d.command, d.remote_mta,
    report.remote_mta, report.reporting_mta, p.name, p.code, p.code_meaning, b.name, b.listed, b.delist_url,
    a.spf, a.dkim, a.dmarc, a.arc, a.detail]
    .filter((v) => v !== null && v !== undefined && String(v).trim() !== '')
    .map((v) => String(v))
    .sort((x, y) => y.length - x.length);
  const quote = d.diagnostic_text ? oneLine(d.diagnostic_text).slice(0, 40) : null;
  return (d.admin_detail || []).filter((line) => {
    if (quote && oneLine(line).includes(quote)) return false;
    let rest = line;
    for (const f of facts) rest = rest.split(f).join('');
    return rest === line || rest.trim().length >= 60;
  });
}

function evidenceLabel(e) {
  return e.line ? `line ${e.line}` : 'not verbatim in the input';
}

// Report-level rows: the bounce and the message that bounced.
function messageRows(report) {
  const rows = [];
  const add = (label, text) => { if (text) rows.push({ label, text: String(text) }); };
  const o = report.original || {};
  add('Original subject', o.subject);
  add('Original sender', o.from);
  add('Original recipient', o.to);
  add('Original date', o.date);
  add('Original Message-ID', o.message_id);
  add('Bounce subject', report.bounce_subject);
  add('Bounce sender', report.bounce_from);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// DOM

let uid = 0;

function maker(doc) {
  // el('p', { class: 'x' }, 'text', node, ...): children are strings (text nodes) or nodes.
  return function el(tag, attrs, ...children) {
    const node = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') node.className = v;
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false || c === '') continue;
      node.append(typeof c === 'string' || typeof c === 'number' ? doc.createTextNode(String(c)) : c);
    }
    return node;
  };
}

function link(el, url, text) {
  const href = safeUrl(url);
  if (!href) return el('span', {}, text);
  return el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, text);
}

function rowsList(el, rows) {
  const dl = el('dl', { class: 'bd-rows' });
  for (const r of rows) {
    const value = r.pre ? el('pre', { class: 'bd-pre' }, r.text) : r.url ? link(el, r.url, r.text) : r.text;
    dl.append(el('div', { class: 'bd-row' }, el('dt', {}, r.label), el('dd', {}, value)));
  }
  return dl;
}

function stepsList(el, d) {
  return el('ol', { class: 'bd-steps' }, d.fix_steps.map((s) => el('li', {}, s)));
}

function adminSection(el, d, report, opts, H) {
  const parts = [rowsList(el, adminRows(d, report))];
  const advice = adviceLines(d, report);
  if (advice.length) parts.push(el('ul', { class: 'bd-admin-detail' }, advice.map((s) => el('li', {}, s))));
  if (d.links && d.links.length) {
    parts.push(el(H(2), { class: 'bd-subhead' }, 'Further reading'));
    parts.push(el('ul', { class: 'bd-links' }, d.links.map((l) => el('li', {}, link(el, l.url, l.title || l.url)))));
  }
  if (d.evidence && d.evidence.length) {
    parts.push(el(H(2), { class: 'bd-subhead' }, 'Evidence'));
    parts.push(el('ul', { class: 'bd-evidence' }, d.evidence.map((e) => {
      const where = opts.onEvidence && e.line
        ? el('button', { type: 'button', class: 'bd-evidence-line', 'aria-label': `Show line ${e.line} in the input` }, evidenceLabel(e))
        : el('span', { class: 'bd-evidence-line' }, evidenceLabel(e));
      if (where.tagName === 'BUTTON') where.addEventListener('click', () => opts.onEvidence(e));
      return el('li', { 'data-line': e.line || null },
        el('span', { class: 'bd-evidence-why' }, e.why), ' (', where, '): ',
        el('code', { class: 'bd-evidence-text' }, e.text));
    })));
  }
  return el('details', { class: 'bd-admin' }, el('summary', {}, 'Details for mail administrators'), parts);
}

function resultArticle(el, d, i, report, opts, H) {
  const perm = permanence(d);
  const n = report.results.length;
  const next = nextStep(d);
  const art = el('article', {
    class: `bd-result bd-${perm.key}`,
    'data-reason': d.reason,
    'data-permanent': perm.key,
    'data-actor': d.who_must_act,
    'data-hard': d.hard_bounce ? 'true' : 'false',
    'data-status': d.status,
    'data-reply': d.reply_code,
    'data-provider': d.provider ? d.provider.id : null,
    'data-blocklist': d.blocklist ? d.blocklist.id : null,
  });
  if (n > 1) art.append(el('p', { class: 'bd-count' }, `Recipient ${i + 1} of ${n}`));
  art.append(el(H(1), { class: 'bd-headline' }, headline(d)));
  if (d.recipient) art.append(el('p', { class: 'bd-recipient' }, 'To: ', el('span', { class: 'bd-addr' }, d.recipient)));
  art.append(el('p', { class: 'bd-status' },
    el('span', { class: `bd-badge bd-badge-${perm.key}` }, perm.label),
    d.reason_label ? el('span', { class: 'bd-badge bd-badge-reason' }, d.reason_label) : null));
  if (next) art.append(el('p', { class: 'bd-next' }, el('strong', {}, 'What happens next: '), next));
  if (who(d)) art.append(el('p', { class: 'bd-who' }, el('strong', {}, 'Who must act: '), who(d)));
  const steps = d.fix_steps && d.fix_steps.length ? stepsList(el, d) : null;
  if (opts.compact) {
    if (steps) art.append(el('details', { class: 'bd-fix' }, el('summary', {}, `How to fix it (${d.fix_steps.length} steps)`), steps));
  } else {
    if (d.explanation) art.append(el('p', { class: 'bd-explain' }, d.explanation));
    if (steps) art.append(el(H(2), { class: 'bd-subhead' }, 'What to do'), steps);
  }
  art.append(adminSection(el, d, report, opts, H));
  return art;
}

/**
 * renderReport(report, { compact, doc, onClose, onEvidence, level }) -> <section class="bd-report">
 * compact: the in-place card (fix steps folded); doc: Document to build in; onClose: adds a close
 * button calling it; onEvidence(evidence): makes evidence line numbers buttons; level: heading
 * level of the report title (default 2).
 */
export function renderReport(report, opts = {}) {
  const el = maker(opts.doc || document);
  const level = Math.min(Math.max(opts.level || 2, 1), 4);
  const H = (k) => `h${Math.min(level + k, 6)}`;
  const id = `bd-report-${++uid}`;
  const bounce = isBounce(report);
  const sec = el('section', {
    class: `bd-report${opts.compact ? ' bd-compact' : ''}`,
    'aria-labelledby': id,
    'data-kind': report.kind,
    'data-results': report.results.length,
  });
  if (opts.onClose) {
    const close = el('button', { type: 'button', class: 'bd-close', 'aria-label': 'Close the diagnosis' }, '\u00d7');
    close.addEventListener('click', () => opts.onClose());
    sec.append(close);
  }
  sec.append(el(H(0), { class: 'bd-title', id }, bounce ? 'Why your email bounced' : 'Not a bounce'));
  sec.append(el('p', { class: 'bd-kind' }, report.kind_label));
  if (!bounce) {
    const statement = NOT_BOUNCE.has(report.kind)
      ? 'This is not a delivery failure: there is nothing to fix.'
      : 'No failed recipient was found in this text.';
    sec.append(el('p', { class: 'bd-statement' }, statement));
    if (report.summary) sec.append(el('p', { class: 'bd-summary' }, report.summary));
  } else {
    if (report.summary && report.results.length > 1) sec.append(el('p', { class: 'bd-summary' }, report.summary));
    report.results.forEach((d, i) => sec.append(resultArticle(el, d, i, report, opts, H)));
  }
  const msg = messageRows(report);
  if (msg.length && !opts.compact) {
    sec.append(el('details', { class: 'bd-message' }, el('summary', {}, 'About the message'), rowsList(el, msg)));
  }
  if (report.notes && report.notes.length) {
    sec.append(el('ul', { class: 'bd-notes', 'aria-label': 'Notes about the input' }, report.notes.map((s) => el('li', {}, s))));
  }
  return sec;
}

// ---------------------------------------------------------------------------------------------
// Text and Markdown, for a ticket.

function oneLine(s) {
  return String(s).replace(/\s+/g, ' ').trim();
}

// Plain text: everything on its own line, no markup at all.
export function reportToText(report) {
  const out = ['Bounce Doctor diagnosis', `Input: ${oneLine(report.kind_label)}`];
  if (!isBounce(report)) {
    out.push(NOT_BOUNCE.has(report.kind) ? 'Not a bounce: nothing to fix.' : 'No failed recipient found.');
    if (report.summary) out.push(oneLine(report.summary));
  }
  const results = isBounce(report) ? report.results : [];
  results.forEach((d, i) => {
    out.push('');
    if (results.length > 1) out.push(`Recipient ${i + 1} of ${results.length}`);
    out.push(oneLine(headline(d)));
    if (d.recipient) out.push(`To: ${oneLine(d.recipient)}`);
    out.push(`${permanence(d).label}${d.reason_label ? `: ${oneLine(d.reason_label)}` : ''}`);
    if (nextStep(d)) out.push(`What happens next: ${oneLine(nextStep(d))}`);
    if (who(d)) out.push(`Who must act: ${oneLine(who(d))}`);
    if (d.explanation) out.push(oneLine(d.explanation));
    if (d.fix_steps.length) {
      out.push('What to do:');
      d.fix_steps.forEach((s, k) => out.push(`  ${k + 1}. ${oneLine(s)}`));
    }
    out.push('Details for mail administrators:');
    for (const r of adminRows(d, report)) out.push(`  ${r.label}: ${oneLine(r.text)}`);
    for (const s of adviceLines(d, report)) out.push(`  - ${oneLine(s)}`);
    for (const l of d.links || []) out.push(`  Link: ${oneLine(l.title)} <${oneLine(l.url)}>`);
    for (const e of d.evidence || []) out.push(`  Evidence (${e.why}, ${evidenceLabel(e)}): ${oneLine(e.text)}`);
  });
  const msg = messageRows(report);
  if (msg.length) {
    out.push('');
    for (const r of msg) out.push(`${r.label}: ${oneLine(r.text)}`);
  }
  return out.join('\n') + '\n';
}

// Markdown: text from the input is escaped so that it can neither format nor inject HTML in
// the ticket system; long free text goes in code spans or fences longer than any backtick run.
export function escapeMarkdown(s) {
  return oneLine(s)
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

// Escaped text that starts a line: it must not read as a heading, list item or rule either.
function mdParagraph(s) {
  return escapeMarkdown(s).replace(/^[#+=-]/, '\\$&').replace(/^(\d+)([.)])/, '$1\\$2');
}

function codeSpan(s) {
  const text = oneLine(s);
  const longest = Math.max(0, ...(text.match(/`+/g) || []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${text} ${fence}`;
}

function mdLink(title, url) {
  const href = safeUrl(url);
  const t = escapeMarkdown(title || url);
  return href ? `[${t}](<${href.replace(/[<>\s]/g, encodeURIComponent)}>)` : t;
}

export function reportToMarkdown(report) {
  const out = ['## Bounce Doctor diagnosis', '', `**Input:** ${escapeMarkdown(report.kind_label)}`];
  if (!isBounce(report)) {
    out.push('', NOT_BOUNCE.has(report.kind) ? 'Not a bounce: nothing to fix.' : 'No failed recipient found.');
    if (report.summary) out.push('', mdParagraph(report.summary));
  }
  const results = isBounce(report) ? report.results : [];
  results.forEach((d, i) => {
    const count = results.length > 1 ? `Recipient ${i + 1} of ${results.length}: ` : '';
    out.push('', `### ${count}${escapeMarkdown(headline(d))}`, '');
    if (d.recipient) out.push(`- **To:** ${codeSpan(d.recipient)}`);
    out.push(`- **${permanence(d).label}**${d.reason_label ? `: ${escapeMarkdown(d.reason_label)}` : ''}`);
    if (nextStep(d)) out.push(`- **What happens next:** ${escapeMarkdown(nextStep(d))}`);
    if (who(d)) out.push(`- **Who must act:** ${escapeMarkdown(who(d))}`);
    if (d.explanation) out.push('', mdParagraph(d.explanation));
    if (d.fix_steps.length) {
      out.push('', '**What to do:**', '');
      d.fix_steps.forEach((s, k) => out.push(`${k + 1}. ${escapeMarkdown(s)}`));
    }
    out.push('', '**Details for mail administrators:**', '');
    for (const r of adminRows(d, report)) {
      const value = r.url ? mdLink(r.text, r.url) : r.pre ? codeSpan(r.text) : escapeMarkdown(r.text);
      out.push(`- ${r.label}: ${value}`);
    }
    for (const s of adviceLines(d, report)) out.push(`- ${escapeMarkdown(s)}`);
    for (const l of d.links || []) out.push(`- Link: ${mdLink(l.title, l.url)}`);
    for (const e of d.evidence || []) out.push(`- Evidence (${escapeMarkdown(e.why)}, ${evidenceLabel(e)}): ${codeSpan(e.text)}`);
  });
  const msg = messageRows(report);
  if (msg.length) {
    out.push('');
    for (const r of msg) out.push(`- ${r.label}: ${escapeMarkdown(r.text)}`);
  }
  return out.join('\n') + '\n';
}

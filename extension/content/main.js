// The content script's main loop, the same for every webmail (the adapter, loaded before
// this file, knows the site's DOM). A MutationObserver only collects the elements the page
// adds; a short timer later looks at those (never the whole document) for opened messages.
// A message whose sender or subject looks like a bounce and whose body carries an SMTP code
// or DSN wording goes to the background, where the core diagnoses it; the answer becomes a
// card above the body and a highlight of the evidence in it.
'use strict';

(() => {
  const bd = globalThis.bounceDoctor;
  if (!bd || !bd.adapter || bd.main) return;
  bd.main = true;

  const { adapter, detect, highlight, timing, api } = bd;
  const HOST = `[${bd.card.HOST_ATTR}]`;
  const FLUSH_MS = 40;

  const now = () => performance.now();
  const seen = new WeakMap(); // message element -> 'no' (not a bounce by its header) | 'pending' | 'done'
  const reports = new Map(); // message key -> report (so a re-render needs no new diagnosis)
  const REPORTS_KEPT = 100;
  const dismissed = new Set(); // message keys whose card the person closed
  const pending = new Set(); // elements added since the last flush
  let observer = null;
  let timer = 0;
  let failed = false;

  // FNV-1a: a key for messages the webmail gives no id.
  function hash(s) {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return 'h' + (h >>> 0).toString(16) + ':' + s.length;
  }

  // One console line, then the content script rests: the webmail goes on as if it were not here.
  function reportFailure(e) {
    if (failed) return;
    failed = true;
    observer?.disconnect();
    const what = e.unavailable ? 'the diagnosis core is not available' : 'the card could not be built';
    console.error(`Bounce Doctor: ${what} (${e?.message || e}); bounces on this page are not annotated.`);
  }

  async function diagnose(text) {
    let reply;
    try {
      reply = await api.runtime.sendMessage({ type: 'diagnose', text });
    } catch (e) {
      reply = { ok: false, error: String(e?.message || e) };
    }
    if (reply?.ok) return reply.report;
    const err = new Error(reply?.error || 'no answer from the extension background');
    err.unavailable = !reply || reply.unavailable !== false;
    throw err;
  }

  function evidenceTexts(report) {
    return report.results.flatMap((r) => r.evidence.map((e) => e.text)).filter(Boolean);
  }

  // Card + highlight for one message (synchronous once the UI module is loaded).
  function annotate(msg, body, key, report, ui) {
    if (!observer || !msg.isConnected || msg.querySelector(HOST) || dismissed.has(key)) return;
    const host = bd.showCard(ui, body, report, {
      key,
      onClose: () => {
        dismissed.add(key);
        host.remove();
        highlight.unmark(body);
      },
    });
    highlight.mark(body, evidenceTexts(report));
    seen.set(msg, 'done');
  }

  // Looks at one opened message and annotates it when it is a bounce.
  function check(msg) {
    const t0 = now();
    const state = seen.get(msg);
    if (state === 'no' || state === 'pending' || failed || msg.querySelector(HOST)) return;
    const subject = adapter.subject(msg);
    const bounceLike = detect.sender(adapter.sender(msg)) || detect.subject(subject);
    if (!bounceLike && !detect.forwarded(subject)) {
      seen.set(msg, 'no');
      timing.add('other', now() - t0);
      return;
    }
    const body = adapter.body(msg);
    const text = body ? bd.textOf(body) : '';
    // (a forwarded message counts only with the forwarded bounce's own header lines in it: a
    // person quoting an error is no bounce)
    if (!body || !detect.body(text) || !bounceLike && !detect.forwardedBounce(text)) {
      // Collapsed, still loading, or a bounce-like header over an ordinary body: looked at
      // again when the message changes.
      timing.add('other', now() - t0);
      return;
    }
    const key = adapter.key(msg) || hash(text);
    if (dismissed.has(key)) return;
    seen.set(msg, 'pending');
    const spent = now() - t0;
    const cached = reports.get(key);
    Promise.all([cached || diagnose(text), bd.loadUi()]).then(
      ([report, ui]) => {
        reports.set(key, report);
        if (reports.size > REPORTS_KEPT) reports.delete(reports.keys().next().value);
        const ok = ui.isBounce(report);
        seen.set(msg, ok ? 'done' : 'no');
        if (!ok) return timing.add('other', spent);
        const t1 = now();
        annotate(msg, body, key, report, ui);
        timing.add('bounce', spent + now() - t1);
      },
      (e) => {
        seen.set(msg, 'no');
        // unavailable === false: the core refused this input (too large, binary); leave it be.
        if (e.unavailable !== false) reportFailure(e);
      }
    );
  }

  function flush() {
    timer = 0;
    const t0 = now();
    const messages = new Set();
    for (const node of pending) {
      if (node.isConnected) for (const m of adapter.messagesIn(node)) messages.add(m);
    }
    pending.clear();
    timing.add('scan', now() - t0);
    for (const m of messages) check(m);
  }

  const ours = (n) => n.hasAttribute(bd.card.HOST_ATTR) || n.hasAttribute(highlight.MARK_ATTR);

  function onMutations(records) {
    for (const r of records) {
      for (const n of r.addedNodes) if (n.nodeType === 1 && !ours(n)) pending.add(n);
      // Our card taken away by a re-render of the message: put it back.
      for (const n of r.removedNodes) if (n.nodeType === 1 && n.hasAttribute(bd.card.HOST_ATTR)) pending.add(r.target);
    }
    if (pending.size && !timer) timer = setTimeout(flush, FLUSH_MS);
  }

  function start() {
    if (observer) return;
    observer = new MutationObserver(onMutations);
    observer.observe(document.documentElement, { childList: true, subtree: true });
    if (document.body) pending.add(document.body);
    if (!timer) timer = setTimeout(flush, 0);
    // Compile the detection patterns while the page is idle, not when a message opens.
    (globalThis.requestIdleCallback || setTimeout)(() => {
      const t0 = now();
      detect.subject('');
      detect.body('');
      timing.add('warm-up', now() - t0);
    });
  }

  function stop() {
    if (!observer) return;
    observer.disconnect();
    observer = null;
    clearTimeout(timer);
    timer = 0;
    pending.clear();
    for (const host of document.querySelectorAll(HOST)) {
      const body = host.nextElementSibling;
      host.remove();
      if (body) highlight.unmark(body);
    }
    for (const m of document.querySelectorAll(`mark[${highlight.MARK_ATTR}]`)) if (m.isConnected) highlight.unmark(m.parentElement);
  }

  // The per-site switch of the options page (on unless switched off).
  const enabled = (sites) => sites?.[adapter.site] !== false;
  api.storage.local.get('sites').then(
    ({ sites }) => enabled(sites) && start(),
    () => start()
  );
  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.sites) (enabled(changes.sites.newValue) ? start : stop)();
  });
})();

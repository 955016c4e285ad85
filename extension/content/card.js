// The in-place card: a host element above the message body with a Shadow DOM, so the
// webmail's CSS neither leaks in nor out. The content is the shared UI module's compact
// report (ui/render.js, styled by ui/bd.css), loaded once per page from the package.
'use strict';

(() => {
  const bd = (globalThis.bounceDoctor = globalThis.bounceDoctor || {});
  const HOST_ATTR = 'data-bounce-doctor';

  // The frame of the card and its "Bounce Doctor" label (so nobody takes it for the webmail's
  // own words); everything inside the report is bd.css.
  const HOST_CSS =
    ':host{display:block;box-sizing:border-box;margin:0 0 12px;max-width:100%;font-size:14px;line-height:1.4;padding:8px 12px;' +
    'border:1px solid rgba(127,127,127,.4);border-radius:var(--_radius,8px);background:var(--_bg,#fff);color:var(--_fg,#1b1c20);}' +
    '.bd-card-brand{margin:0;font-size:12px;font-weight:600;letter-spacing:.02em;opacity:.7;}';

  let ui = null; // Promise of { renderReport, sheets }

  async function loadUi() {
    const t0 = performance.now();
    const url = (p) => bd.api.runtime.getURL(p);
    const [mod, css] = await Promise.all([
      import(url('ui/render.js')),
      fetch(url('ui/bd.css')).then((r) => r.text()),
    ]);
    let sheets = null;
    try {
      sheets = [new CSSStyleSheet(), new CSSStyleSheet()];
      sheets[0].replaceSync(HOST_CSS);
      sheets[1].replaceSync(css);
    } catch {
      sheets = null; // no constructable stylesheets here: <style> elements instead
    }
    bd.timing.add('ui-load', performance.now() - t0); // wall time, not all of it main thread
    return { renderReport: mod.renderReport, isBounce: mod.isBounce, sheets, css };
  }

  // The UI module, loaded on the first card of the page (a retry after a failure).
  bd.loadUi = () => (ui ??= loadUi().catch((e) => { ui = null; throw e; }));

  // Builds the card for `report` with the loaded UI module and inserts it before `body`.
  // Synchronous. Returns the host element.
  bd.showCard = ({ renderReport, sheets, css }, body, report, { onClose, key }) => {
    const doc = body.ownerDocument;
    const host = doc.createElement('div');
    host.setAttribute(HOST_ATTR, 'card');
    if (key) host.setAttribute('data-bounce-doctor-key', key);
    const first = report.results?.[0];
    // What the card says, for scripts and tests reading the page (the page has the bounce anyway).
    if (first) {
      host.setAttribute('data-bounce-doctor-reason', first.reason);
      host.setAttribute('data-bounce-doctor-permanent', String(first.permanent));
    }
    host.setAttribute('role', 'region');
    host.setAttribute('aria-label', 'Bounce Doctor: what went wrong with this email');
    const root = host.attachShadow({ mode: 'open' });
    let adopted = false;
    if (sheets) {
      try {
        root.adoptedStyleSheets = sheets;
        adopted = true;
      } catch {
        // e.g. sheets from another realm: fall back to <style>
      }
    }
    if (!adopted) {
      const style = doc.createElement('style');
      style.textContent = HOST_CSS + css;
      root.appendChild(style);
    }
    const brand = doc.createElement('p');
    brand.className = 'bd-card-brand';
    brand.textContent = 'Bounce Doctor';
    root.append(brand, renderReport(report, { compact: true, doc, onClose }));
    body.parentNode.insertBefore(host, body);
    return host;
  };

  bd.card = { HOST_ATTR };
})();

// <bounce-doctor>: the widget for help sites. One line embeds it:
//   <script type="module" src="/bounce-doctor/widget.js"></script><bounce-doctor></bounce-doctor>
// It lives in a Shadow DOM (the host page's CSS neither leaks in nor out), loads its styles and
// the wasm core from beside this file, and is themed with the --bd-* custom properties set on the
// element or any ancestor. Attributes: compact (the short card form of the result),
// heading (its title; heading="" for none), heading-level (default 2).

import { latestOnly, loadCore } from './core.js';
import { wireInput } from './input.js';
import { renderReport, reportSentence } from './ui/render.js';

const CSS_URL = new URL('./ui/bd.css', import.meta.url).href;
let count = 0;

export class BounceDoctorElement extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    const n = ++count;
    const make = (tag, props = {}) => Object.assign(document.createElement(tag), props);

    const css = make('link', { rel: 'stylesheet', href: CSS_URL });
    const box = make('div', { className: 'bd-widget' });
    const level = Math.min(Math.max(Number(this.getAttribute('heading-level')) || 2, 1), 5);
    const title = this.hasAttribute('heading') ? this.getAttribute('heading') : 'Why did my email bounce?';
    if (title) box.append(make(`h${level}`, { className: 'bd-widget-title', textContent: title }));

    const label = make('label', { className: 'bd-label', htmlFor: `bd-w${n}-input`, textContent: 'Paste the bounce message or the error text' });
    const textarea = make('textarea', { id: `bd-w${n}-input`, className: 'bd-textarea', rows: 8, spellcheck: false, autocomplete: 'off' });
    textarea.setAttribute('aria-describedby', `bd-w${n}-help`);
    const help = make('p', { id: `bd-w${n}-help`, className: 'bd-help', textContent: 'Or open an .eml or .txt file. Nothing leaves your computer.' });
    const file = make('input', { type: 'file', id: `bd-w${n}-file`, className: 'bd-file-input', accept: '.eml,.txt,.msg,.log,message/rfc822,text/plain' });
    const fileLabel = make('label', { htmlFor: `bd-w${n}-file`, className: 'bd-button', textContent: 'Open a file…' });
    const actions = make('div', { className: 'bd-actions' });
    actions.append(file, fileLabel);
    const status = make('p', { className: 'bd-visually-hidden' });
    status.setAttribute('role', 'status');
    const error = make('p', { className: 'bd-error', hidden: true });
    error.setAttribute('role', 'alert');
    const result = make('div', { className: 'bd-result-area' });
    box.append(label, textarea, help, actions, status, error, result);
    root.append(css, box);

    const showError = (message) => {
      error.hidden = !message;
      error.textContent = message || '';
    };
    const diagnose = latestOnly();
    wireInput({
      textarea,
      fileInput: file,
      dropTarget: box,
      onError: showError,
      onSource: async (source) => {
        const empty = !source.bytes && !source.text.trim();
        const answer = await diagnose(empty ? '' : source.bytes || source.text);
        if (!answer) return; // a newer input arrived meanwhile
        const report = empty ? null : answer.report;
        showError(empty ? '' : answer.error);
        result.replaceChildren(...(report ? [renderReport(report, { compact: this.hasAttribute('compact'), level: level + 1 })] : []));
        status.textContent = report ? reportSentence(report) : '';
        this.dispatchEvent(new CustomEvent('bd-diagnosis', { detail: report || null }));
      },
    });
    loadCore().catch((e) => showError(e.message));
  }
}

if (!customElements.get('bounce-doctor')) customElements.define('bounce-doctor', BounceDoctorElement);

// Firefox smoke run of dist/extension-firefox: Debian's firefox-esr driven over WebDriver
// BiDi (a small client below, on node's WebSocket), the extension installed as a temporary
// add-on, the webmail fixtures served from the fixture server under their real URLs (BiDi
// network interception) with the strict page CSP. Checks that the background module loads
// the wasm core and the content script annotates a bounce, and nothing else.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GMAIL, OUTLOOK, ROOT, startFixtureServer } from './ext-harness.mjs';

const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const PREFS = {
  'remote.active-protocols': 1, // BiDi only
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'app.update.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.update.enabled': false,
};

let server;
let firefox;
let profile;
let bidi;
let ctx;

// A minimal WebDriver BiDi client: send(method, params) -> result; on(handler) for events.
async function connect(url) {
  const ws = new WebSocket(`${url}/session`);
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve, { once: true });
    ws.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)), { once: true });
  });
  let next = 0;
  const waiting = new Map();
  const handlers = [];
  ws.addEventListener('message', (e) => {
    const m = JSON.parse(e.data);
    if (m.type === 'event') return handlers.forEach((h) => h(m));
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.type === 'error') w.reject(new Error(`${m.error}: ${m.message}`));
    else w.resolve(m.result);
  });
  return {
    send: (method, params = {}) =>
      new Promise((resolve, reject) => {
        const id = ++next;
        waiting.set(id, { resolve, reject });
        ws.send(JSON.stringify({ id, method, params }));
      }),
    on: (h) => handlers.push(h),
    close: () => ws.close(),
  };
}

function startFirefox() {
  profile = mkdtempSync(join(tmpdir(), 'bd-ff-'));
  writeFileSync(join(profile, 'user.js'), Object.entries(PREFS).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join('\n'));
  firefox = spawn(FIREFOX, ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`firefox did not start BiDi: ${out.slice(-500)}`)), 60000);
    const read = (d) => {
      out += d;
      const m = out.match(/WebDriver BiDi listening on (ws:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    firefox.stdout.on('data', read);
    firefox.stderr.on('data', read);
    firefox.on('exit', (code) => reject(new Error(`firefox exited (${code}): ${out.slice(-500)}`)));
  });
}

before(async () => {
  server = await startFixtureServer();
  bidi = await connect(await startFirefox());
  await bidi.send('session.new', { capabilities: {} });
  await bidi.send('webExtension.install', { extensionData: { type: 'path', path: join(ROOT, 'dist', 'extension-firefox') } });
  ctx = (await bidi.send('browsingContext.getTree', {})).contexts[0].context;
  // Serve the fixtures under the webmail hosts; nothing else is answered.
  const base = `http://127.0.0.1:${server.address().port}`;
  await bidi.send('session.subscribe', { events: ['network.beforeRequestSent'] });
  await bidi.send('network.addIntercept', {
    phases: ['beforeRequestSent'],
    urlPatterns: ['mail.google.com', 'outlook.office.com'].map((hostname) => ({ type: 'pattern', protocol: 'https', hostname })),
  });
  bidi.on(async (m) => {
    if (m.method !== 'network.beforeRequestSent' || !m.params.isBlocked) return;
    const { request, navigation } = m.params;
    const url = new URL(request.url);
    const site = url.hostname === 'mail.google.com' ? 'gmail' : 'outlook';
    const r = navigation ? await fetch(`${base}/${site}${url.pathname}`) : null;
    const headers = r ? [...r.headers].map(([name, value]) => ({ name, value: { type: 'string', value } })) : [];
    await bidi
      .send('network.provideResponse', {
        request: request.request,
        statusCode: r ? r.status : 404,
        reasonPhrase: r ? 'OK' : 'Not Found',
        headers,
        body: { type: 'string', value: r ? await r.text() : '' },
      })
      .catch(() => {});
  });
});

after(async () => {
  bidi?.close();
  if (firefox && firefox.exitCode === null) {
    firefox.kill();
    await new Promise((r) => firefox.once('exit', r));
  }
  server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function evaluate(expression) {
  const r = await bidi.send('script.evaluate', { target: { context: ctx }, expression, awaitPromise: false });
  if (r.type === 'exception') throw new Error(r.exceptionDetails.text);
  return r.result.value;
}

const CARDS = `JSON.stringify([...document.querySelectorAll('[data-bounce-doctor]')].map((h) => ({
  reason: h.getAttribute('data-bounce-doctor-reason'),
  permanent: h.getAttribute('data-bounce-doctor-permanent'),
  styled: getComputedStyle(h).borderTopWidth === '1px' && h.shadowRoot.querySelector('.bd-report') !== null,
  marks: document.querySelectorAll('mark[data-bounce-doctor-mark]').length,
  violations: window.__cspViolations.length,
})))`;

async function cardsAfter(url, wantCard) {
  await bidi.send('browsingContext.navigate', { context: ctx, url, wait: 'complete' });
  for (let i = 0; i < 60; i++) {
    const cards = JSON.parse(await evaluate(CARDS));
    if (cards.length || (!wantCard && i >= 4)) return cards;
    await new Promise((r) => setTimeout(r, 250));
  }
  return [];
}

test('Firefox: a Gmail bounce gets its card, styled, with the evidence highlighted', async () => {
  const cards = await cardsAfter(`${GMAIL}#inbox/nouser`, true);
  assert.equal(cards.length, 1);
  assert.deepEqual(cards[0], { reason: 'userunknown', permanent: 'true', styled: true, marks: cards[0].marks, violations: 0 });
  assert.ok(cards[0].marks >= 1);
});

test('Firefox: no card on ordinary mail; an Outlook delay is temporary', async () => {
  assert.deepEqual(await cardsAfter(`${GMAIL}#inbox/normal`, false), []);
  const cards = await cardsAfter(`${OUTLOOK}delayed`, true);
  assert.equal(cards.length, 1);
  assert.equal(cards[0].permanent, 'false');
});

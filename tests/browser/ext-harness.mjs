// Test harness of the extension: Debian's chromium (driven by playwright-core) with the
// unpacked extension loaded, and the webmail fixtures served by a server on 127.0.0.1 under
// the real webmail URLs (Playwright routes https://mail.google.com/** etc. to it), with a
// strict page CSP like theirs: no 'wasm-unsafe-eval', nonce scripts, Trusted Types.
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, '..', '..');
export const EXT_DIR = join(ROOT, 'dist', 'extension-chrome');
const FIXTURES = join(here, 'fixtures', 'ext');

export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'nonce-bdfixture' 'strict-dynamic'",
  "style-src 'self' 'nonce-bdfixture'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
].join('; ');

export const GMAIL = 'https://mail.google.com/mail/u/0/';
export const OUTLOOK = 'https://outlook.office.com/mail/inbox/id/';

// The fixture server: /gmail/... serves gmail.html, /outlook/... outlook.html, with the CSP.
export function startFixtureServer() {
  const server = createServer((req, res) => {
    const site = req.url.split('/')[1];
    const file = { gmail: 'gmail.html', outlook: 'outlook.html' }[site];
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PAGE_CSP });
    res.end(readFileSync(join(FIXTURES, file)));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// Launches chromium with the extension in `extDir`. Returns { context, extensionId, worker,
// requests, close }; `requests` lists every http(s) request the pages made.
export async function launch({ extDir = EXT_DIR, server } = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'bd-ext-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: false, // the flag below gives new headless, which loads extensions
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
      `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`,
    ],
    viewport: { width: 1200, height: 900 },
  });
  const base = `http://127.0.0.1:${server.address().port}`;
  const requests = [];
  // Anything else than the fixtures is refused (and listed): the run is offline.
  await context.route(/^https?:/, (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  const serve = (site) => async (route) => {
    requests.push(route.request().url());
    const url = new URL(route.request().url());
    if (route.request().resourceType() !== 'document') return route.abort();
    const r = await fetch(`${base}/${site}${url.pathname}`);
    return route.fulfill({ status: r.status, headers: Object.fromEntries(r.headers), body: Buffer.from(await r.arrayBuffer()) });
  };
  await context.route('https://mail.google.com/**', serve('gmail'));
  for (const host of ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com', 'outlook.cloud.microsoft']) {
    await context.route(`https://${host}/**`, serve('outlook'));
  }
  const worker = context.serviceWorkers()[0] || (await context.waitForEvent('serviceworker', { timeout: 15000 }));
  const extensionId = new URL(worker.url()).host;
  const close = async () => {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, extensionId, worker, requests, close };
}

// The card hosts in the page: [{ reason, permanent, key, text }], text from the shadow root.
export function cards(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-bounce-doctor]')].map((h) => ({
      reason: h.getAttribute('data-bounce-doctor-reason'),
      permanent: h.getAttribute('data-bounce-doctor-permanent'),
      key: h.getAttribute('data-bounce-doctor-key'),
      text: h.shadowRoot ? h.shadowRoot.textContent : null,
    }))
  );
}

// Waits until the page shows `n` cards (or the timeout passes) and returns them.
export async function waitForCards(page, n, timeout = 5000) {
  await page
    .waitForFunction((k) => document.querySelectorAll('[data-bounce-doctor]').length >= k, n, { timeout })
    .catch(() => {});
  return cards(page);
}

// Lets the content script's debounce and the background round-trip pass.
export const settle = (page, ms = 400) => page.waitForTimeout(ms);

// Reads the content script's timing records in the extension's isolated world through the
// DevTools protocol (nothing is exposed to the page). Returns async () => records; valid
// while the page stays on the same document (in-app navigation is fine).
export async function timingReader(context, page) {
  const cdp = await context.newCDPSession(page);
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  const expression = 'globalThis.bounceDoctor && JSON.stringify(globalThis.bounceDoctor.timing.records)';
  for (const c of contexts.filter((x) => x.origin.startsWith('chrome-extension://'))) {
    const r = await cdp.send('Runtime.evaluate', { contextId: c.id, expression, returnByValue: true });
    if (typeof r.result.value === 'string') {
      return async () => JSON.parse((await cdp.send('Runtime.evaluate', { contextId: c.id, expression, returnByValue: true })).result.value);
    }
  }
  throw new Error('content script not found in the page');
}

// Shared set-up of the web browser tests: Debian's Chromium through playwright-core, the built
// page served on 127.0.0.1 by www/tools/serve.mjs, fixtures, and a record of every request.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../www/tools/serve.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DIST = process.env.BD_DIST || join(ROOT, 'dist');
export const FIXTURES = join(ROOT, 'tests/browser/fixtures/web');
export const CHROMIUM = process.env.BD_CHROMIUM || '/usr/bin/chromium';

export const fixture = (name) => readFileSync(join(FIXTURES, name), 'utf8');
export const fixturePath = (name) => join(FIXTURES, name);

const FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
];

/**
 * A fresh Chromium profile (persistent context, so service workers and caches behave as for a
 * person) and, unless `serve: false`, a server of DIST/www. Every request and page error is
 * recorded. Call close() at the end.
 */
export async function openBrowser({ serve = true, root = join(DIST, 'www'), colorScheme = 'light', viewport } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'bd-web-'));
  const site = serve ? await startServer({ root }) : null;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: FLAGS,
    colorScheme,
    viewport: viewport || { width: 1280, height: 900 },
  });
  const requests = [];
  const errors = [];
  context.on('request', (r) => requests.push(r.url()));
  const watch = (page) => {
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  };
  context.on('page', watch);
  context.pages().forEach(watch);
  return {
    context,
    url: site ? site.url : null,
    site,
    requests,
    errors,
    page: context.pages()[0] || await context.newPage(),
    async close() {
      await context.close();
      if (site) await site.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the page's core is loaded (app.js sets data-bd-ready on <html>). */
export async function waitReady(page) {
  await page.waitForSelector('html[data-bd-ready="true"]', { timeout: 15000 });
}

/** Puts `text` in the paste box as a paste does (an input event of type insertFromPaste). */
export async function paste(page, text, selector = '#bd-input') {
  await page.locator(selector).evaluate((el, value) => {
    el.value = value;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
}

/** The rendered report's summary as data: kind, and per result its data-* attributes and steps. */
export async function readReport(scope) {
  return scope.locator('.bd-report').evaluate((sec) => ({
    kind: sec.dataset.kind,
    results: [...sec.querySelectorAll('.bd-result')].map((a) => ({
      ...a.dataset,
      headline: a.querySelector('.bd-headline')?.textContent || '',
      recipient: a.querySelector('.bd-addr')?.textContent || null,
      steps: [...a.querySelectorAll('.bd-steps li')].map((li) => li.textContent),
      who: a.querySelector('.bd-who')?.textContent || '',
      next: a.querySelector('.bd-next')?.textContent || '',
    })),
  }));
}

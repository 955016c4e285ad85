// Offline after the first visit: the service worker keeps the page's files, so a reload with
// the server gone still loads the page and diagnoses.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { fixture, openBrowser, paste, readReport, waitReady } from './web-helpers.mjs';

let b;
before(async () => { b = await openBrowser(); });
after(async () => { await b.close(); });

const reachable = (url) => new Promise((ok) => {
  get(url, (res) => { res.resume(); ok(true); }).on('error', () => ok(false));
});

test('the page reloads and works with the server gone', async () => {
  const page = b.page;
  await page.goto(b.url);
  await waitReady(page);
  // First visit: wait until the service worker has cached everything and controls the page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    }
  });
  await b.site.close();
  assert.equal(await reachable(b.url), false, 'the server is really gone');

  await page.reload();
  await waitReady(page);
  await paste(page, fixture('postfix-user-unknown.eml'));
  await page.waitForSelector('#bd-result .bd-report');
  const r = await readReport(page.locator('#bd-result'));
  assert.equal(r.results.length, 1);
  assert.equal(r.results[0].reason, 'userunknown');
  assert.deepEqual(b.errors, []);
});

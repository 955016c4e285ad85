// The embeddings: the <bounce-doctor> widget inside a host page (Shadow DOM, theming), the
// iframe embed for hosts whose CSP forbids scripts or wasm, and the single-file build opened
// from file://.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, fixture, openBrowser, paste, readReport } from './web-helpers.mjs';

describe('the widget and the iframe embed on a host page', () => {
  let b;
  before(async () => {
    b = await openBrowser();
    // Host pages are served under the site's origin, as a help centre would serve them.
    for (const name of ['host-page.html', 'host-iframe.html']) {
      await b.context.route(`${b.url}${name}`, (r) => r.fulfill({ contentType: 'text/html', body: fixture(name) }));
    }
  });
  after(async () => { await b.close(); });

  test('<bounce-doctor> renders a diagnosis inside a host page, untouched by its CSS', async () => {
    const page = b.page;
    await page.goto(`${b.url}host-page.html`);
    const widget = page.locator('bounce-doctor');
    const textarea = widget.locator('textarea');
    await textarea.waitFor({ state: 'visible' });
    await paste(page, fixture('postfix-user-unknown.eml'), 'bounce-doctor textarea');
    await widget.locator('.bd-report').waitFor({ state: 'visible' });
    const r = await readReport(widget);
    assert.equal(r.results.length, 1);
    assert.equal(r.results[0].reason, 'userunknown');
    assert.ok(r.results[0].steps.length >= 1 || await widget.locator('.bd-fix').count() === 0);
    // The host's CSS stays outside; the custom properties come in.
    const styles = await widget.locator('.bd-widget').evaluate((el) => {
      const title = el.querySelector('.bd-widget-title');
      const summary = el.querySelector('.bd-admin summary');
      return {
        font: getComputedStyle(title).fontFamily,
        color: getComputedStyle(title).color,
        accent: getComputedStyle(summary).color,
        radius: getComputedStyle(el).borderTopLeftRadius,
      };
    });
    assert.doesNotMatch(styles.font, /^serif$/);
    assert.notEqual(styles.color, 'rgb(0, 128, 0)');
    assert.equal(styles.accent, 'rgb(200, 0, 100)');
    assert.equal(styles.radius, '0px');
    // Payloads stay text inside the widget too.
    await paste(page, fixture('payload.eml'), 'bounce-doctor textarea');
    await widget.locator('.bd-report').waitFor();
    assert.equal(await widget.locator('.bd-result-area script, .bd-result-area img').count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(b.errors, []);
  });

  test('the iframe embed works on a host page that allows no script at all', async () => {
    const page = b.page;
    await page.goto(`${b.url}host-iframe.html`);
    const frame = page.frameLocator('iframe');
    await frame.locator('bounce-doctor textarea').waitFor();
    const handle = await page.locator('iframe').elementHandle();
    const inner = await handle.contentFrame();
    await paste(inner, fixture('two-recipients.eml'), 'bounce-doctor textarea');
    await frame.locator('.bd-report').waitFor();
    const r = await readReport(frame.locator('bounce-doctor'));
    assert.equal(r.results.length, 2);
    const own = new URL(b.url).origin;
    assert.deepEqual(b.requests.filter((u) => new URL(u).origin !== own), []);
    assert.deepEqual(b.errors, []);
  });
});

describe('the single-file build', () => {
  let b;
  before(async () => { b = await openBrowser({ serve: false }); });
  after(async () => { await b.close(); });

  test('opens from file:// and diagnoses with nothing else loaded', async () => {
    const page = b.page;
    const url = pathToFileURL(join(DIST, 'bounce-doctor.html')).href;
    await page.goto(url);
    await page.waitForSelector('html[data-bd-ready="true"]');
    await paste(page, fixture('gmail-address-not-found.txt'));
    await page.waitForSelector('#bd-result .bd-report');
    const r = await readReport(page.locator('#bd-result'));
    assert.equal(r.results[0].reason, 'userunknown');
    assert.deepEqual(b.requests, [url], 'the one file, nothing else');
    assert.deepEqual(b.errors, [], 'no CSP violation or script error');
  });
});

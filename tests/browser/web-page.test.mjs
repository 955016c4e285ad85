// The page in Chromium, served from dist/www on 127.0.0.1: paste, open and drop; one and
// several recipients; non-bounces; evidence highlighting; copy and share; payloads; no network
// beyond its own files; keyboard use; accessibility scan in light and dark; phone width.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, fixture, fixturePath, openBrowser, paste, readReport, waitReady } from './web-helpers.mjs';

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

let b;
let page;

async function fresh() {
  await page.goto(b.url);
  await waitReady(page);
}

async function diagnosed(text) {
  await paste(page, text);
  await page.waitForSelector('#bd-result .bd-report');
  return readReport(page.locator('#bd-result'));
}

async function axeScan() {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the page', () => {
  before(async () => {
    b = await openBrowser();
    page = b.page;
    await b.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: b.url });
  });
  after(async () => { await b.close(); });

  test('a pasted Postfix bounce shows the reason, who must act and numbered fix steps', async () => {
    await fresh();
    const r = await diagnosed(fixture('postfix-user-unknown.eml'));
    assert.equal(r.results.length, 1);
    const [d] = r.results;
    assert.equal(d.reason, 'userunknown');
    assert.equal(d.permanent, 'permanent');
    assert.equal(d.hard, 'true');
    assert.equal(d.status, '5.1.1');
    assert.equal(d.recipient, 'lena.berg@example.net');
    assert.ok(d.steps.length >= 1, 'fix steps are shown');
    assert.ok(d.who.length > 'Who must act: '.length, 'who must act is said');
    assert.ok(d.headline.trim().length > 0);
    // The admin section names the remote server and the codes with their meanings.
    const admin = await page.locator('#bd-result .bd-admin').textContent();
    assert.match(admin, /mx\.example\.net/);
    assert.match(admin, /550/);
    assert.equal(await page.locator('#bd-status').textContent() !== '', true, 'screen readers hear that it is ready');
  });

  test('the evidence is highlighted in the input and reachable from the result', async () => {
    await fresh();
    await diagnosed(fixture('postfix-user-unknown.eml'));
    const marks = await page.locator('#bd-source mark.bd-mark').allTextContents();
    assert.ok(marks.length >= 1, 'at least one evidence mark');
    assert.ok(marks.some((m) => /5\.1\.1|User unknown/i.test(m)), `a mark covers the failure: ${marks}`);
    await page.locator('#bd-result .bd-admin summary').first().click();
    const button = page.locator('#bd-result button.bd-evidence-line').first();
    await button.click();
    await page.waitForSelector('#bd-source .bd-line-flash');
  });

  test('evidence in a file that is not UTF-8 still marks the right lines', async () => {
    await fresh();
    const latin1 = Buffer.from('Subject: Unzustellbar: Gr\xfc\xdfe an M\xfcller\r\n\r\n<m@example.net>: host mx.example.net[192.0.2.1] said: 550 5.1.1 <m@example.net>: User unknown (in reply to RCPT TO command)\r\n', 'latin1');
    await page.setInputFiles('#bd-file', { name: 'latin1.txt', mimeType: 'text/plain', buffer: latin1 });
    await page.waitForSelector('#bd-result .bd-report');
    const marks = await page.locator('#bd-source mark.bd-mark').allTextContents();
    assert.ok(marks.length >= 1, 'marked');
    assert.ok(marks.every((m) => !m.includes('Unzustellbar')), `only evidence lines are marked: ${marks}`);
    assert.ok(marks.some((m) => m.includes('5.1.1')), `the reply line is marked: ${marks}`);
  });

  test('a UTF-16 text file (Windows Notepad) is shown as text, diagnosed and marked', async () => {
    await fresh();
    const text = '<m@example.net>: host mx.example.net[192.0.2.1] said: 550 5.1.1 <m@example.net>: Benutzer unbekannt (in reply to RCPT TO command)\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    await page.setInputFiles('#bd-file', { name: 'bounce.txt', mimeType: 'text/plain', buffer: le });
    await page.waitForSelector('#bd-result .bd-report');
    assert.equal(await page.inputValue('#bd-input'), text.replace('\r\n', '\n'), 'shown as its text');
    const r = await readReport(page.locator('#bd-result'));
    assert.equal(r.results[0].recipient, 'm@example.net');
    assert.equal(r.results[0].reason, 'userunknown');
    const marks = await page.locator('#bd-source mark.bd-mark').allTextContents();
    assert.ok(marks.some((m) => m.includes('5.1.1')), `the reply line is marked: ${marks}`);
  });

  test('pasted webmail texts from Gmail and Outlook are understood', async () => {
    await fresh();
    for (const name of ['gmail-address-not-found.txt', 'outlook-ndr.txt']) {
      const r = await diagnosed(fixture(name));
      assert.equal(r.results.length, 1, name);
      assert.equal(r.results[0].reason, 'userunknown', name);
      assert.ok(r.results[0].steps.length >= 1, `${name}: fix steps`);
    }
    const r = await readReport(page.locator('#bd-result'));
    assert.equal(r.results[0].recipient, 'sara.lind@example.com');
  });

  test('an .eml opened with the file button is diagnosed', async () => {
    await fresh();
    await page.setInputFiles('#bd-file', fixturePath('two-recipients.eml'));
    await page.waitForSelector('#bd-result .bd-report');
    const r = await readReport(page.locator('#bd-result'));
    assert.equal(await page.inputValue('#bd-input'), fixture('two-recipients.eml'), 'the file is shown in the paste box');
    assert.match(await page.locator('#bd-file-note').textContent(), /two-recipients\.eml/);
    assert.equal(r.results.length, 2);
  });

  test('several recipients read as separate results', async () => {
    await fresh();
    const r = await diagnosed(fixture('two-recipients.eml'));
    assert.deepEqual(r.results.map((d) => d.recipient), ['ghost@example.net', 'full.box@example.com']);
    assert.deepEqual(r.results.map((d) => d.reason), ['userunknown', 'mailboxfull']);
    assert.deepEqual(r.results.map((d) => d.status), ['5.1.1', '5.2.2']);
    assert.equal(await page.locator('#bd-result .bd-count').count(), 2, '"Recipient 1 of 2" labels');
  });

  test('a file dropped on the page is diagnosed', async () => {
    await fresh();
    const text = fixture('gmail-address-not-found.txt');
    await page.evaluate((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], 'dropped.txt', { type: 'text/plain' }));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, text);
    await page.waitForSelector('#bd-result .bd-report');
    assert.match(await page.locator('#bd-file-note').textContent(), /dropped\.txt/);
    assert.equal((await readReport(page.locator('#bd-result'))).results[0].reason, 'userunknown');
  });

  test('an auto-reply is said not to be a bounce', async () => {
    await fresh();
    const r = await diagnosed(fixture('auto-reply.eml'));
    assert.equal(r.kind, 'auto_reply');
    assert.equal(r.results.length, 0, 'no failure is shown');
    assert.equal(await page.locator('#bd-result .bd-statement').count(), 1);
  });

  test('typing updates the diagnosis, and clearing empties it', async () => {
    await fresh();
    await page.locator('#bd-input').pressSequentially('421 4.7.0 try again later', { delay: 5 });
    await page.waitForSelector('#bd-result .bd-report');
    const r = await readReport(page.locator('#bd-result'));
    // a 4xx reply alone: the sending server retries, so the delivery is delayed, not failed
    assert.equal(r.results[0].permanent, 'delayed');
    await page.click('#bd-clear');
    assert.equal(await page.locator('#bd-result .bd-report').count(), 0);
  });

  test('HTML and script payloads in subject, diagnostic text and recipient show as text', async () => {
    await fresh();
    for (const name of ['payload.eml', 'payload-reply.txt']) {
      await diagnosed(fixture(name));
      const result = page.locator('#bd-result');
      assert.equal(await result.locator('script, img, iframe, object').count(), 0, `${name}: no element came from the input`);
      assert.equal(await page.locator('#bd-source script, #bd-source img').count(), 0, `${name}: source view is text`);
      await result.locator('.bd-admin summary').first().click();
      const text = await result.textContent();
      assert.match(text, /<script>window\.__pwned=/, `${name}: the payload reads as text`);
      assert.equal(await page.evaluate(() => window.__pwned), undefined, `${name}: no payload ran`);
    }
    const md = await page.evaluate(async () => {
      document.getElementById('bd-copy-md').click();
      await new Promise((r) => setTimeout(r, 200));
      return navigator.clipboard.readText();
    });
    assert.ok(!/<script/i.test(md.replace(/(`+) [\s\S]*? \1/g, '')), 'Markdown copy keeps the payload inert');
  });

  test('copy as text and as Markdown put the diagnosis on the clipboard', async () => {
    await fresh();
    const r = await diagnosed(fixture('postfix-user-unknown.eml'));
    await page.click('#bd-copy-text');
    await page.waitForFunction(() => /Copied/.test(document.getElementById('bd-copied').textContent));
    const text = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(text, /lena\.berg@example\.net/);
    assert.match(text, /5\.1\.1/);
    assert.match(text, /^ {2}1\. /m, 'numbered fix steps');
    assert.ok(text.includes(r.results[0].steps[0]));
    await page.click('#bd-copy-md');
    await page.waitForFunction(() => /Markdown/.test(document.getElementById('bd-copied').textContent));
    const md = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(md, /^## /m);
    assert.match(md, /^1\. /m);
  });

  test('a share link carries the input in the fragment only and restores it', async () => {
    await fresh();
    const input = fixture('outlook-ndr.txt');
    await diagnosed(input);
    await page.click('#bd-share');
    await page.waitForFunction(() => document.getElementById('bd-share-url').value !== '');
    const link = await page.inputValue('#bd-share-url');
    const u = new URL(link);
    assert.equal(u.origin + u.pathname, new URL(b.url).href, 'same page');
    assert.equal(u.search, '', 'nothing in the query string');
    assert.match(u.hash, /^#z=[A-Za-z0-9_-]+$/);
    assert.ok(!link.includes('sara.lind'), 'the text is not readable in the link');
    const seen = b.requests.length;
    const other = await b.context.newPage();
    await other.goto(link);
    await other.waitForSelector('#bd-result .bd-report');
    assert.equal(await other.inputValue('#bd-input'), input);
    const fetched = b.requests.slice(seen);
    assert.ok(fetched.every((url) => !url.includes('#') && !url.includes('z=')), `the fragment never reaches the server: ${fetched}`);
    await other.close();
  });

  test('a damaged share link gives a clear error', async () => {
    await page.goto(`${b.url}#z=AAAA`);
    await waitReady(page);
    await page.waitForSelector('#bd-error:not([hidden])');
    assert.match(await page.locator('#bd-error').textContent(), /share link/);
  });

  test('binary input gets a clear error, not a crash', async () => {
    await fresh();
    await page.setInputFiles('#bd-file', { name: 'photo.eml', mimeType: 'message/rfc822', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3, 0, 0, 0, 0]) });
    await page.waitForSelector('#bd-error:not([hidden])');
    assert.match(await page.locator('#bd-error').textContent(), /binary/i);
    await paste(page, '550 5.1.1 unknown user');
    await page.waitForSelector('#bd-result .bd-report');
    assert.equal(await page.locator('#bd-error').isHidden(), true, 'the page still works afterwards');
  });

  test('an Outlook .msg file gets a message saying what to do instead', async () => {
    await fresh();
    const msg = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512, 0)]);
    await page.setInputFiles('#bd-file', { name: 'Undeliverable.msg', mimeType: 'application/vnd.ms-outlook', buffer: msg });
    await page.waitForSelector('#bd-error:not([hidden])');
    assert.match(await page.locator('#bd-error').textContent(), /Outlook \.msg file.*copy its text/);
  });

  test('examples can be chosen with the keyboard alone', async () => {
    await fresh();
    await page.focus('#bd-input');
    let found = false;
    for (let i = 0; i < 8 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(() => document.activeElement?.dataset?.example !== undefined);
    }
    assert.ok(found, 'an example button is reachable with Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#bd-result .bd-report');
    assert.ok((await page.inputValue('#bd-input')).length > 0);
  });

  test('every built-in example gets a diagnosis with a reason', async () => {
    await fresh();
    const ids = await page.locator('[data-example]').evaluateAll((els) => els.map((e) => e.dataset.example));
    assert.ok(ids.length >= 5);
    for (const id of ids) {
      await page.click(`[data-example="${id}"]`);
      await page.waitForSelector('#bd-result .bd-report');
      const r = await readReport(page.locator('#bd-result'));
      assert.ok(r.results.length >= 1, `${id}: a result`);
      assert.notEqual(r.results[0].reason, 'undefined', `${id}: a reason`);
    }
  });

  test('no serious or critical accessibility violation, light and dark', async () => {
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await fresh();
      await diagnosed(fixture('two-recipients.eml'));
      await page.locator('#bd-result details').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
      assert.deepEqual(await axeScan(), [], `${scheme}: axe violations`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test('dark mode follows the system', async () => {
    const bg = async () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await bg();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await bg();
    await page.emulateMedia({ colorScheme: 'light' });
    assert.notEqual(light, dark);
  });

  test('readable on a phone: nothing wider than the screen', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await fresh();
    await diagnosed(fixture('payload.eml'));
    await page.locator('#bd-result details').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('the compact card form folds fix steps and admin detail, and can be closed', async () => {
    await fresh();
    const out = await page.evaluate(async (text) => {
      const { diagnoseInput } = await import('/core.js');
      const { renderReport } = await import('/ui/render.js');
      const { report } = await diagnoseInput(text);
      let closed = 0;
      const card = renderReport(report, { compact: true, onClose: () => { closed++; } });
      document.body.append(card);
      const steps = report.results[0].fix_steps.length;
      const folded = [...card.querySelectorAll('details')].map((d) => d.className);
      const openDetails = card.querySelectorAll('details[open]').length;
      const visibleSteps = [...card.querySelectorAll('.bd-steps')].filter((ol) => ol.checkVisibility()).length;
      card.querySelector('.bd-close').click();
      card.remove();
      return { steps, folded, openDetails, visibleSteps, closed, compact: card.classList.contains('bd-compact') };
    }, fixture('postfix-user-unknown.eml'));
    assert.equal(out.compact, true);
    assert.ok(out.folded.includes('bd-admin'), 'admin detail is in a <details>');
    if (out.steps) assert.ok(out.folded.includes('bd-fix'), 'fix steps are in a <details>');
    assert.ok(out.steps > 0, 'the core gives fix steps');
    assert.equal(out.openDetails, 0, 'all folded');
    assert.equal(out.visibleSteps, 0, 'steps hidden until expanded');
    assert.equal(out.closed, 1, 'the close button calls onClose');
  });

  test('the page loads only its own files and makes no request after load', async () => {
    const own = new URL(b.url).origin;
    const start = b.requests.length;
    await fresh();
    await page.waitForLoadState('networkidle');
    const loaded = b.requests.slice(start);
    assert.ok(loaded.length > 0);
    assert.deepEqual(loaded.filter((u) => new URL(u).origin !== own), [], 'nothing from elsewhere');
    const afterLoad = b.requests.length;
    for (const name of ['postfix-user-unknown.eml', 'payload.eml', 'two-recipients.eml']) await diagnosed(fixture(name));
    await page.locator('#bd-result details').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
    await page.click('#bd-copy-text');
    await page.click('#bd-share');
    await page.waitForTimeout(300);
    assert.deepEqual(b.requests.slice(afterLoad), [], 'no request while diagnosing, copying or sharing');
    assert.deepEqual(b.errors, [], 'no script errors or CSP violations');
  });
});

// Browser tests of the extension: Debian's chromium with dist/extension-chrome loaded, the
// Gmail and Outlook fixtures under their real URLs with a strict CSP. Run by `./build.sh test`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXT_DIR, GMAIL, OUTLOOK, cards, launch, settle, startFixtureServer, waitForCards } from './ext-harness.mjs';

let server;
let b; // { context, extensionId, worker, requests, close }
let page;

before(async () => {
  server = await startFixtureServer();
  b = await launch({ server });
  page = await b.context.newPage();
});

after(async () => {
  await b?.close();
  server?.close();
});

async function openGmail(name) {
  await page.goto(`${GMAIL}#inbox/${name}`);
}

async function openOutlook(id) {
  await page.goto(`${OUTLOOK}${id}`);
}

const marks = () => page.evaluate(() => [...document.querySelectorAll('mark[data-bounce-doctor-mark]')].map((m) => m.textContent));

describe('Gmail', () => {
  for (const [name, reason] of [['nouser', 'userunknown'], ['full', 'mailboxfull'], ['french', 'userunknown']]) {
    test(`a bounce (${name}) gets one card with reason ${reason} and its evidence highlighted`, async () => {
      await openGmail(name);
      const found = await waitForCards(page, 1);
      await settle(page);
      assert.equal((await cards(page)).length, 1, 'exactly one card');
      assert.equal(found[0].reason, reason);
      assert.ok(found[0].text.length > 20, 'the card has content');
      const placed = await page.evaluate(() => {
        const host = document.querySelector('[data-bounce-doctor]');
        return host.nextElementSibling.matches('.a3s, .ii') && !!host.closest('[data-message-id]');
      });
      assert.ok(placed, 'the card sits above the message body, inside the message');
      const m = await marks();
      assert.ok(m.length >= 1, 'the evidence is highlighted');
      assert.match(m.join(' '), /5\.\d\.\d/);
    });
  }

  test('no card on ordinary mail, nor on a person quoting a bounce', async () => {
    for (const name of ['normal', 'fwd']) {
      await openGmail(name);
      await settle(page, 600);
      assert.deepEqual(await cards(page), [], name);
      assert.deepEqual(await marks(), [], name);
    }
  });

  test('a bounce forwarded by a person (its header lines in the text) gets one card', async () => {
    await openGmail('fwdbounce');
    const found = await waitForCards(page, 1);
    await settle(page);
    assert.equal((await cards(page)).length, 1, 'exactly one card');
    assert.equal(found[0].reason, 'userunknown');
    assert.match(found[0].text, /jo\.smith@partner\.example/);
    assert.doesNotMatch(found[0].text, /frank@example\.org/, 'the person who got the bounce is no failed recipient');
  });

  test('a bounce threaded into the conversation: card once its body loads, none on the original', async () => {
    await openGmail('thread');
    await settle(page, 600);
    assert.deepEqual(await cards(page), [], 'collapsed bounce: no card yet');
    await page.click('[data-collapsed] .gE');
    const found = await waitForCards(page, 1);
    await settle(page);
    assert.equal((await cards(page)).length, 1);
    assert.equal(found[0].reason, 'userunknown');
    const where = await page.evaluate(() => document.querySelector('[data-bounce-doctor]').closest('[data-legacy-message-id]').getAttribute('data-legacy-message-id'));
    assert.equal(where, '18fa00000000005', 'the card is on the bounce, not on the original');
  });

  test('the card survives re-renders without duplicating', async () => {
    await openGmail('nouser');
    await waitForCards(page, 1);
    // The whole conversation re-rendered: new elements, same message ids.
    await page.evaluate(() => window.fixtureRerender());
    await waitForCards(page, 1);
    await settle(page);
    assert.equal((await cards(page)).length, 1, 'after a re-render');
    // The message's children reset by the webmail, taking the card with them.
    await page.evaluate(() => window.fixtureResetMessage('18fa00000000001'));
    await waitForCards(page, 1);
    await settle(page);
    assert.equal((await cards(page)).length, 1, 'after a reset of the message');
    assert.equal((await marks()).length >= 1, true, 'the highlight is back');
  });

  test('navigation inside the app: the card follows the message', async () => {
    await openGmail('nouser');
    await waitForCards(page, 1);
    await page.click('a[href="#inbox/normal"]');
    await settle(page, 600);
    assert.deepEqual(await cards(page), [], 'no card on the ordinary message');
    await page.click('a[href="#inbox/full"]');
    const found = await waitForCards(page, 1);
    await settle(page);
    assert.equal((await cards(page)).length, 1);
    assert.equal(found[0].reason, 'mailboxfull');
  });

  test('payloads in the bounce stay text: nothing runs, no element is made of them', async () => {
    await openGmail('payload');
    const found = await waitForCards(page, 1);
    assert.equal(found.length, 1);
    await settle(page);
    const state = await page.evaluate(() => {
      const root = document.querySelector('[data-bounce-doctor]').shadowRoot;
      return {
        pwned: window.__pwned ?? null,
        violations: window.__cspViolations,
        elements: root.querySelectorAll('script, img, svg, iframe, object, embed').length,
        handlers: [...root.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
        text: root.textContent,
      };
    });
    assert.equal(state.pwned, null);
    assert.deepEqual(state.violations, [], 'nothing tried to run against the page CSP');
    assert.equal(state.elements, 0);
    assert.equal(state.handlers, 0);
    assert.match(state.text, /<img src=x onerror=/, 'the payload shows as text');
    assert.ok(!b.requests.some((u) => /\/x$/.test(u)), 'the payload image was never requested');
  });

  test('the close button removes the card and the highlight, and it stays closed', async () => {
    await openGmail('full');
    await waitForCards(page, 1);
    const closed = await page.evaluate(() => {
      const root = document.querySelector('[data-bounce-doctor]').shadowRoot;
      const button = [...root.querySelectorAll('button')].find((el) => /close|dismiss/i.test(el.getAttribute('aria-label') || el.textContent));
      if (!button) return false;
      button.click();
      return true;
    });
    assert.ok(closed, 'the card has a close button');
    await settle(page);
    assert.deepEqual(await cards(page), []);
    assert.deepEqual(await marks(), []);
    const text = await page.evaluate(() => document.querySelector('.a3s').textContent);
    assert.match(text, /552 5\.2\.2 The email account that you tried to reach is over quota/, 'the message text is whole again');
    await page.evaluate(() => window.fixtureRerender());
    await settle(page, 600);
    assert.deepEqual(await cards(page), [], 'still closed after a re-render');
  });
});

describe('Outlook on the web', () => {
  for (const [id, check] of [
    ['ndr-blocked', (c) => assert.equal(c.reason, 'blocked')],
    ['ndr-541', (c) => assert.equal(c.reason, 'userunknown')],
    ['german', (c) => assert.equal(c.reason, 'userunknown')],
    ['delayed', (c) => assert.equal(c.permanent, 'false', 'a delay is temporary')],
  ]) {
    test(`a bounce (${id}) gets one card`, async () => {
      await openOutlook(id);
      const found = await waitForCards(page, 1);
      await settle(page);
      assert.equal((await cards(page)).length, 1, 'exactly one card');
      check(found[0]);
      assert.ok((await marks()).length >= 1, 'the evidence is highlighted');
      const placed = await page.evaluate(() => document.querySelector('[data-bounce-doctor]').nextElementSibling.getAttribute('role'));
      assert.equal(placed, 'document', 'the card sits above the message body');
    });
  }

  test('a conversation: the card is on the bounce only', async () => {
    await openOutlook('thread');
    const found = await waitForCards(page, 1);
    await settle(page);
    assert.equal((await cards(page)).length, 1);
    assert.equal(found[0].reason, 'mailboxfull');
    const item = await page.evaluate(() => document.querySelector('[data-bounce-doctor]').closest('[role=listitem]').getAttribute('data-item-id'));
    assert.equal(item, 'AAMkAGI2TAAA=thread-2');
  });

  test('navigation with pushState, re-render, and no card on ordinary mail', async () => {
    await openOutlook('normal');
    await settle(page, 600);
    assert.deepEqual(await cards(page), []);
    await page.click('[role=option][data-convid="ndr-541"]');
    await waitForCards(page, 1);
    await page.evaluate(() => window.fixtureRerender());
    await waitForCards(page, 1);
    await settle(page);
    assert.equal((await cards(page)).length, 1);
    await page.click('[role=option][data-convid="normal"]');
    await settle(page, 600);
    assert.deepEqual(await cards(page), []);
  });

  test('the other Outlook hosts are watched too', async () => {
    for (const host of ['outlook.office365.com', 'outlook.live.com', 'outlook.cloud.microsoft']) {
      await page.goto(`https://${host}/mail/inbox/id/german`);
      const found = await waitForCards(page, 1);
      assert.equal(found.length, 1, host);
    }
  });
});

describe('extension pages', () => {
  test('options: the per-site switch turns Gmail off and on', async () => {
    await openGmail('nouser');
    await waitForCards(page, 1);
    const options = await b.context.newPage();
    await options.goto(`chrome-extension://${b.extensionId}/pages/options.html`);
    await options.uncheck('input[name=gmail]');
    await page.waitForFunction(() => !document.querySelector('[data-bounce-doctor]'), null, { timeout: 5000 });
    assert.deepEqual(await marks(), [], 'highlight removed too');
    await openOutlook('german');
    assert.equal((await waitForCards(page, 1)).length, 1, 'Outlook still on');
    await openGmail('full');
    await settle(page, 600);
    assert.deepEqual(await cards(page), [], 'Gmail off');
    await options.check('input[name=gmail]');
    assert.equal((await waitForCards(page, 1)).length, 1, 'Gmail on again');
    await options.close();
  });

  test('popup: pasted text gets the result view', async () => {
    const popup = await b.context.newPage();
    await popup.goto(`chrome-extension://${b.extensionId}/pages/popup.html`);
    await popup.fill('#input', "Remote Server returned '550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in local recipient table'");
    await popup.waitForSelector('#result .bd-report', { timeout: 5000 });
    const text = await popup.textContent('#result');
    assert.match(text, /5\.1\.1/);
    assert.match(text, /userunknown|does not exist|unknown/i);
    await popup.fill('#input', 'Hello, see you at lunch.');
    await popup.waitForFunction(() => !/5\.1\.1/.test(document.getElementById('result').textContent), null, { timeout: 5000 });
    await popup.close();
  });

  test('context menu "Diagnose selected text": its handler opens the result with the selection', async () => {
    const opened = b.context.waitForEvent('page', { timeout: 5000 });
    await b.worker.evaluate((text) => globalThis.diagnoseSelection(text), '552 5.2.2 <carol@full.example>: Mailbox full');
    const tab = await opened;
    await tab.waitForSelector('#result .bd-report', { timeout: 5000 });
    assert.match(tab.url(), /pages\/popup\.html\?from=selection$/, 'the text is not in the URL');
    assert.equal(await tab.inputValue('#input'), '552 5.2.2 <carol@full.example>: Mailbox full');
    assert.match(await tab.textContent('#result'), /5\.2\.2/);
    const left = await b.worker.evaluate(() => chrome.storage.session.get('selection'));
    assert.deepEqual(left, {}, 'the selection is not kept');
    await tab.close();
  });

  test('the manifest asks for the webmail hosts, storage and contextMenus only', async () => {
    const m = await b.worker.evaluate(() => chrome.runtime.getManifest());
    assert.deepEqual(m.permissions.sort(), ['contextMenus', 'storage']);
    assert.deepEqual(m.host_permissions.sort(), [
      'https://mail.google.com/*', 'https://outlook.cloud.microsoft/*', 'https://outlook.live.com/*', 'https://outlook.office.com/*',
      'https://outlook.office365.com/*',
    ]);
  });

  test('no request left the machine: only the fixture documents were fetched', () => {
    const other = b.requests.filter((u) => !/^https:\/\/(mail\.google\.com|outlook\.(office|office365|live)\.com|outlook\.cloud\.microsoft)\/mail\//.test(u));
    assert.deepEqual(other, []);
  });
});

describe('the core failing to load', () => {
  let broken;
  let dir;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bd-ext-broken-'));
    cpSync(EXT_DIR, dir, { recursive: true });
    writeFileSync(join(dir, 'pkg', 'bounce_doctor_bg.wasm'), 'not wasm');
    broken = await launch({ extDir: dir, server });
  });

  after(async () => {
    await broken?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('leaves the webmail working and says so in one console line', async () => {
    const p = await broken.context.newPage();
    const lines = [];
    p.on('console', (m) => lines.push(`${m.type()}: ${m.text()}`));
    const errors = [];
    p.on('pageerror', (e) => errors.push(String(e)));
    await p.goto(`${GMAIL}#inbox/nouser`);
    await settle(p, 1000);
    await p.click('a[href="#inbox/full"]');
    await settle(p, 1000);
    assert.deepEqual(await cards(p), []);
    assert.equal(await p.evaluate(() => window.fixtureAppAlive()), 'alive');
    assert.match(await p.evaluate(() => document.querySelector('.a3s').textContent), /552 5\.2\.2/, 'the app navigated');
    const ours = lines.filter((l) => /bounce doctor/i.test(l));
    assert.equal(ours.length, 1, `one line, got: ${JSON.stringify(lines)}`);
    assert.match(ours[0], /^error: Bounce Doctor: the diagnosis core is not available/);
    assert.deepEqual(errors, []);
  });
});

// Unit tests of the extension's bounce detection (extension/content/detect.js) and of the
// two manifests the build emits. No browser needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { ROOT } from './ext-harness.mjs';

const sandbox = vm.createContext({});
vm.runInContext(readFileSync(join(ROOT, 'extension', 'content', 'detect.js'), 'utf8'), sandbox);
const detect = sandbox.bounceDoctor.detect;

test('bounce senders are recognised, people are not', () => {
  for (const s of [
    'Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
    'MAILER-DAEMON@mx.example.org',
    ' <postmaster@contoso.onmicrosoft.com>',
    'Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@contoso.com>',
    'Mail Delivery System <Mailer-Daemon@mail.example.net>',
    'Microsoft Outlook <>',
  ]) assert.ok(detect.sender(s), s);
  for (const s of ['Erin <erin@example.org>', 'Postmaster General Fan <fan@example.org>', 'Dave <postmasters-club@example.org>', '']) {
    assert.ok(!detect.sender(s), s);
  }
});

test("a mailing list's refusal of a post: from the list's own address, in its words", () => {
  for (const s of ['talk-owner@lists.example.org', 'Neko ML <neko-admin@example.org>', 'talk-bounces@lists.example.org', 'owner-cats@example.jp']) {
    assert.ok(detect.sender(s), s);
  }
  for (const s of ['Ana <ana@example.net>', 'admin@example.org', 'Talk list <talk@lists.example.org>']) assert.ok(!detect.sender(s), s);
  assert.ok(detect.body('You are not allowed to post to this mailing list, and your message has\nbeen automatically rejected.'));
  assert.ok(detect.body('You are not a member of this mailing list <cats@ml.example.jp>.'));
  assert.ok(!detect.body('Welcome to the cats mailing list! You are now a member.'));
});

test('bounce subjects are recognised in several languages, ordinary subjects are not', () => {
  for (const s of [
    'Delivery Status Notification (Failure)', 'Delivery Status Notification (Delay)', 'Undeliverable: Q3 numbers',
    'Undelivered Mail Returned to Sender', 'Mail delivery failed: returning message to sender', 'Returned mail: see transcript for details',
    'failure notice', 'Delivery delayed:Project plan', 'Unzustellbar: Angebot', 'Non remis : Rapport', 'No se puede entregar: Factura',
    'Non recapitabile: Offerta', 'Não é possível entregar: Proposta', 'Onbestelbaar: Offerte', 'Недоставленное сообщение',
    '配信不能: 会議', '无法传递: 报价',
  ]) assert.ok(detect.subject(s), s);
  for (const s of ['Lunch on Friday?', 'Re: Quarterly report', 'Your delivery is on its way', 'Fwd: that error', '']) {
    assert.ok(!detect.subject(s), s);
  }
});

test("Outlook's NDR framing in the reader's language is bounce wording", () => {
  for (const t of [
    'Die Zustellung an folgende Empfänger oder Gruppen ist fehlgeschlagen:', 'La remise à ces destinataires ou groupes a échoué :',
    'Error en la entrega a estos destinatarios o grupos:', 'Recapito non riuscito a questi destinatari o gruppi:',
    'Falha na entrega para estes destinatários ou grupos:', '次の受信者またはグループへの配信に失敗しました:',
  ]) assert.ok(detect.body(t), t);
});

test('forwarded messages are looked at (a bounce may be inside), replies are not', () => {
  for (const s of ['Fwd: what does this mean?', 'FW: Undeliverable: Q3', 'WG: Unzustellbar', 'TR: Non remis', 'RV: Factura', 'Fw:help']) {
    assert.ok(detect.forwarded(s), s);
  }
  for (const s of ['Re: Quarterly report', 'Forward planning', 'Tracking: your parcel', 'I need help', '']) {
    assert.ok(!detect.forwarded(s), s);
  }
});

test("a forwarded message carries a bounce when the bounce's header lines are in it", () => {
  assert.ok(detect.forwardedBounce('Can you help?\n\n---------- Forwarded message ---------\nFrom: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nDate: today'));
  assert.ok(detect.forwardedBounce('> Von: MAILER-DAEMON@example.de\n> Betreff: Unzustellbar'));
  assert.ok(!detect.forwardedBounce('Do you know what this means? The server said: 550 5.7.1 Relaying denied.'));
  assert.ok(!detect.forwardedBounce('From: Frank <frank@example.org>\nSubject: that error'));
});

test('a bounce body needs an SMTP code or DSN wording', () => {
  for (const t of [
    'The response from the remote server was:\n550 5.1.1 The email account that you tried to reach does not exist.',
    "Remote Server returned '550 5.7.1 Service unavailable'",
    'Final-Recipient: rfc822; bob@example.org\nAction: failed\nStatus: 5.1.1',
    'Your message to x@example.org couldn\'t be delivered.',
    'Remoteserver hat \'550 5.1.1 User unknown\' zurückgegeben',
    "Votre message n'a pas pu être remis.",
    '以下の宛先へのメッセージの配信に失敗しました。',
    '421-4.7.0 Try again later',
    '#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##',
  ]) assert.ok(detect.body(t), t);
  for (const t of ['Hi! Lunch on Friday at noon?', 'Version 5.1.1 is out', 'Call me at 550 1234', '']) {
    assert.ok(!detect.body(t), t);
  }
});

test('the build emits a Chromium and a Firefox manifest from one source', () => {
  const read = (t) => JSON.parse(readFileSync(join(ROOT, 'dist', `extension-${t}`, 'manifest.json'), 'utf8'));
  const chrome = read('chrome');
  const firefox = read('firefox');
  assert.deepEqual(chrome.background, { service_worker: 'background.js', type: 'module' });
  assert.equal(chrome.browser_specific_settings, undefined);
  assert.deepEqual(firefox.background, { scripts: ['background.js'], type: 'module' });
  assert.match(firefox.browser_specific_settings.gecko.id, /@/);
  assert.deepEqual(firefox.browser_specific_settings.gecko.data_collection_permissions, { required: ['none'] });
  for (const m of [chrome, firefox]) {
    assert.equal(m.manifest_version, 3);
    assert.deepEqual([...m.permissions].sort(), ['contextMenus', 'storage']);
    assert.match(m.content_security_policy.extension_pages, /'wasm-unsafe-eval'/);
    assert.doesNotMatch(JSON.stringify(m), /https?:\/\/(?!mail\.google\.com\/|outlook\.(office|office365|live)\.com\/|outlook\.cloud\.microsoft\/)/, 'no other host');
  }
});

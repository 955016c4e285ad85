// Node-side tests of the pure parts of the web front end, fed by the real core (the wasm build
// of dist/pkg run in node): the copyable text and Markdown forms, link filtering, the mapping
// of evidence byte offsets to the shown text, and the bundler of the single-file build.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { DIST, ROOT, fixture } from './web-helpers.mjs';
import { reportToText, reportToMarkdown, escapeMarkdown, safeUrl, isBounce } from '../../www/ui/render.js';
import { evidenceRanges } from '../../www/highlight.js';

const core = await import(join(DIST, 'pkg/bounce_doctor.js'));
core.initSync({ module: readFileSync(join(DIST, 'pkg/bounce_doctor_bg.wasm')) });

// Markdown with code spans and link destinations taken out: what a renderer reads as markup.
function markupOf(md) {
  return md.replace(/(`+) [\s\S]*? \1/g, '').replace(/\]\(<[^>]*>\)/g, '](X)');
}

test('the text form carries every recipient, code, fix step and evidence line of the core report', () => {
  for (const name of ['postfix-user-unknown.eml', 'two-recipients.eml', 'gmail-address-not-found.txt', 'outlook-ndr.txt']) {
    const report = core.diagnose(fixture(name));
    assert.ok(isBounce(report), `${name}: the core sees a bounce`);
    const text = reportToText(report);
    for (const d of report.results) {
      if (d.recipient) assert.ok(text.includes(d.recipient), `${name}: recipient ${d.recipient}`);
      if (d.status) assert.ok(text.includes(d.status), `${name}: status ${d.status}`);
      if (d.reply_code) assert.ok(text.includes(String(d.reply_code)), `${name}: reply code`);
      d.fix_steps.forEach((s, i) => assert.ok(text.includes(`${i + 1}. ${s.replace(/\s+/g, ' ').trim()}`), `${name}: step ${i + 1}`));
      for (const e of d.evidence) assert.ok(text.includes(e.text.replace(/\s+/g, ' ').trim()), `${name}: evidence`);
    }
  }
});

// The wasm build differs from the native one (its own allocator, no encoding_rs, wasm-opt's
// rewriting): the same inputs must still get the same diagnoses. The native CLI (built before
// these tests) reads every file under tests/fixtures; the wasm core reads each one again.
test('the wasm core diagnoses every fixture as the native CLI does', () => {
  const cli = spawnSync(join(ROOT, 'target/release/bounce-doctor'), ['--json', 'tests/fixtures'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 << 20 });
  const lines = cli.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  assert.ok(lines.length > 300, `the CLI read the fixtures (${lines.length} reports)`);
  const pick = (d) => [d.recipient, d.reason, d.status, d.reply_code, d.hard_bounce, d.permanent, d.who_must_act, d.summary, d.diagnostic_text];
  let compared = 0;
  for (const native of lines) {
    if (native.source.includes('#')) continue; // (one message of an mbox file)
    const wasm = core.diagnoseBytes(readFileSync(join(ROOT, native.source)));
    assert.equal(wasm.kind, native.kind, `${native.source}: kind`);
    assert.deepEqual(wasm.results.map(pick), native.results.map(pick), `${native.source}: results`);
    compared++;
  }
  assert.ok(compared > 300, `${compared} fixtures compared`);
});

test('the text form says when the input is not a bounce', () => {
  const report = core.diagnose(fixture('auto-reply.eml'));
  assert.equal(isBounce(report), false);
  assert.match(reportToText(report), /Not a bounce|No failed recipient/);
  const empty = core.diagnose('   \n');
  assert.equal(empty.kind, 'empty');
  assert.match(reportToMarkdown(empty), /Not a bounce/);
});

test('Markdown keeps payloads from the bounce inert', () => {
  for (const name of ['payload.eml', 'payload-reply.txt']) {
    const md = reportToMarkdown(core.diagnose(fixture(name)));
    const markup = markupOf(md);
    assert.ok(!/<\s*(script|img)/i.test(markup), `${name}: no raw HTML tag outside code spans:\n${md}`);
    assert.ok(!/(^|[^\\])\]\(javascript:/im.test(markup), `${name}: no javascript: link`);
  }
});

test('escapeMarkdown neutralises Markdown and HTML', () => {
  assert.equal(escapeMarkdown('<b>x</b> & *y*'), '&lt;b&gt;x&lt;/b&gt; &amp; \\*y\\*');
  assert.equal(escapeMarkdown('[a](javascript:x)'), '\\[a\\](javascript:x)');
  assert.equal(escapeMarkdown('multi\nline   text'), 'multi line text');
});

test('only http(s) links become links', () => {
  assert.equal(safeUrl('https://www.spamhaus.org/lookup/'), 'https://www.spamhaus.org/lookup/');
  assert.equal(safeUrl('javascript:alert(1)'), null);
  assert.equal(safeUrl('data:text/html,<script>'), null);
  assert.equal(safeUrl('not a url'), null);
});

test('evidence byte offsets map to the right characters after multi-byte text', () => {
  const text = 'Grüße aus Köln 🙂\nhost said: 550 5.1.1 unknown\nend';
  const target = '550 5.1.1';
  const start = Buffer.byteLength(text.slice(0, text.indexOf(target)));
  const ev = [{ text: target, why: 'reply', line: 2, start, end: start + Buffer.byteLength(target) }];
  const [r] = evidenceRanges(text, ev, true);
  assert.equal(text.slice(r.from, r.to), target);
  // Offsets that do not fit the shown text: the whole line is marked instead.
  const [l] = evidenceRanges(text, ev, false);
  assert.equal(text.slice(l.from, l.to), 'host said: 550 5.1.1 unknown');
  // Overlapping evidence is merged into one mark.
  const both = evidenceRanges(text, [...ev, { ...ev[0], start: start + 4, end: start + 20, why: 'status' }], true);
  assert.equal(both.length, 1);
  assert.match(both[0].why, /reply; status/);
});

test('the core offsets of a real bounce point at its evidence text', () => {
  const input = fixture('postfix-user-unknown.eml');
  const report = core.diagnose(input);
  const evidence = report.results.flatMap((d) => d.evidence).filter((e) => e.start !== null);
  assert.ok(evidence.length > 0, 'the core gives byte offsets for its evidence');
  for (const e of evidence) {
    const [r] = evidenceRanges(input, [e], true);
    assert.equal(input.slice(r.from, r.to).replace(/\s+/g, ' ').trim(), e.text.replace(/\s+/g, ' ').trim());
  }
});

test('the single-file bundler follows the page modules, dependencies first', () => {
  // the build records the graph it bundled (read from the readable modules, before the
  // served copies were minified) in web-files.json
  const { page } = JSON.parse(readFileSync(join(DIST, 'web-files.json'), 'utf8'));
  const order = page.filter((f) => f.endsWith('.js') && f !== 'sw.js');
  assert.equal(order.at(-1), 'app.js');
  assert.ok(order.indexOf('pkg/bounce_doctor.js') < order.indexOf('core.js'));
  assert.ok(order.indexOf('core.js') < order.indexOf('app.js'));
  assert.ok(order.includes('ui/render.js'));
});

test('the wasm boundary: plain objects with null for missing values, errors as JS errors', () => {
  const report = core.diagnose(fixture('gmail-address-not-found.txt'));
  assert.equal(Object.getPrototypeOf(report), Object.prototype, 'a plain object');
  assert.equal(report.schema, 'bounce-doctor/1');
  assert.ok('source' in report && report.source === null, 'None crosses as null, not undefined');
  for (const d of report.results) {
    for (const k of ['recipient', 'reply_code', 'status', 'provider', 'blocklist', 'auth', 'remote_mta']) {
      assert.ok(k in d, `${k} is present`);
      assert.notEqual(d[k], undefined, `${k} is never undefined`);
    }
    assert.ok(Array.isArray(d.evidence) && Array.isArray(d.fix_steps));
  }
  // Bytes and text of the same UTF-8 input give the same report.
  const text = fixture('two-recipients.eml');
  assert.deepEqual(core.diagnoseBytes(new TextEncoder().encode(text)), core.diagnose(text));
  // Invalid UTF-8 is read, not refused.
  const latin1 = Buffer.from('550 5.1.1 Empf\xe4nger unbekannt\r\n', 'latin1');
  assert.equal(core.diagnoseBytes(new Uint8Array(latin1)).results.length, 1);
  // Binary data is refused with a JS Error that says why.
  assert.throws(() => core.diagnoseBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0, 0, 1, 2, 3])), (e) => e instanceof Error && /binary/i.test(e.message));
});

test("the admin section quotes the server's words once, however the core words its advice", () => {
  for (const name of ['postfix-user-unknown.eml', 'two-recipients.eml']) {
    const report = core.diagnose(fixture(name));
    const lines = reportToText(report).split('\n').filter((l) => !l.startsWith('  Evidence'));
    for (const d of report.results) {
      const quote = d.diagnostic_text.replace(/\s+/g, ' ').trim().slice(0, 40);
      assert.equal(lines.filter((l) => l.includes(quote)).length, 1, `${name}: ${quote}`);
    }
  }
});

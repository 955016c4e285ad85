// Prints paste-to-rendered times of the page in Chromium (target: <= 50 ms for a typical bounce,
// including the first wasm init).
//   node www/tools/bench.mjs DIST [RUNS]
// cold: a fresh browser context (empty caches), JS modules loaded, wasm not yet started; then
//       wasm fetch + compile + instantiate, diagnose, render, layout.
// warm: the page as a person uses it (core already started): paste event to laid-out result.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';
import { EXAMPLES } from '../examples.js';

const DIST = process.argv[2] || 'dist';
const RUNS = Number(process.argv[3] || 9);
const TYPICAL = EXAMPLES[0].text; // a whole Postfix DSN
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1).padStart(6)} ms`;

const site = await startServer({ root: join(DIST, 'www') });
const browser = await chromium.launch({
  executablePath: process.env.BD_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
});

try {
  const cold = { init: [], diagnose: [], render: [], total: [] };
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    await context.route(`${site.url}bench.html`, (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title><body></body>' }));
    const page = await context.newPage();
    await page.goto(`${site.url}bench.html`);
    const t = await page.evaluate(async (text) => {
      const core = await import('/core.js');
      const { renderReport } = await import('/ui/render.js');
      const t0 = performance.now();
      await core.loadCore();
      const t1 = performance.now();
      const { report, error } = await core.diagnoseInput(text);
      if (error) throw new Error(error);
      const t2 = performance.now();
      document.body.append(renderReport(report));
      void document.body.offsetHeight; // layout
      const t3 = performance.now();
      return { init: t1 - t0, diagnose: t2 - t1, render: t3 - t2, total: t3 - t0 };
    }, TYPICAL);
    for (const k of Object.keys(cold)) cold[k].push(t[k]);
    await context.close();
  }

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(site.url);
  await page.waitForSelector('html[data-bd-ready="true"]');
  const pasteToRender = (text) => page.evaluate((value) => new Promise((done) => {
    const input = document.getElementById('bd-input');
    const result = document.getElementById('bd-result');
    result.replaceChildren();
    const obs = new MutationObserver(() => {
      if (!result.querySelector('.bd-report')) return;
      obs.disconnect();
      void document.body.offsetHeight;
      done(performance.now() - t0);
    });
    obs.observe(result, { childList: true });
    const t0 = performance.now();
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }), text);
  const warm = [];
  for (let i = 0; i < RUNS; i++) warm.push(await pasteToRender(TYPICAL));
  const perExample = [];
  for (const ex of EXAMPLES) {
    const xs = [];
    for (let i = 0; i < 3; i++) xs.push(await pasteToRender(ex.text));
    perExample.push([ex.id, median(xs)]);
  }
  const big = TYPICAL.replace('This is the mail system', `${'Received: by relay.example.org; Tue, 12 Nov 2024 10:15:03 +0100\n'.repeat(8000)}This is the mail system`);
  const bigTime = median([await pasteToRender(big), await pasteToRender(big), await pasteToRender(big)]);
  await context.close();

  const wasmKB = readFileSync(join(DIST, 'www/pkg/bounce_doctor_bg.wasm')).length / 1024;
  console.log(`Paste to rendered diagnosis in Chromium, median of ${RUNS} (typical bounce: ${TYPICAL.length} bytes, wasm ${wasmKB.toFixed(0)} KB):`);
  console.log(`  cold (first wasm init):  init ${ms(median(cold.init))}  diagnose ${ms(median(cold.diagnose))}  render ${ms(median(cold.render))}  total ${ms(median(cold.total))}  (target <= 50 ms: ${median(cold.total) <= 50 ? 'met' : 'MISSED'})`);
  console.log(`  warm (page, core started): ${ms(median(warm))}`);
  for (const [id, t] of perExample) console.log(`    ${id.padEnd(30)} ${ms(t)}`);
  console.log(`  big input (${(big.length / 1048576).toFixed(1)} MB, paste to rendered): ${ms(bigTime)}`);
} finally {
  await browser.close();
  await site.close();
}

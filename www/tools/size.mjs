// Prints what the page loads, gzipped (level 9), against the 200 KB budget, with the breakdown
// by kind; then the widget, the iframe embed and the single-file build.
//   node www/tools/size.mjs DIST     (reads DIST/web-files.json written by build.mjs)
// The budget test (tests/browser/web-size.test.mjs) imports BUDGET and measure() from here.

import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET = 200 * 1024;
const kindOf = (f) => ({ '.wasm': 'wasm', '.js': 'JS', '.css': 'CSS', '.html': 'HTML' })[extname(f)] || 'other';
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1).padStart(7)} KB`;

/** The files of one entry point ('page', 'widget', 'embed') of DIST, gzipped, by file and kind. */
export function measure(dist, entry) {
  const manifest = JSON.parse(readFileSync(join(dist, 'web-files.json'), 'utf8'));
  const rows = manifest[entry].map((f) => {
    const buf = readFileSync(join(dist, 'www', f));
    return { file: f, kind: kindOf(f), raw: buf.length, gzip: gz(buf) };
  });
  const byKind = {};
  for (const r of rows) byKind[r.kind] = (byKind[r.kind] || 0) + r.gzip;
  return { rows, byKind, total: rows.reduce((s, r) => s + r.gzip, 0), raw: rows.reduce((s, r) => s + r.raw, 0) };
}

function report(dist) {
  const page = measure(dist, 'page');
  console.log('The page (everything it loads), gzip -9:');
  for (const r of page.rows.sort((a, b) => b.gzip - a.gzip)) console.log(`  ${r.file.padEnd(30)} ${kb(r.raw)} raw ${kb(r.gzip)} gzip`);
  console.log('  by kind:', Object.entries(page.byKind).map(([k, v]) => `${k} ${(v / 1024).toFixed(1)} KB`).join(', '));
  const verdict = page.total <= BUDGET ? 'within' : 'OVER';
  console.log(`  total: ${kb(page.total)} gzip (${kb(page.raw).trim()} raw), budget ${BUDGET / 1024} KB: ${verdict} budget`);

  for (const name of ['widget', 'embed']) {
    const m = measure(dist, name);
    console.log(`The ${name === 'widget' ? '<bounce-doctor> widget' : 'iframe embed'}: ${kb(m.total).trim()} gzip in ${m.rows.length} files`);
  }
  const single = readFileSync(join(dist, 'bounce-doctor.html'));
  console.log(`The single-file build: ${kb(single.length).trim()} raw, ${kb(gz(single)).trim()} gzip (the wasm is base64 inside)`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) report(process.argv[2] || 'dist');

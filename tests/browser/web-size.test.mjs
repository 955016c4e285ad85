// The page's size budget: everything index.html loads (dist/web-files.json, written by the build)
// stays within 200 KB gzipped (level 9), measured as `./build.sh size` measures it. A knowledge
// table or a dependency that pushes the page over it fails here, not only in a printed report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DIST, ROOT } from './web-helpers.mjs';

const { BUDGET, measure } = await import(join(ROOT, 'www/tools/size.mjs'));

test('everything the page loads is within its 200 KB gzip budget', () => {
  const page = measure(DIST, 'page');
  assert.ok(page.rows.some((r) => r.file === 'pkg/bounce_doctor_bg.wasm'), 'the wasm core is counted');
  const biggest = [...page.rows].sort((a, b) => b.gzip - a.gzip).slice(0, 3).map((r) => `${r.file} ${(r.gzip / 1024).toFixed(1)} KB`).join(', ');
  assert.ok(page.total <= BUDGET, `the page is ${(page.total / 1024).toFixed(1)} KB gzipped, over its ${BUDGET / 1024} KB budget (largest: ${biggest})`);
});

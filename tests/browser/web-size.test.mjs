// The page's size budget: everything index.html loads (dist/web-files.json, written by the build)
// stays within 200 KB gzipped (level 9), the figure `./build.sh size` prints. A knowledge table
// or a dependency that pushes the page over it fails here, not only in a printed report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST } from './web-helpers.mjs';

const BUDGET = 200 * 1024;

test('everything the page loads is within its 200 KB gzip budget', () => {
  const manifest = JSON.parse(readFileSync(join(DIST, 'web-files.json'), 'utf8'));
  assert.ok(manifest.page.includes('pkg/bounce_doctor_bg.wasm'), 'the wasm core is counted');
  const sizes = manifest.page.map((f) => [f, gzipSync(readFileSync(join(DIST, 'www', f)), { level: 9 }).length]);
  const total = sizes.reduce((s, [, n]) => s + n, 0);
  const biggest = sizes.sort((a, b) => b[1] - a[1]).slice(0, 3).map(([f, n]) => `${f} ${(n / 1024).toFixed(1)} KB`).join(', ');
  assert.ok(total <= BUDGET, `the page is ${(total / 1024).toFixed(1)} KB gzipped, over its ${BUDGET / 1024} KB budget (largest: ${biggest})`);
});

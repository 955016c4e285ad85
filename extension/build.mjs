// Lays out the extension packages from one source: dist/extension-chrome/ and
// dist/extension-firefox/. Usage: node extension/build.mjs ROOT
// The shared UI module (www/ui/) and the wasm core (dist/pkg/) are copied in, not forked.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2] || process.cwd();
const src = join(root, 'extension');
const dist = join(root, 'dist');

const needed = [
  [join(dist, 'pkg', 'bounce_doctor.js'), 'the wasm core (build_wasm)'],
  [join(dist, 'pkg', 'bounce_doctor_bg.wasm'), 'the wasm core (build_wasm)'],
  [join(root, 'www', 'ui', 'render.js'), 'the shared UI module (www/ui)'],
  [join(root, 'www', 'ui', 'bd.css'), 'the shared UI styles (www/ui)'],
];
for (const [file, what] of needed) {
  if (!existsSync(file)) {
    console.error(`extension build: missing ${file}: ${what}`);
    process.exit(1);
  }
}

const base = JSON.parse(readFileSync(join(src, 'manifest.json'), 'utf8'));

// Chromium: module service worker; no Firefox keys (Chrome warns about unknown ones).
function chrome(m) {
  delete m.browser_specific_settings;
  return m;
}

// Firefox: background scripts (an event page) instead of a service worker; no
// use_dynamic_url (Chromium only); gecko id and data_collection_permissions stay.
function firefox(m) {
  m.background = { scripts: [m.background.service_worker], type: 'module' };
  for (const w of m.web_accessible_resources) delete w.use_dynamic_url;
  return m;
}

for (const [name, shape] of [['chrome', chrome], ['firefox', firefox]]) {
  const out = join(dist, `extension-${name}`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'pkg'), { recursive: true });
  for (const part of ['background.js', 'content', 'pages', 'icons']) cpSync(join(src, part), join(out, part), { recursive: true });
  cpSync(join(root, 'www', 'ui'), join(out, 'ui'), { recursive: true });
  for (const f of ['bounce_doctor.js', 'bounce_doctor_bg.wasm']) cpSync(join(dist, 'pkg', f), join(out, 'pkg', f));
  const manifest = shape(structuredClone(base));
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  console.log(`extension build: ${out}`);
}

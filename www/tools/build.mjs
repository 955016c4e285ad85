// Lays out the page: node www/tools/build.mjs DIST
//   DIST/www/               the static page, the widget and the iframe embed (with DIST/pkg copied
//                           into DIST/www/pkg), the service worker with its file list and version
//   DIST/bounce-doctor.html the single-file build: scripts, styles and the wasm (base64) inlined,
//                           works from file://, strict CSP with hashes
//   DIST/web-files.json     what the page and the widget load (read by `./build.sh size`)

import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';
import { bundle, moduleGraph } from './bundle.mjs';

const WWW = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = resolve(process.argv[2] || join(WWW, '..', 'dist'));
const OUT = join(DIST, 'www');
const PKG = join(DIST, 'pkg');
const SKIP = new Set(['tools', 'build.inc.sh', 'EMBED.md']);

function die(msg) {
  console.error(`build.mjs: ${msg}`);
  process.exit(1);
}

function walk(dir, base = dir) {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    if (dir === base && SKIP.has(name)) return [];
    return statSync(p).isDirectory() ? walk(p, base) : [relative(base, p)];
  });
}

const sha256 = (data, enc = 'hex') => createHash('sha256').update(data).digest(enc);

function replaceOnce(text, pattern, replacement, what) {
  let n = 0;
  const out = text.replace(pattern, (...m) => {
    n++;
    return typeof replacement === 'function' ? replacement(...m) : replacement;
  });
  if (n !== 1) die(`expected exactly one ${what} in index.html, found ${n}`);
  return out;
}

// ---- the site ----------------------------------------------------------------------------------
for (const f of ['bounce_doctor.js', 'bounce_doctor_bg.wasm']) {
  if (!existsSync(join(PKG, f))) die(`${join(PKG, f)} is missing: run ./build.sh wasm first`);
}
rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, 'pkg'), { recursive: true });
for (const f of walk(WWW)) cpSync(join(WWW, f), join(OUT, f));
for (const f of ['bounce_doctor.js', 'bounce_doctor_bg.wasm']) cpSync(join(PKG, f), join(OUT, 'pkg', f));

// The single-file bundle is made from the readable modules (the bundler reads import lines);
// then every script the page serves is minified (budget: what the page loads, gzipped).
const bundled = bundle(join(OUT, 'app.js'));
const rel = (files) => files.map((f) => relative(OUT, f));
const pageModules = rel(moduleGraph(join(OUT, 'app.js')));
const widgetModules = rel(moduleGraph(join(OUT, 'widget.js')));
const terse = async (code, what) => {
  const out = await minify(code, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  if (!out.code) die(`terser produced nothing for ${what}`);
  return out.code;
};
for (const f of walk(OUT).filter((f) => f.endsWith('.js') && f !== 'sw.js')) {
  writeFileSync(join(OUT, f), await terse(readFileSync(join(OUT, f), 'utf8'), f));
}

// ... and the style sheet: comments and layout whitespace out. (Only whitespace next to
// { } ; , > and after a declaration's "name:" goes, where CSS never needs it; a space
// elsewhere, as in the selector "a :hover", stays.)
const minifyCss = (c) => c.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ').replace(/\s*([{};,>])\s*/g, '$1').replace(/;}/g, '}').replace(/([{;])([-\w]+): /g, '$1$2:').trim() + '\n';
const cssFile = join(OUT, 'ui/bd.css');
writeFileSync(cssFile, minifyCss(readFileSync(cssFile, 'utf8')));

// ... and the pages' indentation: a line break stays where there was one, so the text reads
// the same (whitespace runs collapse in HTML; these pages have no <pre>, and no text in a
// <textarea>).
for (const f of ['index.html', 'embed.html']) {
  const file = join(OUT, f);
  const html = readFileSync(file, 'utf8');
  if (/<pre|<textarea[^>]*>[^<]/i.test(html)) die(`${f}: has preformatted text; its indentation must stay`);
  writeFileSync(file, html.replace(/\n[ \t]+/g, '\n'));
}

// What each entry point loads (for the size budget; module graphs read before minifying).
const wasm = 'pkg/bounce_doctor_bg.wasm';
const pageFiles = ['index.html', 'icon.svg', 'ui/bd.css', ...pageModules, wasm];

// The service worker keeps exactly what the page loads, for offline use (the widget and
// the iframe embed are for other sites and stay out of the page's cache).
const cached = walk(OUT).filter((f) => f !== 'sw.js');
const version = sha256(cached.map((f) => f + '\0' + sha256(readFileSync(join(OUT, f)))).join('\n')).slice(0, 16);
const swPath = join(OUT, 'sw.js');
let sw = readFileSync(swPath, 'utf8');
sw = sw.replace('__BD_VERSION__', version).replace("['__BD_FILES__']", JSON.stringify(['./', ...pageFiles]));
if (sw.includes('__BD_')) die('sw.js markers not replaced');
writeFileSync(swPath, sw);

const manifest = {
  version,
  page: [...pageFiles, 'sw.js'],
  widget: ['ui/bd.css', ...widgetModules, wasm],
  embed: ['embed.html', 'ui/bd.css', ...widgetModules, wasm],
};
for (const list of Object.values(manifest)) {
  if (Array.isArray(list)) for (const f of list) if (!existsSync(join(OUT, f))) die(`manifest names a missing file: ${f}`);
}
writeFileSync(join(DIST, 'web-files.json'), JSON.stringify(manifest, null, 2) + '\n');

// ---- the single-file build -----------------------------------------------------------------------
// Inline text must not close its element early.
const safeScript = (js) => js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
const js = safeScript(await terse(bundled, 'the single-file bundle'));
const css = readFileSync(join(OUT, 'ui/bd.css'), 'utf8');
if (/<\/style/i.test(css)) die('bd.css contains </style');
const b64 = readFileSync(join(OUT, wasm)).toString('base64');

const csp = [
  "default-src 'none'",
  `script-src 'sha256-${sha256(js, 'base64')}' 'wasm-unsafe-eval'`,
  `style-src 'sha256-${sha256(css, 'base64')}'`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

let html = readFileSync(join(OUT, 'index.html'), 'utf8');
html = replaceOnce(html, /<meta http-equiv="Content-Security-Policy" content="[^"]*">/, () => `<meta http-equiv="Content-Security-Policy" content="${csp}">`, 'CSP meta');
html = replaceOnce(html, /<link rel="icon"[^>]*>\n/, '', 'icon link');
html = replaceOnce(html, /<link rel="preload"[^>]*>\n/, '', 'preload link');
html = replaceOnce(html, /<link rel="stylesheet" href="ui\/bd.css">/, () => `<style>${css}</style>`, 'stylesheet link');
html = replaceOnce(html, /<script type="module" src="app.js"><\/script>/,
  () => `<script type="application/octet-stream" id="bd-wasm">${b64}</script>\n<script type="module">${js}</script>`, 'app script');
writeFileSync(join(DIST, 'bounce-doctor.html'), html);

console.log(`built ${OUT} (${cached.length + 1} files, version ${version}) and ${join(DIST, 'bounce-doctor.html')} (${Math.round(html.length / 1024)} KB)`);

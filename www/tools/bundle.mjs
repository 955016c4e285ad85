// A very small ES module bundler for the single-file build: follows the relative imports of an
// entry module and emits one script in which each module is a function scope. It understands
// exactly the import/export forms used in www/ and in wasm-bindgen's --target web output, and
// fails loudly on anything else rather than emit a wrong bundle.

import { readFileSync } from 'node:fs';
import { dirname, resolve, relative } from 'node:path';

const IMPORT = /^import\s+([\s\S]*?)\s+from\s+['"]([^'"]+)['"];?[ \t]*$/gm;
const EXPORT_DECL = /^export\s+(async\s+function\*?|function\*?|const|let|var|class)\s+([A-Za-z_$][\w$]*)/gm;
const EXPORT_LIST = /^export\s*\{([^}]*)\};?[ \t]*$/gm;
const EXPORT_DEFAULT = /^export\s+default\s+([A-Za-z_$][\w$]*);?[ \t]*$/gm;

function parseBindings(clause) {
  // "X" | "{ a, b as c }" | "X, { a }" -> { def: 'X' | null, named: [[imported, local]] }
  const m = /^(?:([A-Za-z_$][\w$]*)\s*,?\s*)?(?:\{([^}]*)\})?$/.exec(clause.trim());
  if (!m) throw new Error(`bundle: unsupported import clause: ${clause}`);
  const named = (m[2] || '').split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    const [a, b] = s.split(/\s+as\s+/);
    return [a.trim(), (b || a).trim()];
  });
  return { def: m[1] || null, named };
}

/** The modules reachable from `entry` (absolute path), dependencies first. */
export function moduleGraph(entry) {
  const order = [];
  const state = new Map(); // path -> 'visiting' | 'done'
  const visit = (file) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'visiting') throw new Error(`bundle: import cycle at ${file}`);
    state.set(file, 'visiting');
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(IMPORT)) {
      if (!m[2].startsWith('.')) throw new Error(`bundle: only relative imports are bundled (${m[2]} in ${file})`);
      visit(resolve(dirname(file), m[2]));
    }
    if (/\bimport\s*\(/.test(src)) throw new Error(`bundle: dynamic import() in ${file}`);
    state.set(file, 'done');
    order.push(file);
  };
  visit(entry);
  return order;
}

/** One classic-scope script (for an inline <script type="module">) holding `entry` and its imports. */
export function bundle(entry) {
  const files = moduleGraph(entry);
  const names = new Map(files.map((f, i) => [f, `__bd_mod${i}`]));
  const parts = [];
  for (const file of files) {
    let src = readFileSync(file, 'utf8');
    const exported = [];
    src = src.replace(IMPORT, (_, clause, spec) => {
      const dep = names.get(resolve(dirname(file), spec));
      const { def, named } = parseBindings(clause);
      const lines = [];
      if (def) lines.push(`const ${def} = ${dep}.default;`);
      if (named.length) lines.push(`const { ${named.map(([a, b]) => (a === b ? a : `${a}: ${b}`)).join(', ')} } = ${dep};`);
      return lines.join(' ');
    });
    src = src.replace(EXPORT_DECL, (_, kind, name) => {
      exported.push([name, name]);
      return `${kind} ${name}`;
    });
    src = src.replace(EXPORT_LIST, (_, list) => {
      for (const s of list.split(',').map((x) => x.trim()).filter(Boolean)) {
        const [a, b] = s.split(/\s+as\s+/);
        exported.push([(b || a).trim(), a.trim()]);
      }
      return '';
    });
    src = src.replace(EXPORT_DEFAULT, (_, name) => {
      exported.push(['default', name]);
      return '';
    });
    if (/^\s*export\b/m.test(src)) throw new Error(`bundle: unsupported export form in ${file}`);
    const ret = exported.map(([as, local]) => (as === local ? as : `${JSON.stringify(as)}: ${local}`)).join(', ');
    parts.push(`// ${relative(dirname(entry), file)}\nconst ${names.get(file)} = (() => {\n${src}\nreturn { ${ret} };\n})();`);
  }
  return parts.join('\n');
}

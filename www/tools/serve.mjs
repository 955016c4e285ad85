// A tiny static file server for the built page, on 127.0.0.1 only.
//   node www/tools/serve.mjs [DIR] [PORT]     (defaults: dist/www, 8080; PORT 0 picks a free one)
// Also imported by the browser tests: startServer({ root, port }) -> { url, server, close() }.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.eml': 'message/rfc822',
};

export function startServer({ root, port = 0, host = '127.0.0.1', log = false } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const send = (code, body, headers = {}) => {
      res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
      let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (path.endsWith('/')) path += 'index.html';
      const file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) return send(403, 'forbidden\n');
      const info = await stat(file).catch(() => null);
      if (!info || !info.isFile()) return send(404, 'not found\n');
      const body = await readFile(file);
      if (log) console.log(`${req.method} ${req.url} 200`);
      return send(200, body, {
        'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
        'Cache-Control': 'no-cache',
        'Referrer-Policy': 'no-referrer',
      });
    } catch (e) {
      return send(400, `bad request: ${e.message}\n`);
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const { port: p } = server.address();
      ok({
        url: `http://${host}:${p}/`,
        server,
        close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] || join(fileURLToPath(new URL('../..', import.meta.url)), 'dist', 'www');
  const port = Number(process.argv[3] || 8080);
  startServer({ root, port, log: !!process.env.BD_LOG })
    .then(({ url }) => console.log(`Bounce Doctor is served at ${url}  (Ctrl-C stops it)`))
    .catch((e) => { console.error(`serve: ${e.message}`); process.exit(1); });
}

/**
 * Builds the flame graph harness page with Vite (into a temp dir, on the fly) and serves it, and
 * anything else a test needs (speedscope's static app, a benchmark file), from a minimal
 * node:http server on 127.0.0.1. Used by test/e2e/flame.spec.ts and test/bench/flameBench.ts.
 */
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const harnessDir = dirname(fileURLToPath(import.meta.url));

/** Builds flame.html + its bundle into a new temp dir; returns the dir. */
export async function buildFlameHarness(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'flame-harness-'));
  await build({
    configFile: false,
    root: harnessDir,
    base: './',
    mode: 'production',
    logLevel: 'warn',
    plugins: [react()],
    worker: { format: 'es' }, // as the app's renderer build (its workers start workers)
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      reportCompressedSize: false,
      rollupOptions: { input: join(harnessDir, 'flame.html') },
    },
  });
  return outDir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves files: `mounts` maps a URL prefix ending in '/' to a directory, or an exact URL path to
 * a file. Paths never escape their directory. Large files are streamed.
 */
export async function startStaticServer(mounts: Record<string, string>): Promise<StaticServer> {
  const entries = Object.entries(mounts).sort((a, b) => b[0].length - a[0].length);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file: string | null = null;
    for (const [prefix, target] of entries) {
      if (prefix.endsWith('/') ? path.startsWith(prefix) : path === prefix) {
        if (!prefix.endsWith('/')) {
          file = target;
        } else {
          const rest = path.slice(prefix.length) || 'index.html';
          const candidate = normalize(join(target, rest));
          if (candidate === target || candidate.startsWith(resolve(target) + sep)) file = candidate;
        }
        break;
      }
    }
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

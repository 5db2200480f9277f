/**
 * The browser-mode path of the terminal benchmark serves the built renderer (out/renderer).
 * Build it when it is missing or older than any source it is made of; `BENCH_BUILD=always`
 * forces a build, `BENCH_BUILD=never` uses whatever is there.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const rendererDir = join(repoRoot, 'out', 'renderer');
const rendererIndex = join(rendererDir, 'index.html');
/** What the renderer bundle is made of. */
const SOURCES = ['renderer', 'shared', 'electron.vite.config.ts', 'package-lock.json'];

function newestMtimeMs(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtimeMs(join(path, entry.name)));
  }
  return newest;
}

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-8_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', fail);
    child.once('close', (code) => done({ code, output }));
  });
}

/** Builds out/renderer if needed; returns one line for the report saying what it did. */
export async function ensureRendererBuilt(): Promise<string> {
  const mode = process.env.BENCH_BUILD ?? 'auto';
  const exists = existsSync(rendererIndex);
  if (mode === 'never') {
    if (!exists) throw new Error(`${rendererIndex} is missing (BENCH_BUILD=never)`);
    return 'renderer: using out/renderer as it is (BENCH_BUILD=never)';
  }
  const builtAt = exists ? statSync(rendererIndex).mtimeMs : 0;
  const sourcesAt = Math.max(...SOURCES.map((s) => newestMtimeMs(join(repoRoot, s))));
  if (mode !== 'always' && exists && builtAt >= sourcesAt) {
    return 'renderer: out/renderer is newer than its sources, not rebuilt';
  }
  const started = performance.now();
  const { code, output } = await run('npx', ['electron-vite', 'build']);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (code === 0 && existsSync(rendererIndex)) {
    return `renderer: built with \`npx electron-vite build\` in ${seconds} s (${exists ? 'sources were newer' : 'was missing'})`;
  }
  if (exists && existsSync(rendererIndex)) {
    // A half-edited source tree should not stop the benchmark when an older build is there.
    return `renderer: BUILD FAILED (exit ${code}), benchmarking the previous build; build output:\n${output.slice(-1_500)}`;
  }
  throw new Error(`npx electron-vite build failed (exit ${code}):\n${output.slice(-3_000)}`);
}

/**
 * A deterministic, Python-looking collapsed-stacks file for the flame graph benchmark: about
 * 100 000 distinct stacks of depth 8–40 and 1 000 000 samples, frames as py-spy writes them,
 * `func (pkg/module.py:123)`, lines in shuffled order (py-spy writes HashMap order).
 *
 * A small synthetic program makes the stacks: a few thousand functions in modules of real-sounding
 * packages, each calling a handful of others from fixed call sites (so a function appears with a
 * few line numbers, as in py-spy output). Stacks are random walks from a thread's entry point; the
 * walk prefers a function's first callees (Zipf-like), so the upper frames are shared widely and
 * the lower ones fan out, as in a real service. Weights follow a Zipf law over the stacks.
 */

/** mulberry32: small, fast, good enough for test data, and the same everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Package → modules, and the packages its functions call besides their own. */
const PACKAGES: [string, string[], string[]][] = [
  [
    'app',
    ['views', 'services', 'models', 'tasks', 'serializers', 'utils', 'billing', 'search'],
    ['django', 'sqlalchemy', 'requests', 'json', 'logging', 'redis', 'jinja2', 'pandas'],
  ],
  [
    'django',
    ['core/handlers', 'db/models', 'db/backends', 'template', 'middleware', 'http'],
    ['app', 'json', 'logging', 're', 'sqlalchemy'],
  ],
  [
    'sqlalchemy',
    ['orm', 'engine', 'sql', 'pool', 'dialects/postgresql'],
    ['socket', 'ssl', 'logging'],
  ],
  ['requests', ['sessions', 'adapters', 'models', 'api'], ['urllib3', 'json']],
  ['urllib3', ['connectionpool', 'connection', 'response', 'util'], ['http', 'socket', 'ssl']],
  ['json', ['decoder', 'encoder'], []],
  ['logging', ['__init__', 'handlers'], ['socket']],
  ['jinja2', ['environment', 'runtime', 'compiler'], ['re']],
  ['redis', ['client', 'connection'], ['socket']],
  ['numpy', ['core/fromnumeric', 'lib/function_base'], []],
  ['pandas', ['core/frame', 'core/groupby/groupby', 'io/parsers'], ['numpy', 're']],
  ['ssl', ['__init__'], ['socket']],
  ['socket', ['__init__'], []],
  ['http', ['client'], ['socket']],
  ['re', ['_compiler', '_parser'], []],
];
const VERBS = [
  'get',
  'load',
  'save',
  'handle',
  'process',
  'render',
  'parse',
  'build',
  'fetch',
  'send',
  'read',
  'write',
  'compute',
  'validate',
  'serialize',
  'dispatch',
  'execute',
  'resolve',
  'format',
  'update',
  'apply',
  'check',
  'create',
  'open',
  'close',
  'encode',
  'decode',
  'iter',
  'merge',
  'flush',
];
const NOUNS = [
  'request',
  'response',
  'query',
  'row',
  'rows',
  'item',
  'items',
  'user',
  'order',
  'invoice',
  'session',
  'connection',
  'cursor',
  'template',
  'context',
  'block',
  'chunk',
  'frame',
  'record',
  'message',
  'payload',
  'headers',
  'body',
  'result',
  'batch',
  'cache',
  'token',
  'field',
  'schema',
  'node',
  'value',
  'buffer',
];

interface Fn {
  name: string;
  file: string;
  line: number;
  callees: number[];
}

export interface CollapsedBenchData {
  text: string;
  lines: number;
  samples: number;
  distinctFrames: number;
  maxDepth: number;
}

export function generateCollapsed(
  options: { stacks?: number; samples?: number; seed?: number } = {},
): CollapsedBenchData {
  const stackTarget = options.stacks ?? 100_000;
  const sampleTarget = options.samples ?? 1_000_000;
  const random = seededRandom(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

  // The program: functions in modules in packages.
  const fns: Fn[] = [];
  const byPackage = new Map<string, number[]>();
  for (const [pkg, modules] of PACKAGES) {
    const ids: number[] = [];
    for (const module of modules) {
      const file = `${pkg}/${module}.py`;
      const count = 8 + Math.floor(random() * 40);
      for (let i = 0; i < count; i++) {
        const name =
          random() < 0.15 ? `_${pick(VERBS)}_${pick(NOUNS)}` : `${pick(VERBS)}_${pick(NOUNS)}`;
        ids.push(fns.length);
        fns.push({ name, file, line: 10 + Math.floor(random() * 1500), callees: [] });
      }
    }
    byPackage.set(pkg, ids);
  }
  // Calls stay in the package half the time, else go to one of the packages it uses.
  for (const [pkg, , uses] of PACKAGES) {
    const own = byPackage.get(pkg) ?? [];
    for (const id of own) {
      const fn = fns[id] as Fn;
      const count = 2 + Math.floor(random() * 6);
      for (let k = 0; k < count; k++) {
        const other = uses.length > 0 && random() < 0.5;
        fn.callees.push(pick(other ? (byPackage.get(pick(uses)) ?? own) : own));
      }
    }
  }
  const roots = [
    '_bootstrap (threading.py:995);_bootstrap_inner (threading.py:1038);run (threading.py:975)',
    '<module> (gunicorn:8);run (gunicorn/app/wsgiapp.py:67);run (gunicorn/arbiter.py:209)',
    '_bootstrap (threading.py:995);_bootstrap_inner (threading.py:1038);run (threading.py:975);_worker (concurrent/futures/thread.py:83)',
    '<module> (manage.py:22);main (manage.py:18);execute_from_command_line (django/core/management/__init__.py:442)',
  ];
  const entries = byPackage.get('app') ?? [];

  const seen = new Set<string>();
  const stacks: string[] = [];
  let maxDepth = 0;
  const frames = new Set<string>();
  let attempts = 0;
  while (stacks.length < stackTarget && attempts < stackTarget * 20) {
    attempts++;
    const rootIndex = Math.floor(random() ** 1.5 * roots.length);
    const root = roots[rootIndex] as string;
    const rootDepth = root.split(';').length;
    const depth = 8 + Math.floor(random() * 33); // 8..40 frames in all
    const parts = [root];
    // Entry points: the first few app functions are the busy endpoints.
    let fn = entries[Math.floor(random() ** 3 * entries.length)] as number;
    for (let d = rootDepth; d < depth; d++) {
      const f = fns[fn] as Fn;
      const leaf = d === depth - 1;
      const choice = Math.floor(random() ** 2.2 * f.callees.length);
      const line = leaf ? f.line + 1 + Math.floor(random() * 6) : f.line + 2 + choice * 3;
      const frame = `${f.name} (${f.file}:${line})`;
      parts.push(frame);
      frames.add(frame);
      if (!leaf) fn = f.callees[choice] as number;
    }
    const stack = parts.join(';');
    if (seen.has(stack)) continue;
    seen.add(stack);
    stacks.push(stack);
    maxDepth = Math.max(maxDepth, depth);
  }
  for (const root of roots) for (const frame of root.split(';')) frames.add(frame);

  // Zipf weights over a shuffled order, every stack at least 1, summing to sampleTarget.
  const n = stacks.length;
  const raw = new Float64Array(n);
  let rawSum = 0;
  for (let i = 0; i < n; i++) {
    raw[i] = 1 / (i + 1) ** 0.9;
    rawSum += raw[i] ?? 0;
  }
  const spare = Math.max(0, sampleTarget - n);
  const weights = new Int32Array(n);
  let assigned = 0;
  for (let i = 0; i < n; i++) {
    weights[i] = 1 + Math.floor(((raw[i] ?? 0) / rawSum) * spare);
    assigned += weights[i] ?? 0;
  }
  weights[0] = (weights[0] ?? 0) + (sampleTarget - assigned); // rounding remainder
  // Fisher–Yates over line order (HashMap order in py-spy).
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  const out: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const k = order[i] as number;
    out[i] = `${stacks[k]} ${weights[k]}`;
  }
  return {
    text: `${out.join('\n')}\n`,
    lines: n,
    samples: sampleTarget,
    distinctFrames: frames.size,
    maxDepth,
  };
}

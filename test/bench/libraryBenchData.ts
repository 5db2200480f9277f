/**
 * Deterministic, realistic captured text for the library search benchmark: `strace -f -tt -T`
 * lines (futex, read/write with quoted request text, openat of Python files, connect errors) and
 * `py-spy dump` blocks, with the unique values real output has (addresses, microseconds, ids in
 * request paths), so the index sees a realistic vocabulary, not a handful of repeated words.
 */
import { seededRandom } from './flameBenchData';

const MODULES = [
  'app/views.py',
  'app/services/billing.py',
  'app/models/order.py',
  'app/tasks/reconcile.py',
  'django/db/models/query.py',
  'django/core/handlers/base.py',
  'sqlalchemy/engine/base.py',
  'sqlalchemy/pool/impl.py',
  'requests/sessions.py',
  'urllib3/connectionpool.py',
  'json/decoder.py',
  'logging/__init__.py',
  'redis/connection.py',
  'threading.py',
  'concurrent/futures/thread.py',
  'asyncio/base_events.py',
  'selectors.py',
  'ssl.py',
  'socket.py',
  'gunicorn/workers/sync.py',
];
const FUNCTIONS = [
  'handle_request',
  'get_response',
  'execute',
  '_execute_context',
  'do_execute',
  'fetchall',
  'compute_invoice',
  'apply_discounts',
  'serialize_order',
  'reconcile_ledger',
  'send',
  'recv_into',
  'urlopen',
  '_make_request',
  'getresponse',
  'decode',
  'raw_decode',
  'emit',
  'flush',
  'wait',
  'acquire',
  '_worker',
  'run',
  '_bootstrap_inner',
  'select',
  '_run_once',
  'read_response',
  'checkout',
  'render_template',
  'validate_payload',
];
const PATHS = [
  '/api/v1/orders',
  '/api/v1/invoices',
  '/api/v1/customers',
  '/healthz',
  '/api/v2/search',
  '/static/app.js',
];
const ERRNOS = [
  'EAGAIN (Resource temporarily unavailable)',
  'ETIMEDOUT (Connection timed out)',
  'ECONNREFUSED (Connection refused)',
  'ENOENT (No such file or directory)',
];
/** Words a person might search for that real output holds rarely (planted, a few per MiB). */
export const RARE_WORDS = [
  'deadlock_detector',
  'pg_advisory_lock',
  'circuit_breaker_open',
  'stale_replica',
  'quota_exceeded',
  'payment_gateway_timeout',
] as const;

const pick = <T>(rand: () => number, list: readonly T[]): T =>
  list[Math.floor(rand() * list.length)] ?? (list[0] as T);
const hex = (rand: () => number, digits: number) =>
  Math.floor(rand() * 16 ** digits)
    .toString(16)
    .padStart(digits, '0');

/** One line of `strace -f -tt -T`, at `seconds` past midnight. */
function straceLine(rand: () => number, pid: number, seconds: number): string {
  const t = new Date(seconds * 1000).toISOString().slice(11, 19);
  const at = `[pid ${pid + Math.floor(rand() * 12)}] ${t}.${String(Math.floor(rand() * 1e6)).padStart(6, '0')}`;
  const took = `<0.${String(Math.floor(rand() ** 4 * 1e6)).padStart(6, '0')}>`;
  const r = rand();
  if (r < 0.4)
    return `${at} futex(0x7f${hex(rand, 10)}, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, NULL, FUTEX_BITSET_MATCH_ANY) = ${rand() < 0.2 ? `-1 ${ERRNOS[0]}` : '0'} ${took}`;
  if (r < 0.6) {
    const path = `${pick(rand, PATHS)}/${Math.floor(rand() * 1e7)}`;
    return `${at} read(${3 + Math.floor(rand() * 60)}, "GET ${path} HTTP/1.1\\r\\nHost: api.internal\\r\\nX-Request-Id: ${hex(rand, 16)}\\r\\n"..., 65536) = ${Math.floor(rand() * 4096)} ${took}`;
  }
  if (r < 0.75)
    return `${at} write(${3 + Math.floor(rand() * 60)}, "{\\"status\\": \\"ok\\", \\"order_id\\": ${Math.floor(rand() * 1e8)}}", ${40 + Math.floor(rand() * 30)}) = 52 ${took}`;
  if (r < 0.85)
    return `${at} openat(AT_FDCWD, "/usr/lib/python3.11/${pick(rand, MODULES)}", O_RDONLY|O_CLOEXEC) = ${rand() < 0.3 ? `-1 ${ERRNOS[3]}` : String(3 + Math.floor(rand() * 60))} ${took}`;
  if (r < 0.95)
    return `${at} connect(${3 + Math.floor(rand() * 60)}, {sa_family=AF_INET, sin_port=htons(${pick(rand, [5432, 6379, 8080, 443])}), sin_addr=inet_addr("10.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}")}, 16) = ${rand() < 0.5 ? `-1 ${pick(rand, ERRNOS.slice(1, 3))}` : '0'} ${took}`;
  return `${at} epoll_wait(${3 + Math.floor(rand() * 8)}, [{events=EPOLLIN, data={u32=${Math.floor(rand() * 100)}, u64=${Math.floor(rand() * 1e12)}}}], 1024, ${Math.floor(rand() * 5000)}) = 1 ${took}`;
}

/** One `py-spy dump` of a Python process with a dozen threads. */
function pySpyDump(rand: () => number, pid: number): string {
  const lines = [
    `Process ${pid}: /usr/bin/python3 -m gunicorn app.wsgi:application --workers 4`,
    'Python v3.11.2 (/usr/bin/python3.11)',
    '',
  ];
  for (let thread = 0; thread < 12; thread++) {
    const state = pick(rand, ['idle', 'active', 'active+gil']);
    lines.push(
      `Thread ${pid + thread} (${state}): "${thread === 0 ? 'MainThread' : `ThreadPoolExecutor-0_${thread}`}"`,
    );
    const depth = 4 + Math.floor(rand() * 14);
    for (let frame = 0; frame < depth; frame++)
      lines.push(
        `    ${pick(rand, FUNCTIONS)} (${pick(rand, MODULES)}:${1 + Math.floor(rand() * 900)})`,
      );
  }
  return lines.join('\n');
}

/**
 * About `bytes` of captured text (UTF-8, ASCII here), made from `seed`: mostly strace lines with a
 * py-spy dump now and then; every ~256 KiB one of RARE_WORDS appears in a request path.
 */
export function capturedText(bytes: number, seed: number): string {
  const rand = seededRandom(seed);
  const pid = 10_000 + Math.floor(rand() * 50_000);
  const parts: string[] = [];
  let size = 0;
  let seconds = 8 * 3600 + Math.floor(rand() * 3600);
  let nextRare = Math.floor(rand() * 256 * 1024);
  while (size < bytes) {
    let line = rand() < 0.002 ? pySpyDump(rand, pid) : straceLine(rand, pid, seconds);
    if (size >= nextRare && line.includes('/api/v1/')) {
      line = line.replace('/api/v1/', `/api/v1/${pick(rand, RARE_WORDS)}/`);
      nextRare += Math.floor(rand() * 512 * 1024);
    }
    if (rand() < 0.001) seconds++;
    parts.push(line);
    size += line.length + 1;
  }
  return parts.join('\n') + '\n';
}

/**
 * What an engineer types into the library search: 30 queries of 1–3 words, rare and common,
 * whole and typed halfway (the last word a prefix).
 */
export const BENCH_QUERIES = [
  ...RARE_WORDS,
  'ECONNREFUSED',
  'ETIMEDOUT',
  'compute_invoice',
  'reconcile_ledger',
  'apply_discounts billing',
  'futex',
  'connect ETIMEDOUT',
  'openat ENOENT',
  'invoices',
  'customers',
  'gunicorn sync',
  'MainThread',
  'active gil',
  'ThreadPoolExecutor',
  'serialize_order order',
  'epoll_wait EPOLLIN',
  'X-Request-Id',
  'api v2 search',
  'dead',
  'payment_gat',
  'circuit_br',
  'reconc',
  'sqlalchemy pool impl',
  'redis connection read_response',
] as const;

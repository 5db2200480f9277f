/**
 * event-loop-blocked names the application's frame, not the server's: with whole file paths
 * (py-spy --full-filenames, as triage runs it; gdb), a frame under site-packages, dist-packages
 * or the interpreter's lib/pythonX.Y is a library's, whatever the server or framework.
 */
import { describe, expect, it } from 'vitest';
import { diagnose, type Finding } from '../../../shared/diagnosis';
import { readLocalFixture } from '../fixturePath';
import { dumpCapture, setOf } from './captures';

const loopFinding = (found: readonly Finding[]): Finding | undefined =>
  found.find((f) => f.kind === 'event-loop-blocked');

/** One py-spy dump of a loop thread whose callback holds `callback` (leaf first). */
function loopDump(pid: number, state: 'idle' | 'active', callback: readonly string[]): string {
  return [
    `Process ${pid}: /srv/shop/.venv/bin/python -m hypercorn shop.asgi:app`,
    'Python v3.12.3 (/usr/local/bin/python3.12)',
    '',
    `Thread ${pid} (${state}): "MainThread"`,
    ...callback.map((f) => `    ${f}`),
    '    _run (/usr/local/lib/python3.12/asyncio/events.py:88)',
    '    _run_once (/usr/local/lib/python3.12/asyncio/base_events.py:1987)',
    '    run_forever (/usr/local/lib/python3.12/asyncio/base_events.py:641)',
    '',
  ].join('\n');
}

const SITE = '/srv/shop/.venv/lib/python3.12/site-packages';
/** A Django view under hypercorn, the app in a package of its own, calling requests. */
const BLOCKED_IN_VIEW = [
  'recv_into (/usr/local/lib/python3.12/socket.py:720)',
  `readinto (${SITE}/urllib3/response.py:300)`,
  `send (${SITE}/requests/adapters.py:486)`,
  `get (${SITE}/requests/api.py:73)`,
  'fetch_rates (/srv/shop/shop/orders/views.py:21)',
  `view (${SITE}/django/views/generic/base.py:104)`,
  `__call__ (${SITE}/django/core/handlers/asgi.py:160)`,
  `handle_request (${SITE}/hypercorn/protocol/http_stream.py:190)`,
];

describe('event-loop-blocked names the application frame, by its path', () => {
  it('seed 002 with whole paths: search (app.py:40), the blocking call named, not run_asgi', () => {
    // The lab's seed 002 under its load, as triage dumps it: in the blocking read once, building
    // a new client on the CPU twice, inside search every time.
    const text = readLocalFixture('diagnosis', 'pyspy-seed002-full-3.txt');
    const found = diagnose(setOf(16292, [dumpCapture(text)]));
    expect(found[0]?.kind).toBe('event-loop-blocked');
    expect(found[0]?.title).toContain('blocked in search (app.py:40)');
    expect(found[0]?.title).toContain('waits in read');
    expect(found[0]?.title).not.toContain('run_asgi');
  });

  it('inside the same application coroutine in every dump, in a blocking call once: critical', () => {
    const text = readLocalFixture('diagnosis', 'pyspy-seed002-full-3.txt');
    const loop = loopFinding(diagnose(setOf(16292, [dumpCapture(text)])));
    expect(loop?.severity).toBe('critical');
    expect(loop?.statement).toMatch(/in all 3 dumps/i);
    // Its evidence is the app's frame and the leaf in each dump, not the server's coroutine.
    expect(loop?.evidence.filter((e) => e.kind === 'frame')).toHaveLength(6);
  });

  it('any framework and server: a Django view under hypercorn, the app in a package', () => {
    const text = [1, 2, 3].map(() => loopDump(4242, 'idle', BLOCKED_IN_VIEW)).join('');
    const loop = loopFinding(diagnose(setOf(4242, [dumpCapture(text)])));
    expect(loop?.severity).toBe('critical');
    expect(loop?.title).toContain('blocked in fetch_rates (views.py:21)');
    expect(loop?.title).toContain('get (requests/api.py:73)');
  });

  it('on the CPU in a different application function in every dump: no finding', () => {
    const at = (fn: string, leaf: string) =>
      loopDump(4242, 'active', [leaf, `${fn} (/srv/shop/shop/orders/views.py:30)`]);
    const text =
      at('list_orders', `dumps (/usr/local/lib/python3.12/json/__init__.py:231)`) +
      at('cancel_order', `render (${SITE}/django/template/base.py:170)`) +
      at('show_cart', `encode (/usr/local/lib/python3.12/json/encoder.py:200)`);
    expect(loopFinding(diagnose(setOf(4242, [dumpCapture(text)])))).toBeUndefined();
  });

  it('on the CPU in the same application function in every dump, whatever it calls: CPU work', () => {
    // Seed 002 caught on the CPU three times: building a new client, hashing in its own score.
    const at = (line: number, callee: string) =>
      loopDump(4242, 'active', [callee, `search (/srv/lab/app.py:${line})`]);
    const text =
      at(38, `load_ssl_context_verify (${SITE}/httpx/_config.py:145)`) +
      at(44, 'score (/srv/lab/app.py:33)') +
      at(38, `__init__ (${SITE}/httpx/_client.py:679)`);
    const loop = loopFinding(diagnose(setOf(4242, [dumpCapture(text)])));
    expect(loop?.severity).toBe('critical');
    expect(loop?.title).toContain('runs CPU work in search (app.py) in every dump');
  });

  it('blocked once, then in other coroutines: one dump says it, a warning', () => {
    const other = (fn: string) =>
      loopDump(4242, 'active', [`${fn} (/srv/shop/shop/orders/views.py:50)`]);
    const text =
      loopDump(4242, 'idle', BLOCKED_IN_VIEW) + other('list_orders') + other('cancel_order');
    expect(loopFinding(diagnose(setOf(4242, [dumpCapture(text)])))?.severity).toBe('warning');
  });

  it("off the CPU twice at one line of asyncio's own code: a preemption, not a blocked loop", () => {
    // Seen on the healthy control under load (browser e2e, a loaded 2-core host): the loop idle
    // at current_task (asyncio/tasks.py:38) inside search in 2 of 3 dumps. asyncio's own code
    // (a transport's write, current_task) never blocks the loop: off the CPU there, it was
    // preempted.
    const asyncioLeaf = (leaf: string) =>
      loopDump(4242, 'idle', [
        `${leaf} (/usr/local/lib/python3.12/asyncio/${leaf === 'write' ? 'selector_events.py:1057' : 'tasks.py:38'})`,
        `get (${SITE}/httpx/_client.py:1757)`,
        'search (/srv/lab/app.py:64)',
      ]);
    const select = loopDump(4242, 'idle', [
      'select (/usr/local/lib/python3.12/selectors.py:468)',
    ]).replace(/ {4}_run \(.*\n/, '');
    for (const leaf of ['current_task', 'write']) {
      const text = asyncioLeaf(leaf) + asyncioLeaf(leaf) + select;
      const found = diagnose(setOf(4242, [dumpCapture(text)]));
      expect(found.filter((f) => f.severity !== 'info').map((f) => f.title)).toEqual([]);
    }
  });

  it("off the CPU twice at a selector line in the server's coroutine: the GIL, not a blocked loop", () => {
    // Seen in a CI run of seed 000's triage (its pool holds the GIL): the loop off the CPU at
    // unregister (selectors.py:368) inside uvicorn's run_asgi in 2 of 3 dumps, ranked critical.
    // The selectors module is the loop's own machinery (epoll_ctl): it never blocks there.
    const selectorLeaf = loopDump(4242, 'idle', [
      'unregister (/usr/local/lib/python3.12/selectors.py:368)',
      `run_asgi (${SITE}/uvicorn/protocols/http/h11_impl.py:366)`,
    ]);
    const select = loopDump(4242, 'idle', [
      'select (/usr/local/lib/python3.12/selectors.py:468)',
    ]).replace(/ {4}_run \(.*\n/, '');
    const found = diagnose(setOf(4242, [dumpCapture(selectorLeaf + selectorLeaf + select)]));
    expect(found.filter((f) => f.severity !== 'info').map((f) => f.title)).toEqual([]);
  });

  it("in socket.py's accept inside asyncio's own _accept_connection: housekeeping, not a block", () => {
    // Seen in a CI run of seed 001's triage: a thread held the GIL, and the loop, back from the
    // accept syscall of a ready listening socket, waited for it at socket.py's accept in all 3
    // dumps; ranked critical above the GIL holder. asyncio's sockets are non-blocking, and
    // socket.py's methods are their wrappers: off the CPU there, the loop waits for the GIL.
    const stdlib = '/usr/local/lib/python3.12';
    const housekeeping = [
      [
        `accept (${stdlib}/socket.py:295)`,
        `_accept_connection (${stdlib}/asyncio/selector_events.py:165)`,
      ],
      [
        `recv (${stdlib}/ssl.py:1240)`,
        `_read_ready__get_buffer (${stdlib}/asyncio/selector_events.py:977)`,
      ],
    ];
    for (const callback of housekeeping) {
      const text = [1, 2, 3].map(() => loopDump(4242, 'idle', callback)).join('');
      expect(loopFinding(diagnose(setOf(4242, [dumpCapture(text)])))).toBeUndefined();
    }
    // The same wrapper called from the application's coroutine still names it.
    const appAccept = [`accept (${stdlib}/socket.py:295)`, 'serve_admin (/srv/shop/admin.py:12)'];
    const text = [1, 2, 3].map(() => loopDump(4242, 'idle', appAccept)).join('');
    expect(loopFinding(diagnose(setOf(4242, [dumpCapture(text)])))?.title).toContain(
      'blocked in serve_admin (admin.py:12)',
    );
  });

  it('paths shortened by py-spy cannot tell the app apart: the outer coroutine, as before', () => {
    const text = readLocalFixture('diagnosis', 'pyspy-seed002-lab-3.txt');
    const loop = loopFinding(diagnose(setOf(23655, [dumpCapture(text)])));
    expect(loop?.severity).toBe('critical');
    expect(loop?.title).toContain('run_asgi');
  });
});

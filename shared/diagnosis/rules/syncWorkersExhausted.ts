/**
 * A sync worker pool exhausted (seed 004): gunicorn sync workers serve one request each; when
 * every worker sits in a request handler waiting on a socket read, new requests queue in the
 * listen backlog until the timeout. Worse when the handler calls the server itself: `ss` then
 * shows a connection from the process to its own listening port, a deadlock until the timeout.
 */
import type { PyFrame } from '../../parsers/pyspy/dumpModel';
import type { SsAddress } from '../../parsers/ss/ssModel';
import type { EvidenceRef } from '../evidence';
import type { ListenerFact, ProcessFacts, SocketFact, ThreadSample } from '../facts/facts';
import { activityWords, threadActivity } from '../facts/threadActivity';
import type { Finding } from '../finding';
import {
  describeFrame,
  finding,
  firstPythonFrame,
  frameRef,
  hasFrame,
  plural,
  when,
  isAppFile,
  isWholePath,
} from './ruleKit';

const inSyncRequest = (s: ThreadSample): boolean =>
  hasFrame(s.thread.frames, 'handle_request', 'gunicorn/workers/sync.py') ||
  hasFrame(s.thread.frames, 'handle', 'gunicorn/workers/gthread.py');

const waitsOnSocket = (s: ThreadSample): boolean => {
  const a = threadActivity(s.thread);
  return (
    (a.kind === 'blocked' && /network|connection/.test(a.waitsFor)) ||
    a.kind === 'off-cpu-in-python'
  );
};

const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+|localhost)$/;

/** The peer is the listener's host: loopback, or the socket's own address for a wildcard listener. */
function sameHost(peer: SsAddress, listen: SsAddress, local: SsAddress): boolean {
  const loopback = LOOPBACK.test(peer.host);
  if (listen.host === '*' || listen.host === '0.0.0.0' || listen.host === '::') {
    return loopback || peer.host === local.host;
  }
  return peer.host === listen.host || (loopback && LOOPBACK.test(listen.host));
}

/** Connections the process opened to one of its own listening ports. */
function selfCalls(facts: ProcessFacts): { socket: SocketFact; listener: ListenerFact }[] {
  const out: { socket: SocketFact; listener: ListenerFact }[] = [];
  for (const socket of facts.sockets) {
    if (
      socket.socket.state !== null &&
      socket.socket.state !== 'ESTAB' &&
      socket.socket.state !== 'SYN-SENT'
    )
      continue;
    const peer = socket.socket.peer;
    const listener = facts.listeners.find(
      (l) =>
        l.listener.local.port !== null &&
        l.listener.local.port === peer.port &&
        sameHost(peer, l.listener.local, socket.socket.local),
    );
    // Its own accepted connections have the listening port locally, not as the peer.
    if (listener !== undefined && socket.socket.local.port !== peer.port)
      out.push({ socket, listener });
  }
  return out;
}

/**
 * The handler's own frame, innermost first: with whole paths (py-spy --full-filenames, gdb) the
 * first outside the library folders, whatever client it calls through; with py-spy's shortened
 * paths, the first that is not a known client or socket module.
 */
function appFrameOf(frames: readonly PyFrame[]): number {
  const whole = frames.some((f) => f.native !== true && isWholePath(f.file));
  return frames.findIndex(
    (f) =>
      f.function !== '' &&
      f.native !== true &&
      (whole
        ? isAppFile(f.file)
        : !/(?:^|\/)(?:socket|http\/client|urllib|requests|urllib3|ssl)[./]/.test(f.file)),
  );
}

/** Workers of the same master (ps: same parent, same name), and gunicorn's `-w N`. */
function workerCount(facts: ProcessFacts): { count: number; how: string } | null {
  const ps = facts.ps;
  if (ps === null) return null;
  const flag = /(?:^|\s)(?:-w\s*|--workers[=\s])(\d+)/.exec(ps.row.command)?.[1];
  if (flag !== undefined) return { count: Number(flag), how: `-w ${flag} on its command line` };
  if (ps.row.ppid === null) return null;
  const siblings = ps.all.filter((r) => r.ppid === ps.row.ppid && r.name === ps.row.name).length;
  return { count: siblings, how: `${plural(siblings, 'worker')} of parent ${ps.row.ppid} in ps` };
}

const timeoutOf = (command: string): string | null =>
  /(?:^|\s)(?:-t\s*|--timeout[=\s])(\d+)/.exec(command)?.[1] ?? null;

export function syncWorkersExhausted(facts: ProcessFacts): Finding[] {
  const inRequest = facts.threads.flatMap((t) => t.samples).filter(inSyncRequest);
  if (inRequest.length === 0) return [];
  const dumps = new Set(facts.dumps.map((d) => d.order)).size;
  const waiting = inRequest.filter(waitsOnSocket);
  // In every dump of the process, a worker thread is in a request waiting on a socket.
  const dumpsWaiting = new Set(waiting.map((s) => s.dumpOrder)).size;
  if (dumpsWaiting === 0 || dumpsWaiting < dumps) return [];
  const last = waiting.at(-1);
  if (last === undefined) return [];
  const calls = selfCalls(facts);
  const workers = workerCount(facts);
  const allBusy = workers !== null && workers.count <= 1;
  const timeout = facts.ps === null ? null : timeoutOf(facts.ps.row.command);
  const queued =
    calls.find((c) => c.listener.listener.acceptQueue > 0)?.listener.listener.acceptQueue ?? 0;
  const handler = firstPythonFrame(last.thread.frames);
  const appFrame = appFrameOf(last.thread.frames);
  const appHandler = last.thread.frames[appFrame] ?? last.thread.frames[handler];
  const port = calls[0]?.listener.listener.local.port;
  const evidence: EvidenceRef[] = [
    ...waiting.slice(-3).map((s) => frameRef(s, Math.max(0, appFrame))),
    ...calls.slice(0, 3).flatMap((c): EvidenceRef[] => [
      { kind: 'socket', capture: c.socket.capture, index: c.socket.index },
      { kind: 'listener', capture: c.listener.capture, index: c.listener.index },
    ]),
  ];
  if (facts.ps !== null)
    evidence.push({ kind: 'ps-row', capture: facts.ps.capture, pid: facts.pid, tid: null });
  const cannotCheck: string[] = [];
  if (workers === null) cannotCheck.push("how many workers there are: needs ps (or gunicorn's -w)");
  else if (!allBusy)
    cannotCheck.push(
      `the other ${workers.count - 1} workers: dump each (py-spy dump --subprocesses on the master)`,
    );
  if (facts.sockets.length === 0)
    cannotCheck.push('whether it calls its own server: needs ss -tanp');
  const leafWords = activityWords(threadActivity(last.thread));
  return [
    finding(facts, {
      kind: 'sync-workers-exhausted',
      subject: 'workers',
      severity: calls.length > 0 || allBusy ? 'critical' : 'warning',
      base: 40,
      reasons: [
        ...when(
          calls.length > 0,
          25,
          `ss: a connection from PID ${facts.pid} to its own port ${port ?? ''}`,
        ),
        ...when(allBusy, 15, `every worker is busy (${workers?.how ?? ''})`),
        ...when(dumps >= 2, 10, `in a request in all ${dumps} dumps`),
        ...when(queued > 0, 5, `${plural(queued, 'connection')} waiting in the listen queue`),
        ...when(dumps < 2, -10, 'one dump'),
      ],
      title:
        calls.length > 0
          ? `A sync worker waits on a request to its own server (port ${port ?? '?'}): it calls itself and hangs${timeout !== null ? ` until the ${timeout} s timeout` : ' until the timeout'}`
          : `${allBusy ? 'The only sync worker' : 'A sync worker'} is in a request handler waiting on a socket read`,
      statement:
        `A gunicorn sync worker serves one request at a time. Here it is in ${appHandler === undefined ? 'a request handler' : describeFrame(appHandler)} and ${leafWords}` +
        (calls.length > 0
          ? `, while ss shows it connected to its own listening port: the request it waits for needs a free worker, and there is none. `
          : '. ') +
        `New requests queue until a worker frees up or the timeout kills it. Call the code directly instead of over HTTP, or use more workers / an async worker class.`,
      evidence,
      cannotCheck,
      nextSteps: [
        ...(facts.sockets.length === 0
          ? [{ label: 'its connections (ss -tanp)', capture: { recipe: 'ss' as const } }]
          : []),
        ...(workers === null
          ? [{ label: 'its workers (ps)', capture: { recipe: 'ps' as const, threads: false } }]
          : []),
        ...(dumps < 3
          ? [
              {
                label: 'three dumps a second apart',
                capture: { recipe: 'pyspy-dump' as const, pid: facts.pid },
                repeat: { times: 3, everySeconds: 1 },
              },
            ]
          : []),
      ],
    }),
  ];
}

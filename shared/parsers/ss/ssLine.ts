/**
 * One line of iproute2 `ss` output (iproute2 6.1). Columns are separated by runs of spaces; the
 * process column and `-e`/`-o` extras follow the peer address:
 *   State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess
 *   LISTEN 0      511        127.0.0.1:37751      0.0.0.0:*    users:(("nginx",pid=12800,fd=6),("nginx",pid=12788,fd=6))
 *   ESTAB  0      0          127.0.0.1:37751    127.0.0.1:50738 users:(("nginx",pid=12800,fd=3))
 *   u_str  ESTAB  0      0      * 41810      * 41811  users:(("node",pid=18089,fd=31))   (-a: unix "path inode")
 * Note the header's "Peer Address:PortProcess": with `-p` and short addresses ss glues the last two
 * names. Without `-n` ports may be service names ("*:ssh"). Old ss prints IPv6 unbracketed
 * (":::22") and users as `(("sshd",1234,3))`. Reference: ss(8), iproute2 misc/ss.c.
 */
import { parseUnsigned } from '../top/topValues';
import type { SsAddress, SsProcess, SsSocket } from './ssModel';

export interface SsLayout {
  netid: boolean;
  state: boolean;
}

const STATES = new Set([
  'ESTAB',
  'SYN-SENT',
  'SYN-RECV',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'TIME-WAIT',
  'UNCONN',
  'CLOSE-WAIT',
  'LAST-ACK',
  'LISTEN',
  'CLOSING',
  'CLOSED',
  'UNKNOWN',
  'NEW-SYN-RECV',
  'BOUND',
]);

const NETIDS =
  /^(?:tcp|udp|raw|u_str|u_dgr|u_seq|nl|p_raw|p_dgr|mptcp|sctp|tipc|xdp|v_str|v_dgr|icmp6?)$/;

/** The layout a header line announces, or null if the line is not an ss header. */
export function parseSsHeader(line: string): { layout: SsLayout; columns: string[] } | null {
  const t = line.trim();
  if (!/^(?:Netid|State|Recv-Q)\b/.test(t) || !/\bRecv-Q\s+Send-Q\b/.test(t)) return null;
  const layout = { netid: t.startsWith('Netid'), state: /^(?:Netid\s+)?State\b/.test(t) };
  return { layout, columns: columnsFor(layout, /Process/.test(t)) };
}

export function columnsFor(layout: SsLayout, process: boolean): string[] {
  return [
    ...(layout.netid ? ['Netid'] : []),
    ...(layout.state ? ['State'] : []),
    'Recv-Q',
    'Send-Q',
    'Local Address:Port',
    'Peer Address:Port',
    ...(process ? ['Process'] : []),
  ];
}

/** The layout of a header-less line (`ss -H`), guessed from its first token. */
export function inferSsLayout(first: string): SsLayout | null {
  if (STATES.has(first)) return { netid: false, state: true };
  if (NETIDS.test(first)) return { netid: true, state: true };
  if (parseUnsigned(first) !== null) return { netid: false, state: false };
  return null;
}

/** "127.0.0.1:80", "[::1]:80", "*:22", "0.0.0.0:*", "127.0.0.53%lo:53", ":::22" → parts. */
export function parseSsAddress(text: string): SsAddress | null {
  if (text === '*') return { text, host: '*', port: null, service: null, iface: null };
  const colon = text.lastIndexOf(':');
  if (colon < 0) return null;
  let host = text.slice(0, colon);
  const portText = text.slice(colon + 1);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  let iface: string | null = null;
  const pct = host.indexOf('%');
  if (pct >= 0) {
    iface = host.slice(pct + 1).replace(/\]$/, '');
    host = host.slice(0, pct).replace(/^\[/, '');
  }
  if (host === '' || portText === '') return null;
  const port = parseUnsigned(portText);
  const service = port === null && portText !== '*' ? portText : null;
  return { text, host, port, service, iface };
}

function unixAddress(path: string, inode: string): SsAddress | null {
  const port = inode === '*' ? null : parseUnsigned(inode);
  if (port === null && inode !== '*') return null;
  return { text: `${path} ${inode}`, host: path, port, service: null, iface: null };
}

// `("name",pid=1,fd=2)` (iproute2 ≥ 3.16) or `("name",1,2)` (older); the name may hold spaces.
const USER = /\("((?:[^"\\]|\\.)*)",(?:pid=)?(\d{1,10}),(?:fd=)?(\d{1,10})\),?/y;

/** `users:((…),(…))` at `at` in `rest`: the processes and where the field ends, or null. */
function parseUsers(rest: string, at: number): { processes: SsProcess[]; end: number } | null {
  const processes: SsProcess[] = [];
  let i = at + 'users:('.length;
  for (;;) {
    USER.lastIndex = i;
    const m = USER.exec(rest);
    if (!m) break;
    processes.push({ name: m[1] ?? '', pid: Number(m[2]), fd: parseUnsigned(m[3] ?? '') });
    i = USER.lastIndex;
  }
  if (rest[i] !== ')' || processes.length === 0) return null;
  return { processes, end: i + 1 };
}

const TOKEN = /\S+/g;

/** One socket line under `layout`, or null if it does not fit. */
export function parseSsRow(line: string, layout: SsLayout): SsSocket | null {
  const toks: { text: string; start: number }[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(line); m && toks.length < 12; m = TOKEN.exec(line)) {
    toks.push({ text: m[0], start: m.index });
  }
  let i = 0;
  const next = (): string => toks[i++]?.text ?? '';
  const netid = layout.netid ? next() : null;
  const state = layout.state ? next() : null;
  if (state !== null && !STATES.has(state)) return null;
  const recvQ = parseUnsigned(next());
  const sendQ = parseUnsigned(next());
  if (recvQ === null || sendQ === null) return null;
  const unix = netid?.startsWith('u_') === true;
  const local = unix ? unixAddress(next(), next()) : parseSsAddress(next());
  const peer = unix ? unixAddress(next(), next()) : parseSsAddress(next());
  if (local === null || peer === null || i > toks.length) return null;
  const socket: SsSocket = { netid, state, recvQ, sendQ, local, peer, processes: [] };
  const restStart = toks[i]?.start;
  if (restStart === undefined) return socket;
  const rest = line.slice(restStart).trimEnd();
  let extra = rest;
  const at = rest.indexOf('users:(');
  const users = at >= 0 ? parseUsers(rest, at) : null;
  if (users) {
    socket.processes = users.processes;
    extra = (rest.slice(0, at) + rest.slice(users.end)).trim();
  }
  if (extra !== '') socket.extra = extra;
  return socket;
}

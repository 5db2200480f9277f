/**
 * Incremental parser for iproute2 `ss` socket listings (`ss -tanp`, `ss -tlnp`, `ss -anp`, `-H`):
 *   State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess
 *   LISTEN 0      511        127.0.0.1:37751      0.0.0.0:*    users:(("nginx",pid=12800,fd=6))
 * Keeps the sockets (up to a cap) and the aggregates of a socket view: listeners with their
 * accept queues (for LISTEN, Recv-Q = queued connections, Send-Q = backlog), sockets by state,
 * by peer host (top N) and by process. A new header starts a new listing (`watch ss`); the model
 * shows the latest one that has sockets. Per line only, so any chunking gives the same model.
 * Line grammar: ssLine.ts.
 */
import { LineStreamParser } from '../lineStreamParser';
import { columnsFor, inferSsLayout, parseSsHeader, parseSsRow, type SsLayout } from './ssLine';
import type { SsCount, SsListener, SsModel, SsProcessSockets, SsSocket } from './ssModel';

/** Sockets kept per listing (aggregates still count the rest). */
export const MAX_SS_SOCKETS = 50_000;
/** Distinct peers / processes / listeners tracked per listing; beyond that they are lumped. */
export const MAX_SS_KEYS = 10_000;

export interface SsParserOptions {
  /** How many peers and processes the model lists (default 20). */
  topN?: number;
}

class Listing {
  total = 0;
  sockets: SsSocket[] = [];
  dropped = 0;
  listening: SsListener[] = [];
  fullQueues = 0;
  byState = new Map<string, number>();
  byPeer = new Map<string, number>();
  peersLumped = 0;
  byProcess = new Map<string, SsProcessSockets>();
  detailLines = 0;

  constructor(
    readonly layout: SsLayout | null,
    readonly columns: string[],
  ) {}

  add(s: SsSocket): void {
    this.total++;
    if (this.sockets.length < MAX_SS_SOCKETS) this.sockets.push(s);
    else this.dropped++;
    if (s.state !== null) this.byState.set(s.state, (this.byState.get(s.state) ?? 0) + 1);
    if (s.state === 'LISTEN') {
      const queueFull = s.recvQ > 0 && s.recvQ >= s.sendQ;
      if (queueFull) this.fullQueues++;
      if (this.listening.length < MAX_SS_KEYS) {
        this.listening.push({
          netid: s.netid,
          local: s.local,
          acceptQueue: s.recvQ,
          backlog: s.sendQ,
          queueFull,
          processes: s.processes,
        });
      }
    } else if (s.peer.host !== '*' && s.peer.port !== null) {
      const n = this.byPeer.get(s.peer.host);
      if (n !== undefined || this.byPeer.size < MAX_SS_KEYS)
        this.byPeer.set(s.peer.host, (n ?? 0) + 1);
      else this.peersLumped++;
    }
    const seen = new Set<number>();
    for (const p of s.processes) {
      if (seen.has(p.pid)) continue; // one socket, several fds of the same process
      seen.add(p.pid);
      const key = `${p.pid} ${p.name}`;
      let entry = this.byProcess.get(key);
      if (entry === undefined) {
        if (this.byProcess.size >= MAX_SS_KEYS) continue;
        entry = { name: p.name, pid: p.pid, sockets: 0, listening: 0, established: 0 };
        this.byProcess.set(key, entry);
      }
      entry.sockets++;
      if (s.state === 'LISTEN') entry.listening++;
      if (s.state === 'ESTAB') entry.established++;
    }
  }
}

function sortedCounts(map: Map<string, number>): SsCount[] {
  return [...map]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export class SsStreamParser extends LineStreamParser<SsModel> {
  private readonly topN: number;
  private current: Listing | null = null;
  private previous: Listing | null = null;
  private tablesSeen = 0;
  private totalUnparsed = 0;

  constructor(options: SsParserOptions = {}) {
    super();
    this.topN = Math.max(1, Math.floor(options.topN ?? 20));
  }

  protected takeLine(line: string): void {
    this.line(line);
  }

  protected takeOverlong(): void {
    this.unparsed();
  }

  get unparsedLines(): number {
    return this.totalUnparsed;
  }

  snapshot(): SsModel {
    const cur = this.current;
    const l = cur !== null && (cur.total > 0 || this.previous === null) ? cur : this.previous;
    const base = { tablesSeen: this.tablesSeen, unparsedLines: this.totalUnparsed };
    if (l === null) {
      return {
        ...{ columns: [], total: 0, sockets: [], droppedSockets: 0, listening: [], fullQueues: 0 },
        ...{ byState: [], byPeer: [], otherPeers: 0, byProcess: [], detailLines: 0 },
        ...base,
      };
    }
    const peers = sortedCounts(l.byPeer);
    const shownPeers = peers.slice(0, this.topN);
    const otherPeers = l.peersLumped + peers.slice(this.topN).reduce((sum, p) => sum + p.count, 0);
    const byProcess = [...l.byProcess.values()]
      .sort((a, b) => b.sockets - a.sockets || a.pid - b.pid)
      .slice(0, this.topN)
      .map((p) => ({ ...p }));
    return {
      columns: [...l.columns],
      total: l.total,
      sockets: [...l.sockets],
      droppedSockets: l.dropped,
      listening: [...l.listening],
      fullQueues: l.fullQueues,
      byState: sortedCounts(l.byState),
      byPeer: shownPeers,
      otherPeers,
      byProcess,
      detailLines: l.detailLines,
      ...base,
    };
  }

  private line(raw: string): void {
    if (raw.trim() === '') return;
    try {
      this.classify(raw);
    } catch {
      this.unparsed(); // a bug; never let it escape to the caller
    }
  }

  private classify(raw: string): void {
    const header = parseSsHeader(raw);
    if (header !== null) {
      this.startListing(header.layout, header.columns);
      return;
    }
    // `-i`, `-m`, `-e` details: an indented line under a socket.
    if (/^\s/.test(raw) && this.current !== null && this.current.total > 0) {
      const t = raw.trim();
      if (!/^(?:Netid|State)\b/.test(t) && inferSsLayout(t.split(/\s/, 1)[0] ?? '') === null) {
        this.current.detailLines++;
        return;
      }
    }
    const t = raw.trim();
    let listing = this.current;
    let layout = listing?.layout ?? null;
    if (layout === null) {
      layout = inferSsLayout(t.split(/\s/, 1)[0] ?? '');
      if (layout === null) {
        this.unparsed();
        return;
      }
    }
    const socket = parseSsRow(t, layout);
    if (socket === null) {
      this.unparsed();
      return;
    }
    if (listing === null) {
      // Header-less output (`ss -H`): the first socket opens a listing with the guessed layout.
      listing = this.startListing(null, columnsFor(layout, socket.processes.length > 0));
    }
    listing.add(socket);
  }

  private startListing(layout: SsLayout | null, columns: string[]): Listing {
    if (this.current !== null && this.current.total > 0) this.previous = this.current;
    if (layout !== null) this.tablesSeen++;
    this.current = new Listing(layout, columns);
    return this.current;
  }

  private unparsed(): void {
    this.totalUnparsed++;
  }
}

/** Parses a whole capture at once. */
export function parseSsText(text: string, options?: SsParserOptions): SsModel {
  const parser = new SsStreamParser(options);
  parser.push(text);
  parser.end();
  return parser.snapshot();
}

/**
 * Incremental parser for the nginx error log (`tail -f error.log`):
 *   2025/05/06 04:00:08 [error] 214903#214903: *5482906 upstream prematurely closed connection
 *   while reading response header from upstream, client: 10.0.0.7, server: api.example.com,
 *   request: "POST /retrieval/apple_health_data HTTP/1.1", upstream:
 *   "http://10.0.0.9:30016/retrieval/apple_health_data", host: "api.example.com"     (one line)
 * Grammar (src/core/ngx_log.c): `TIME [LEVEL] PID#TID: [*CONN ]MESSAGE[ while CONTEXT][, key: value…]`.
 * The message is reduced to a "kind" (quoted text → "…", addresses → <addr>, long numbers → N)
 * so repeats group together. Bounded: at most MAX_KINDS kinds, MAX_UPSTREAMS upstreams and the
 * last `recent` entries. Indented lines after an entry are continuations. Per line only, so any
 * chunking gives the same model.
 */
import { LineStreamParser } from '../lineStreamParser';
import { parseErrorLine } from './errorLogLine';
import type { ErrorKindCount, ErrorLogModel, NginxErrorEntry } from './errorLogModel';

export type {
  ErrorKindCount,
  ErrorLogModel,
  ErrorUpstreamCount,
  NginxErrorEntry,
} from './errorLogModel';
export { errorKind, parseErrorLine } from './errorLogLine';

export const MAX_KINDS = 256;
const MAX_UPSTREAMS = 64;
const MAX_KINDS_PER_UPSTREAM = 32;

export interface ErrorLogOptions {
  /** Entries kept in `recent` (default 50). */
  recent?: number;
}

export class NginxErrorLogParser extends LineStreamParser<ErrorLogModel> {
  private readonly keepRecent: number;
  private lineNo = 0;
  private seen = 0;
  private entries = 0;
  private unparsed = 0;
  private continuations = 0;
  private afterEntry = false;
  private firstTime: string | null = null;
  private lastTime: string | null = null;
  private readonly levels = new Map<string, number>();
  private readonly kinds = new Map<string, ErrorKindCount>();
  private otherKinds = 0;
  private readonly upstreams = new Map<string, { count: number; kinds: Map<string, number> }>();
  private recent: NginxErrorEntry[] = [];

  constructor(options: ErrorLogOptions = {}) {
    super();
    this.keepRecent = Math.max(1, Math.floor(options.recent ?? 50));
  }

  protected takeOverlong(): void {
    this.lineNo++;
    this.seen++;
    this.unparsed++;
  }

  get unparsedLines(): number {
    return this.unparsed;
  }

  snapshot(): ErrorLogModel {
    const desc = <T extends { count: number }>(a: T, b: T): number => b.count - a.count;
    return {
      lines: this.seen,
      entries: this.entries,
      unparsedLines: this.unparsed,
      continuationLines: this.continuations,
      firstTime: this.firstTime,
      lastTime: this.lastTime,
      byLevel: [...this.levels].map(([level, count]) => ({ level, count })).sort(desc),
      byKind: [...this.kinds.values()].map((k) => ({ ...k })).sort(desc),
      otherKinds: this.otherKinds,
      byUpstream: [...this.upstreams]
        .map(([upstream, u]) => ({
          upstream,
          count: u.count,
          kinds: [...u.kinds]
            .map(([key, count]) => {
              const [level = '', kind = ''] = key.split('\n');
              return { level, kind, count };
            })
            .sort(desc),
        }))
        .sort(desc),
      recent: this.recent.map((e) => ({ ...e })),
    };
  }

  protected takeLine(raw: string): void {
    this.lineNo++;
    if (raw.trim() === '') return;
    this.seen++;
    try {
      const entry = parseErrorLine(raw.trimEnd(), this.lineNo);
      if (entry !== null) {
        this.record(entry);
        this.afterEntry = true;
      } else if (this.afterEntry && /^\s/.test(raw)) {
        this.continuations++;
      } else {
        this.unparsed++;
        this.afterEntry = false;
      }
    } catch {
      this.unparsed++; // a bug; never let it escape to the caller
    }
  }

  private record(e: NginxErrorEntry): void {
    this.entries++;
    this.firstTime ??= e.time;
    this.lastTime = e.time;
    this.levels.set(e.level, (this.levels.get(e.level) ?? 0) + 1);
    const key = `${e.level}\n${e.kind}`;
    const k = this.kinds.get(key);
    if (k !== undefined) {
      k.count++;
      k.lastTime = e.time;
    } else if (this.kinds.size < MAX_KINDS) {
      this.kinds.set(key, {
        ...{ level: e.level, kind: e.kind, count: 1, firstTime: e.time, lastTime: e.time },
        sample: e.message,
      });
    } else {
      this.otherKinds++;
    }
    if (e.upstreamAddr !== null) {
      let u = this.upstreams.get(e.upstreamAddr);
      if (u === undefined && this.upstreams.size < MAX_UPSTREAMS) {
        u = { count: 0, kinds: new Map() };
        this.upstreams.set(e.upstreamAddr, u);
      }
      if (u !== undefined) {
        u.count++;
        const n = u.kinds.get(key);
        if (n !== undefined || u.kinds.size < MAX_KINDS_PER_UPSTREAM)
          u.kinds.set(key, (n ?? 0) + 1);
      }
    }
    this.recent.push(e);
    if (this.recent.length > this.keepRecent) this.recent.shift();
  }
}

/** Parses a whole log at once. */
export function parseErrorLogText(text: string, options?: ErrorLogOptions): ErrorLogModel {
  const parser = new NginxErrorLogParser(options);
  parser.push(text);
  parser.end();
  return parser.snapshot();
}

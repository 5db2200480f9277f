/**
 * Data model of a parsed nginx error log: entries (the last few), counts by (level, kind) and by
 * upstream. Built by errorLogParser.ts.
 */

export interface NginxErrorEntry {
  /** 1-based line number in the stream. */
  line: number;
  /** "2025/05/06 04:00:08" as printed (the server's local time). */
  time: string;
  /** debug, info, notice, warn, error, crit, alert, emerg. */
  level: string;
  pid: number;
  tid: number;
  /** The `*N` connection number, null for messages outside a connection. */
  connection: number | null;
  /** The message without the trailing `, client: …` fields. */
  message: string;
  /** The message, before " while ", with its variable parts masked. */
  kind: string;
  /** What nginx was doing: "reading response header from upstream". */
  context: string | null;
  client: string | null;
  server: string | null;
  request: string | null;
  /** The `upstream:` URL as printed. */
  upstream: string | null;
  /** Its address: "127.0.0.1:8001". */
  upstreamAddr: string | null;
  host: string | null;
  referrer: string | null;
}

export interface ErrorKindCount {
  level: string;
  kind: string;
  count: number;
  firstTime: string;
  lastTime: string;
  /** The first full message of this kind. */
  sample: string;
}

export interface ErrorUpstreamCount {
  upstream: string;
  count: number;
  kinds: { level: string; kind: string; count: number }[];
}

export interface ErrorLogModel {
  /** Non-blank lines seen. */
  lines: number;
  entries: number;
  unparsedLines: number;
  /** Indented lines following an entry (multi-line messages). */
  continuationLines: number;
  firstTime: string | null;
  lastTime: string | null;
  byLevel: { level: string; count: number }[];
  /** Most first. */
  byKind: ErrorKindCount[];
  /** Entries of kinds beyond MAX_KINDS. */
  otherKinds: number;
  /** Entries naming an upstream, per upstream address, most first. */
  byUpstream: ErrorUpstreamCount[];
  /** The last entries, oldest first. */
  recent: NginxErrorEntry[];
}

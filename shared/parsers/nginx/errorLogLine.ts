/**
 * One nginx error-log line (src/core/ngx_log.c, ngx_http_log_error_handler):
 *   `YYYY/MM/DD HH:MM:SS [level] PID#TID: [*CONN ]MESSAGE[ while CONTEXT][, client: …, server: …,
 *   request: "…", upstream: "…", host: "…", referrer: "…"]`
 * and the "kind" of a message: the part before " while ", variable parts masked, so that repeats
 * of one problem count together.
 */
import type { NginxErrorEntry } from './errorLogModel';
import { upstreamAddressOfUrl } from './nginxValues';

const MAX_FIELD = 2_000;

const ENTRY =
  /^(\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}) \[([a-z]+)\] (\d{1,10})#(\d{1,10}): (?:\*(\d{1,19}) )?(.*)$/;
const FIELD = /(\w+): ("(?:[^"\\]|\\.)*"|[^,]*)(?:, |$)/y;

/** Splits "msg, client: 1.2.3.4, request: "GET / HTTP/1.1"" into the message and its fields. */
function splitFields(text: string): { message: string; fields: Map<string, string> } {
  const fields = new Map<string, string>();
  const at = text.indexOf(', client: ');
  const start = at >= 0 ? at : text.search(/, (?:server|request|upstream|host): /);
  if (start < 0) return { message: text, fields };
  let i = start + 2;
  while (i < text.length) {
    FIELD.lastIndex = i;
    const m = FIELD.exec(text);
    if (!m || m[0] === '') return { message: text, fields: new Map() };
    const raw = m[2] ?? '';
    fields.set(m[1] ?? '', raw.startsWith('"') ? raw.slice(1, -1) : raw);
    i = FIELD.lastIndex;
  }
  return { message: text.slice(0, start), fields };
}

/** "connect() to 127.0.0.1:8001 failed (111: …)" → "connect() to <addr> failed (111: …)". */
export function errorKind(message: string): string {
  const cut = message.indexOf(' while ');
  return (cut >= 0 ? message.slice(0, cut) : message)
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b|\[[0-9a-f:]+\](?::\d{1,5})?/gi, '<addr>')
    .replace(/\b\d{4,}\b/g, 'N')
    .slice(0, 160);
}

/** One error-log line, or null if it is not one. */
export function parseErrorLine(line: string, lineNo = 0): NginxErrorEntry | null {
  const m = ENTRY.exec(line);
  if (!m) return null;
  const { message: full, fields } = splitFields((m[6] ?? '').slice(0, MAX_FIELD));
  const whileAt = full.indexOf(' while ');
  const get = (k: string): string | null => fields.get(k) ?? null;
  const upstream = get('upstream');
  return {
    line: lineNo,
    time: m[1] ?? '',
    level: m[2] ?? '',
    pid: Number(m[3]),
    tid: Number(m[4]),
    connection: m[5] === undefined ? null : Number(m[5]),
    message: full,
    kind: errorKind(full),
    context: whileAt >= 0 ? full.slice(whileAt + ' while '.length) : null,
    client: get('client'),
    server: get('server'),
    request: get('request'),
    upstream,
    upstreamAddr: upstream === null ? null : upstreamAddressOfUrl(upstream),
    host: get('host'),
    referrer: get('referrer'),
  };
}

import { formatSeconds } from '../../insights/nginx';
import type { AccessLogModel, ErrorLogModel } from '../../parsers/nginx/index';
import type { PsModel } from '../../parsers/ps/index';
import type { SsModel } from '../../parsers/ss/index';
import { cpuTime, fixed, table, text } from './htmlText';

const seconds = (v: number | null): string => (v === null ? '—' : formatSeconds(v));

/** The last ps table, busiest first. */
export function psHtml(model: PsModel): string {
  const t = model.table;
  if (!t) return '<p class="none">No ps table was read.</p>';
  const rows = [...t.rows].sort((a, b) => (b.cpuPercent ?? 0) - (a.cpuPercent ?? 0));
  return `${table(
    `ps: ${t.rows.length + t.droppedRows} ${t.kind}, busiest first`,
    [
      { title: 'PID', cell: (r) => r.pid, numeric: true },
      ...(t.kind === 'threads'
        ? [{ title: 'TID', cell: (r: (typeof rows)[number]) => r.tid ?? '', numeric: true }]
        : []),
      { title: 'user', cell: (r) => r.user ?? '' },
      { title: '%CPU', cell: (r) => fixed(r.cpuPercent), numeric: true },
      { title: '%MEM', cell: (r) => fixed(r.memPercent), numeric: true },
      { title: 'RSS KiB', cell: (r) => r.rssKiB ?? '', numeric: true },
      { title: 'STAT', cell: (r) => r.stat ?? '' },
      { title: 'TIME', cell: (r) => cpuTime(r.cpuTimeSeconds), numeric: true },
      { title: 'command', cell: (r) => r.command },
    ],
    rows,
  )}${t.droppedRows > 0 ? `<p class="more">${text(`${t.droppedRows} rows were past the parser's cap.`)}</p>` : ''}`;
}

/** Sockets by state and by peer, then the sockets themselves. */
export function ssHtml(model: SsModel): string {
  return [
    `<p class="reading">${text(`${model.total} sockets, ${model.listening.length} listening, ${model.fullQueues} with a full queue`)}</p>`,
    table(
      'Sockets by state',
      [
        { title: 'state', cell: (r) => r.key },
        { title: 'sockets', cell: (r) => r.count, numeric: true },
      ],
      model.byState,
    ),
    table(
      'Sockets by peer',
      [
        { title: 'peer', cell: (r) => r.key },
        { title: 'sockets', cell: (r) => r.count, numeric: true },
      ],
      model.byPeer,
      { maxRows: 20 },
    ),
    table(
      'Sockets',
      [
        { title: 'state', cell: (r) => r.state ?? '' },
        { title: 'Recv-Q', cell: (r) => r.recvQ, numeric: true },
        { title: 'Send-Q', cell: (r) => r.sendQ, numeric: true },
        { title: 'local', cell: (r) => r.local.text },
        { title: 'peer', cell: (r) => r.peer.text },
        { title: 'process', cell: (r) => r.processes.map((p) => `${p.name} ${p.pid}`).join(', ') },
      ],
      model.sockets,
    ),
  ].join('\n');
}

/** Upstream latency and statuses of an access log. */
export function accessLogHtml(model: AccessLogModel): string {
  const o = model.overall;
  return [
    `<p class="reading">${text(`${model.requests} requests${model.firstTime ? ` from ${model.firstTime} to ${model.lastTime ?? '?'}` : ''} · latency from ${model.latencySource ?? 'nothing (the format has no time)'} · p50 ${seconds(o.p50)}, p95 ${seconds(o.p95)}, p99 ${seconds(o.p99)}, max ${seconds(o.max)}`)}</p>`,
    table(
      'Upstream latency',
      [
        { title: 'upstream', cell: (r) => r.upstream },
        { title: 'attempts', cell: (r) => r.attempts, numeric: true },
        { title: 'p50', cell: (r) => seconds(r.latency.p50), numeric: true },
        { title: 'p95', cell: (r) => seconds(r.latency.p95), numeric: true },
        { title: 'p99', cell: (r) => seconds(r.latency.p99), numeric: true },
        { title: 'max', cell: (r) => seconds(r.latency.max), numeric: true },
        { title: '5xx', cell: (r) => r.failures, numeric: true },
        {
          title: 'statuses',
          cell: (r) => r.statuses.map((s) => `${s.status}×${s.count}`).join(' '),
        },
      ],
      model.upstreams,
    ),
    model.otherUpstreamAttempts > 0
      ? `<p class="more">${text(`${model.otherUpstreamAttempts} attempts to other upstreams.`)}</p>`
      : '',
    table(
      'Statuses',
      [
        { title: 'status', cell: (r) => r.status },
        { title: 'requests', cell: (r) => r.count, numeric: true },
      ],
      model.statuses,
    ),
    table(
      'Slowest requests',
      [
        { title: 'time', cell: (r) => r.time ?? '' },
        { title: 'seconds', cell: (r) => seconds(r.seconds), numeric: true },
        { title: 'status', cell: (r) => r.status },
        { title: 'upstream', cell: (r) => r.culprit ?? '' },
        { title: 'request', cell: (r) => r.request },
      ],
      model.slowest,
      { maxRows: 20 },
    ),
  ].join('\n');
}

/** An error log's kinds of error and the upstreams they name. */
export function errorLogHtml(model: ErrorLogModel): string {
  return [
    `<p class="reading">${text(`${model.entries} entries${model.firstTime ? ` from ${model.firstTime} to ${model.lastTime ?? '?'}` : ''} · ${model.byLevel.map((l) => `${l.count} ${l.level}`).join(', ')}`)}</p>`,
    table(
      'Errors by kind',
      [
        { title: 'level', cell: (r) => r.level },
        { title: 'kind', cell: (r) => r.kind },
        { title: 'count', cell: (r) => r.count, numeric: true },
        { title: 'first', cell: (r) => r.firstTime },
        { title: 'last', cell: (r) => r.lastTime },
        { title: 'sample', cell: (r) => r.sample },
      ],
      model.byKind,
    ),
    table(
      'Errors by upstream',
      [
        { title: 'upstream', cell: (r) => r.upstream },
        { title: 'count', cell: (r) => r.count, numeric: true },
        { title: 'kinds', cell: (r) => r.kinds.map((k) => `${k.kind}×${k.count}`).join(', ') },
      ],
      model.byUpstream,
    ),
  ].join('\n');
}

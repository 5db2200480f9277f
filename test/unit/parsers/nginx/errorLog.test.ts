/** Error logs: the lab's recording, seed 001's two lines, and the other usual messages. */
import { describe, expect, it } from 'vitest';
import { errorKind, parseErrorLine, parseErrorLogText } from '../../../../shared/parsers/nginx';
import { readLocalFixture } from '../../fixturePath';

const SEED001 = [
  '2025/05/06 04:00:08 [error] 214903#214903: *5482906 upstream prematurely closed connection while reading response header from upstream, client: {ip}, server: {host}, request: "POST /retrieval/apple_health_data HTTP/1.1", upstream: "http://{ip}:30016/retrieval/apple_health_data", host: "{host}"',
  '2025/05/06 04:00:08 [error] 214904#214904: *5482919 upstream prematurely closed connection while reading response header from upstream, client: {ip}, server: {host}, request: "POST /retrieval/apple_health_data HTTP/1.1", upstream: "http://{ip}:30016/retrieval/apple_health_data", host: "{host}"',
];

describe('the lab error log', () => {
  const m = parseErrorLogText(readLocalFixture('nginx', 'lab-error.log'));

  it('nine "prematurely closed" errors, all from the backend that hangs up', () => {
    expect(m).toMatchObject({
      lines: 9,
      entries: 9,
      unparsedLines: 0,
      firstTime: '2026/11/23 08:33:47',
      lastTime: '2026/11/23 08:34:10',
      byLevel: [{ level: 'error', count: 9 }],
      otherKinds: 0,
    });
    expect(m.byKind).toEqual([
      {
        level: 'error',
        kind: 'upstream prematurely closed connection',
        count: 9,
        firstTime: '2026/11/23 08:33:47',
        lastTime: '2026/11/23 08:34:10',
        sample:
          'upstream prematurely closed connection while reading response header from upstream',
      },
    ]);
    expect(m.byUpstream).toEqual([
      {
        upstream: '127.0.0.1:34995',
        count: 9,
        kinds: [{ level: 'error', kind: 'upstream prematurely closed connection', count: 9 }],
      },
    ]);
  });

  it('every field of an entry', () => {
    expect(m.recent[0]).toEqual({
      line: 1,
      time: '2026/11/23 08:33:47',
      level: 'error',
      pid: 16129,
      tid: 16129,
      connection: 26,
      message: 'upstream prematurely closed connection while reading response header from upstream',
      kind: 'upstream prematurely closed connection',
      context: 'reading response header from upstream',
      client: '127.0.0.1',
      server: 'nginx-lab',
      request: 'GET /api/orders?page=2 HTTP/1.1',
      upstream: 'http://127.0.0.1:34995/api/orders?page=2',
      upstreamAddr: '127.0.0.1:34995',
      host: '127.0.0.1:45083',
      referrer: null,
    });
  });
});

describe('seed 001 lines', () => {
  it('group under one kind and one upstream', () => {
    const m = parseErrorLogText(SEED001.join('\n'));
    expect(m.byKind).toHaveLength(1);
    expect(m.byUpstream).toEqual([
      {
        upstream: '{ip}:30016',
        count: 2,
        kinds: [{ level: 'error', kind: 'upstream prematurely closed connection', count: 2 }],
      },
    ]);
    expect(m.recent.map((e) => e.connection)).toEqual([5482906, 5482919]);
  });
});

describe('other messages', () => {
  it.each([
    [
      '2024/05/01 12:00:00 [error] 123#123: *45 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.0.0.1, server: _, request: "GET /api/health HTTP/1.1", upstream: "http://127.0.0.1:8003/api/health", host: "example.com", referrer: "https://example.com/a, b"',
      {
        kind: 'upstream timed out (110: Connection timed out)',
        upstreamAddr: '127.0.0.1:8003',
        referrer: 'https://example.com/a, b',
        server: '_',
      },
    ],
    [
      '2024/05/01 12:00:01 [error] 123#123: *46 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.1, server: _, request: "GET / HTTP/1.1", upstream: "http://[::1]:8001/", host: "x"',
      {
        kind: 'connect() failed (111: Connection refused)',
        upstreamAddr: '[::1]:8001',
        context: 'connecting to upstream',
      },
    ],
    [
      '2024/05/01 12:00:02 [notice] 120#120: signal process started',
      { level: 'notice', connection: null, kind: 'signal process started', client: null },
    ],
    [
      '2024/05/01 12:00:03 [alert] 120#120: worker process 5678 exited on signal 9',
      { level: 'alert', kind: 'worker process N exited on signal 9' },
    ],
    [
      '2024/05/01 12:00:05 [error] 123#123: *48 open() "/usr/share/nginx/html/favicon.ico" failed (2: No such file or directory), client: 10.0.0.1, server: localhost, request: "GET /favicon.ico HTTP/1.1", host: "localhost"',
      {
        kind: 'open() "…" failed (2: No such file or directory)',
        upstream: null,
        request: 'GET /favicon.ico HTTP/1.1',
      },
    ],
    [
      '2024/05/01 12:00:06 [error] 123#123: *49 no live upstreams while connecting to upstream, client: 10.0.0.1, server: _, request: "GET /api HTTP/1.1", upstream: "http://backends/api", host: "x"',
      { kind: 'no live upstreams', upstreamAddr: 'backends' },
    ],
    [
      '2024/05/01 12:00:07 [emerg] 1#1: bind() to 0.0.0.0:80 failed (98: Address already in use)',
      { kind: 'bind() to <addr> failed (98: Address already in use)' },
    ],
    [
      '2024/05/01 12:00:08 [info] 123#123: *50 client 10.0.0.1 closed keepalive connection',
      { kind: 'client <addr> closed keepalive connection', connection: 50 },
    ],
  ])('%s', (line, fields) => {
    expect(parseErrorLine(line)).toMatchObject(fields);
  });

  it('is not fooled by lines that only look alike', () => {
    for (const line of [
      '2024/05/01 12:00:00 error 1#1: x',
      '[error] 1#1: x',
      '2024-05-01 12:00:00 [error] 1#1: x',
      '',
    ]) {
      expect(parseErrorLine(line)).toBeNull();
    }
  });

  it('counts indented continuation lines apart from unparsed ones', () => {
    const m = parseErrorLogText(
      [
        'garbage first',
        SEED001[0],
        '    stack traceback:',
        '\t[C]: in ?',
        'more garbage',
        '    orphan indent',
      ].join('\n'),
    );
    expect(m).toMatchObject({ entries: 1, continuationLines: 2, unparsedLines: 3, lines: 6 });
  });

  it('keeps the last `recent` entries, oldest first', () => {
    const lines = Array.from(
      { length: 10 },
      (_, i) => `2024/05/01 12:00:0${i} [warn] 1#1: *${i} thing ${i}`,
    );
    const m = parseErrorLogText(lines.join('\n'), { recent: 3 });
    expect(m.recent.map((e) => e.connection)).toEqual([7, 8, 9]);
    expect(m.byKind).toEqual([
      expect.objectContaining({ kind: 'thing 0', count: 1 }),
      ...Array(9).fill(expect.anything()),
    ]);
  });

  it('errorKind masks the variable parts', () => {
    expect(
      errorKind('upstream sent too big header while reading response header from upstream'),
    ).toBe('upstream sent too big header');
    expect(errorKind('1024 worker_connections are not enough')).toBe(
      'N worker_connections are not enough',
    );
  });
});

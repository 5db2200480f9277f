/**
 * `ss` recorded on this machine with the nginx lab running (iproute2 6.1.0; commands in
 * test/fixtures/ss/README.md). Expected values are read off the files.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSsText, type SsModel } from '../../../../shared/parsers/ss';
import { localFixture, readLocalFixture } from '../../fixturePath';

function parse(name: string): SsModel {
  return parseSsText(readLocalFixture('ss', name));
}

const NGINX_OWNERS = [
  { name: 'nginx', pid: 16129, fd: 7 },
  { name: 'nginx', pid: 16128, fd: 7 },
];

describe('every recorded ss listing', () => {
  const files = readdirSync(localFixture('ss')).filter((f) => f.endsWith('.txt'));

  it('there are seven', () => expect(files).toHaveLength(7));

  it.each(files)('%s: every socket line is a socket', (name) => {
    const m = parse(name);
    const lines = readLocalFixture('ss', name)
      .split(/\r?\n/)
      .filter((l) => /^(?:\S+\s+)?(?:[A-Z]+-?[A-Z0-9-]*\s+)?\d+\s+\d+\s/.test(l));
    expect(m.total).toBe(lines.length);
    expect(m.unparsedLines).toBe(name === 'ss-anp.txt' ? 1 : 0); // "RTNETLINK answers: Invalid argument"
  });
});

describe('ss -tlnp', () => {
  const m = parse('ss-tlnp.txt');

  it('glued header "Peer Address:PortProcess" still names the columns', () => {
    expect(m.columns).toEqual([
      ...['State', 'Recv-Q', 'Send-Q', 'Local Address:Port', 'Peer Address:Port', 'Process'],
    ]);
  });

  it('lists listeners with accept queue and backlog, and flags the full one', () => {
    expect(m.listening).toHaveLength(9);
    const nginx = m.listening.find((l) => l.local.port === 45083);
    expect(nginx).toEqual({
      netid: null,
      local: {
        text: '127.0.0.1:45083',
        host: '127.0.0.1',
        port: 45083,
        service: null,
        iface: null,
      },
      acceptQueue: 0,
      backlog: 511,
      queueFull: false,
      processes: NGINX_OWNERS,
    });
    expect(m.fullQueues).toBe(1);
    expect(m.listening.filter((l) => l.queueFull)).toEqual([
      expect.objectContaining({
        acceptQueue: 2,
        backlog: 1,
        local: expect.objectContaining({ port: 33909 }),
      }),
    ]);
    expect(m.listening.find((l) => l.local.port === 2024)?.processes).toEqual([]);
    expect(m.listening.find((l) => l.local.port === 2024)?.local.host).toBe('0.0.0.0');
  });

  it('the same listing from a PTY gives the same sockets', () => {
    const pty = parse('ss-tlnp-pty.txt');
    expect(pty.unparsedLines).toBe(0);
    expect(pty.listening.find((l) => l.processes.some((p) => p.name === 'python3'))).toBeDefined();
    expect(pty.columns).toEqual(m.columns);
  });
});

describe('ss -tanp', () => {
  const m = parse('ss-tanp.txt');

  it('counts sockets by state', () => {
    expect(m.total).toBe(843);
    expect(m.byState).toEqual([
      { key: 'TIME-WAIT', count: 762 },
      { key: 'ESTAB', count: 68 },
      { key: 'LISTEN', count: 9 },
      { key: 'SYN-SENT', count: 2 },
      { key: 'CLOSE-WAIT', count: 1 },
      { key: 'FIN-WAIT-1', count: 1 },
    ]);
  });

  it('counts by peer and by process (nginx: one listener, eight upstream/client connections)', () => {
    expect(m.byPeer).toEqual([{ key: '127.0.0.1', count: 834 }]);
    expect(m.byProcess.find((p) => p.pid === 16129)).toEqual({
      name: 'nginx',
      pid: 16129,
      sockets: 9,
      listening: 1,
      established: 8,
    });
    expect(m.byProcess[0]).toMatchObject({ pid: 18203, sockets: 24 });
  });

  it('nginx connections to the slow backend', () => {
    const toSlow = m.sockets.filter((s) => s.peer.port === 36523 && s.state === 'ESTAB');
    expect(toSlow.length).toBeGreaterThanOrEqual(4);
    expect(toSlow[0]?.processes).toEqual([{ name: 'nginx', pid: 16129, fd: 17 }]);
  });
});

describe('other layouts', () => {
  it('-e -o: timers and socket details stay in extra', () => {
    const m = parse('ss-tanpeo.txt');
    expect(m.sockets.find((s) => s.peer.port === 55930)).toMatchObject({
      state: 'TIME-WAIT',
      processes: [],
      extra: 'timer:(timewait,12sec,0) ino:0 sk:8bc',
    });
  });

  it('-a: Netid column, netlink and unix sockets', () => {
    const m = parse('ss-anp.txt');
    expect(m.columns[0]).toBe('Netid');
    expect(m.sockets.filter((s) => s.netid === 'tcp')).toHaveLength(883);
    expect(m.sockets.find((s) => s.netid === 'u_str')).toEqual({
      netid: 'u_str',
      state: 'ESTAB',
      recvQ: 0,
      sendQ: 0,
      local: { text: '* 41810', host: '*', port: 41810, service: null, iface: null },
      peer: { text: '* 41811', host: '*', port: 41811, service: null, iface: null },
      processes: [{ name: 'node', pid: 18089, fd: 31 }],
    });
    expect(m.sockets.find((s) => s.netid === 'nl')).toMatchObject({
      state: 'UNCONN',
      local: { host: '0', port: 0 },
      peer: { host: '*', port: null },
    });
  });

  it('a state filter drops the State column; -i adds indented detail lines', () => {
    const m = parse('ss-tani.txt');
    expect(m.columns).toEqual([
      'Recv-Q',
      'Send-Q',
      'Local Address:Port',
      'Peer Address:Port',
      'Process',
    ]);
    expect(m.total).toBe(64);
    expect(m.detailLines).toBe(64);
    expect(m.byState).toEqual([]);
    expect(m.sockets.every((s) => s.state === null)).toBe(true);
  });

  it('-H: no header at all', () => {
    const m = parse('ss-Htn-state-established.txt');
    expect(m.total).toBe(98);
    expect(m.tablesSeen).toBe(0);
    expect(m.columns).toEqual(['Recv-Q', 'Send-Q', 'Local Address:Port', 'Peer Address:Port']);
  });
});

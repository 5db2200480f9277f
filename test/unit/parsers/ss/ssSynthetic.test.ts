/** Hand-written `ss` cases: address forms, old formats, odd process names, several listings. */
import { describe, expect, it } from 'vitest';
import { parseSsAddress, parseSsText } from '../../../../shared/parsers/ss';

const HEADER = 'State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess';

describe('addresses', () => {
  it.each([
    ['127.0.0.1:80', '127.0.0.1', 80, null, null],
    ['[::1]:80', '::1', 80, null, null],
    ['[::ffff:127.0.0.1]:8001', '::ffff:127.0.0.1', 8001, null, null],
    ['*:22', '*', 22, null, null],
    ['0.0.0.0:*', '0.0.0.0', null, null, null],
    ['[::]:*', '::', null, null, null],
    ['127.0.0.53%lo:53', '127.0.0.53', 53, null, 'lo'],
    ['[fe80::1%eth0]:22', 'fe80::1', 22, null, 'eth0'],
    [':::22', '::', 22, null, null],
    ['localhost:http', 'localhost', null, 'http', null],
  ])('%s', (text, host, port, service, iface) => {
    expect(parseSsAddress(text)).toEqual({ text, host, port, service, iface });
  });

  it.each(['noport', ':80', '1.2.3.4:'])('%s is not an address', (text) => {
    expect(parseSsAddress(text)).toBeNull();
  });
});

describe('rows', () => {
  it('IPv6 peers, a full queue, old-style users and a process name with spaces', () => {
    const text = [
      HEADER,
      'LISTEN 129    128     [::]:8000           [::]:*     users:(("gunicorn",pid=10,fd=5),("gunicorn",pid=11,fd=5),("gunicorn",pid=12,fd=5))',
      'ESTAB  0      0       [::1]:8000          [::1]:51000 users:(("gunicorn",pid=11,fd=9))',
      'ESTAB  0      0       10.0.0.5:22         10.0.0.9:61000 users:(("sshd",1234,3))',
      'ESTAB  0      36      10.0.0.5:44000      10.0.0.7:5432 users:(("tmux: server",pid=77,fd=4)) timer:(on,200ms,0)',
      'SYN-RECV 0    0       10.0.0.5:8000       10.0.0.9:62000',
    ].join('\n');
    const m = parseSsText(text);
    expect(m.unparsedLines).toBe(0);
    expect(m.listening).toEqual([
      expect.objectContaining({
        acceptQueue: 129,
        backlog: 128,
        queueFull: true,
        local: expect.objectContaining({ host: '::' }),
      }),
    ]);
    expect(m.fullQueues).toBe(1);
    expect(m.sockets[2]?.processes).toEqual([{ name: 'sshd', pid: 1234, fd: 3 }]);
    expect(m.sockets[3]).toMatchObject({
      sendQ: 36,
      processes: [{ name: 'tmux: server', pid: 77, fd: 4 }],
      extra: 'timer:(on,200ms,0)',
    });
    expect(m.byPeer).toEqual([
      { key: '10.0.0.9', count: 2 },
      { key: '10.0.0.7', count: 1 },
      { key: '::1', count: 1 },
    ]);
    expect(m.byProcess.map((p) => [p.name, p.pid, p.sockets, p.listening, p.established])).toEqual([
      ['gunicorn', 11, 2, 1, 1],
      ['gunicorn', 10, 1, 1, 0],
      ['gunicorn', 12, 1, 1, 0],
      ['tmux: server', 77, 1, 0, 1],
      ['sshd', 1234, 1, 0, 1],
    ]);
  });

  it('counts lines that are not sockets and keeps going', () => {
    const m = parseSsText(
      `${HEADER}\nESTAB x 0 1.1.1.1:1 2.2.2.2:2\nWHAT 0 0 1.1.1.1:1 2.2.2.2:2\nCannot open netlink socket\nESTAB 0 0 1.1.1.1:1 2.2.2.2:2\n`,
    );
    expect(m.total).toBe(1);
    expect(m.unparsedLines).toBe(3);
  });

  it('a later header starts a new listing (watch ss); an empty one does not hide the last', () => {
    const one = `${HEADER}\nESTAB 0 0 1.1.1.1:1 2.2.2.2:2\n`;
    const two = `${HEADER}\nLISTEN 0 5 *:80 *:*\nLISTEN 0 5 *:443 *:*\n`;
    const m = parseSsText(one + two);
    expect(m.tablesSeen).toBe(2);
    expect(m.total).toBe(2);
    expect(m.byState).toEqual([{ key: 'LISTEN', count: 2 }]);
    expect(parseSsText(one + HEADER).total).toBe(1);
  });

  it('topN limits peers and processes; the rest is counted', () => {
    const lines = [HEADER];
    for (let i = 0; i < 30; i++)
      lines.push(`ESTAB 0 0 10.0.0.1:80 10.0.1.${i}:5000 users:(("p${i}",pid=${i + 1},fd=3))`);
    const m = parseSsText(lines.join('\n'), { topN: 5 });
    expect(m.byPeer).toHaveLength(5);
    expect(m.otherPeers).toBe(25);
    expect(m.byProcess).toHaveLength(5);
  });
});

/** Streaming: any chunking gives the same model; properties; bounded memory. */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  MAX_SS_KEYS,
  MAX_SS_SOCKETS,
  SsStreamParser,
  type SsModel,
} from '../../../../shared/parsers/ss';
import { localFixture, readLocalFixture } from '../../fixturePath';
import { chunkingCases, expectPlainFiniteData, propertyCases } from '../streamHarness';

const make = (): SsStreamParser => new SsStreamParser();
const FIXTURES = readdirSync(localFixture('ss'))
  .filter((f) => f.endsWith('.txt'))
  .map((f): [string, string] => [f, readLocalFixture('ss', f)]);

describe.each(FIXTURES)('chunking %s', (_name, text) => chunkingCases(make, text));

function wellFormed(m: SsModel): void {
  expectPlainFiniteData(m);
  expect(m.sockets.length).toBeLessThanOrEqual(m.total);
  expect(m.byPeer.length).toBeLessThanOrEqual(20);
  expect(m.byProcess.length).toBeLessThanOrEqual(20);
  for (const s of m.sockets) {
    expect(s.recvQ).toBeGreaterThanOrEqual(0);
    expect(s.local.text + s.peer.text).not.toMatch(/[\r\n]/);
  }
}

describe('properties', () => {
  propertyCases({
    make,
    fixtures: FIXTURES.map(([, t]) => t),
    wellFormed,
    fragments: [
      'State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess',
      'Netid State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process',
      'Recv-Q Send-Q Local Address:Port Peer Address:Port',
      'LISTEN 0      511        127.0.0.1:45083      0.0.0.0:*    users:(("nginx",pid=16129,fd=7),("nginx",pid=16128,fd=7))',
      'ESTAB  0      0          127.0.0.1:57280    127.0.0.1:36523 users:(("nginx",pid=16129,fd=17))',
      'u_str ESTAB  0      0      * 41810      * 41811  users:(("node",pid=18089,fd=31))',
      '\t bbr wscale:10,10 rto:204',
      'timer:(keepalive,119min,0)',
      '[::1]:80',
      'users:((',
      '"tmux: server"',
    ],
  });
});

describe('bounded memory', () => {
  it('200 000 generated sockets to distinct peers keep caps', () => {
    const parser = new SsStreamParser();
    parser.push('State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess\n');
    const batch: string[] = [];
    for (let i = 0; i < 200_000; i++) {
      const peer = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      batch.push(
        `ESTAB 0 0 10.0.0.1:443 ${peer}:${1024 + (i % 60000)} users:(("p",pid=${i + 1},fd=3))`,
      );
      if (batch.length === 10_000) {
        parser.push(`${batch.join('\n')}\n`);
        batch.length = 0;
      }
    }
    parser.end();
    const m = parser.snapshot();
    expect(m.total).toBe(200_000);
    expect(m.sockets).toHaveLength(MAX_SS_SOCKETS);
    expect(m.droppedSockets).toBe(200_000 - MAX_SS_SOCKETS);
    expect(m.byPeer).toHaveLength(20);
    expect(m.otherPeers).toBe(200_000 - 20);
    expect(m.byProcess).toHaveLength(20);
    expect(MAX_SS_KEYS).toBeLessThan(200_000);
    expect(m.unparsedLines).toBe(0);
  }, 60_000);
});

import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { socketProtocols } from '../../shared/contract/browserAuth';
import { splitInput } from '../../shared/contract/index';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { TestWorkbench } from './harness';
import { clientFrame, closeCodeOf, escapedErrors, rawUpgrade, type ClientFrame } from './rawSocket';
import { TestWebServer } from './webClient';

let lab: LabSshd;
let bench: TestWorkbench;
let web: TestWebServer;
let connectionId: string;
const escaped = escapedErrors();

beforeAll(async () => {
  lab = await startLabSshd();
  bench = new TestWorkbench();
  connectionId = (await bench.connectLab(lab)).connectionId;
  web = await TestWebServer.start(bench.workbench);
});
afterAll(async () => {
  await web?.stop(false);
  await bench?.dispose();
  await lab?.stop();
});

const text = (s: string) => Buffer.from(s, 'utf8');
const closePayload = (code: number) => {
  const payload = Buffer.alloc(2);
  payload.writeUInt16BE(code);
  return payload;
};

/** Frames a broken or hostile client sends, and the close code ws answers each with. */
const BAD_FRAMES: [string, ClientFrame, number][] = [
  ['an oversized frame (3 MiB announced)', { opcode: 0x1, declaredLength: 3 * 1024 * 1024 }, 1009],
  [
    'invalid UTF-8 in a text frame',
    { opcode: 0x1, payload: Buffer.from([0xc3, 0x28, 0xff]) },
    1007,
  ],
  ['reserved bits set', { opcode: 0x1, payload: text('{}'), rsv: 0b011 }, 1002],
  ['an unmasked client frame', { opcode: 0x1, payload: text('{}'), masked: false }, 1002],
  ['a close frame with code 999', { opcode: 0x8, payload: closePayload(999) }, 1002],
  ['a close frame with code 1005', { opcode: 0x8, payload: closePayload(1005) }, 1002],
  ['an unknown opcode', { opcode: 0x3, payload: text('x') }, 1002],
  ['a fragmented ping', { opcode: 0x9, payload: text('x'), fin: false }, 1002],
];

async function openShell(): Promise<string> {
  const { terminalId } = await bench.workbench.handlers['terminal.openShell']({
    connectionId,
    cols: 80,
    rows: 24,
  });
  return terminalId;
}

/** A terminal socket as the page holds it: output collected, input sent, acks given. */
async function attachedShell(): Promise<{ socket: WebSocket; output: () => string }> {
  const socket = await web.openSocket(`/ws/terminal/${await openShell()}`);
  let received = '';
  socket.on('message', (data: Buffer, isBinary) => {
    if (!isBinary) return;
    received += data.toString('utf8');
    socket.send(JSON.stringify({ t: 'ack', bytes: data.length }));
  });
  return { socket, output: () => received };
}

async function echoes(shell: { socket: WebSocket; output: () => string }, word: string) {
  shell.socket.send(JSON.stringify({ t: 'input', data: `echo ${word}-$((40+2))\n` }));
  await expect.poll(shell.output, { timeout: 15_000 }).toContain(`${word}-42`);
}

describe('bad WebSocket frames close only their own socket', () => {
  let other: { socket: WebSocket; output: () => string };
  beforeAll(async () => {
    other = await attachedShell();
  });

  for (const [name, frame, code] of BAD_FRAMES) {
    for (const kind of ['rpc', 'terminal'] as const) {
      it(`${name} on a ${kind} socket: closed with ${code}; the server and another terminal go on`, async () => {
        const path = kind === 'rpc' ? '/ws/rpc' : `/ws/terminal/${await openShell()}`;
        const client = await rawUpgrade(web.server.port, path, {
          Origin: web.server.origin,
          'Sec-WebSocket-Protocol': socketProtocols(web.server.token).join(', '),
        });
        client.write(clientFrame(frame));
        const answer = await client.until((bytes) => closeCodeOf(bytes) !== null);
        expect(closeCodeOf(answer)).toBe(code);
        await client.untilClosed();
        expect(client.isClosed).toBe(true);
        await echoes(other, `after-${code}`);
        expect(await web.answersRpc()).toBe(true);
        expect(escaped).toEqual([]);
      });
    }
  }
});

describe('terminal input over the browser-mode socket', () => {
  it('carries 10 MiB sent in pieces all at once, whole and in order, into a PTY', async () => {
    const file = `/tmp/wb-input-${randomBytes(6).toString('hex')}.txt`;
    const lines = Array.from({ length: 81_920 }, () =>
      randomBytes(96).toString('base64').slice(0, 127),
    );
    const text = `${lines.join('\n')}\n`;
    try {
      const { info } = await bench.runCommand(connectionId, 'cat', `cat > ${file}`);
      // Echo stays on, as in a shell: 10 MiB comes back as output and is acknowledged. (Echo
      // off is terminalInputNoEcho.test.ts.)
      const socket = await web.openSocket(`/ws/terminal/${info.terminalId}`);
      socket.on('message', (data: Buffer, isBinary) => {
        if (isBinary) socket.send(JSON.stringify({ t: 'ack', bytes: data.length }));
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      // As the page's paste does: CR line ends (the PTY turns them into LF), in pieces.
      for (const piece of splitInput(text.replaceAll('\n', '\r')))
        socket.send(JSON.stringify({ t: 'input', data: piece }));
      await expect
        .poll(() => statSync(file, { throwIfNoEntry: false })?.size, { timeout: 120_000 })
        .toBe(text.length);
      const sha = (s: Buffer | string) => createHash('sha256').update(s).digest('hex');
      expect(sha(readFileSync(file))).toBe(sha(text));
      socket.close();
    } finally {
      rmSync(file, { force: true });
    }
  });
});

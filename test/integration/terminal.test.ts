import { createHash } from 'node:crypto';
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textToBytes } from '../../shared/captureLog/bytesText';
import { FlowControl } from '../../shared/contract/index';
import { remoteExec } from '../../electron/node/terminals/remoteExec';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { CollectingSink, terminal, TestWorkbench } from './harness';

let lab: LabSshd;
let bench: TestWorkbench;
let connectionId: string;

beforeAll(async () => {
  lab = await startLabSshd();
  bench = new TestWorkbench();
  connectionId = (await bench.connectLab(lab)).connectionId;
});
afterAll(async () => {
  await bench?.dispose();
  await lab?.stop();
});

const FLOOD_BYTES = 200 * 1024 * 1024;

/** The last `bytes` of a file, as text. */
function tail(path: string, bytes: number): string {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const buffer = Buffer.alloc(Math.min(bytes, size));
    readSync(fd, buffer, 0, buffer.length, size - buffer.length);
    return buffer.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** SHA-256 of a capture log's output bytes, read line by line once its closing marker is there. */
async function loggedOutputSha256(path: string): Promise<string> {
  await expect
    .poll(() => tail(path, 200).includes('"m","ended: '), {
      timeout: 20_000,
    })
    .toBe(true);
  const hash = createHash('sha256');
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let first = true;
  for await (const line of lines) {
    if (first || line === '') {
      first = false;
      continue;
    }
    const [, code, data] = JSON.parse(line) as [number, string, string];
    if (code === 'o') hash.update(textToBytes(data));
  }
  return hash.digest('hex');
}

describe('a PTY shell on the lab host', () => {
  it('runs what is typed and prints the answer', async () => {
    const { terminalId } = await bench.workbench.handlers['terminal.openShell']({
      connectionId,
      cols: 80,
      rows: 24,
    });
    const session = terminal(bench.workbench, terminalId);
    const sink = new CollectingSink(session);
    session.attach(sink);
    session.receive({ t: 'input', data: 'echo "wb-$((6*7))"\n' });
    await sink.waitFor(/wb-42/);
    expect(sink.text()).toContain('wb-42');
  });

  it('passes a resize to the remote side, as stty size sees it', async () => {
    const { terminalId } = await bench.workbench.handlers['terminal.openShell']({
      connectionId,
      cols: 80,
      rows: 24,
    });
    const session = terminal(bench.workbench, terminalId);
    const sink = new CollectingSink(session);
    session.attach(sink);
    session.receive({ t: 'input', data: 'stty size; echo size-done\n' });
    await sink.waitFor(/24 80\s+size-done/);
    await bench.workbench.handlers['terminal.resize']({ terminalId, cols: 132, rows: 43 });
    session.receive({ t: 'input', data: 'stty size; echo resized-done\n' });
    await sink.waitFor(/43 132\s+resized-done/);
  });

  it('reports the exit of the program', async () => {
    const { terminalId } = await bench.workbench.handlers['terminal.openShell']({
      connectionId,
      cols: 80,
      rows: 24,
    });
    const session = terminal(bench.workbench, terminalId);
    session.attach(new CollectingSink(session));
    session.receive({ t: 'input', data: 'exit 7\n' });
    await expect
      .poll(
        () =>
          bench.events.find(
            (e) =>
              e.name === 'terminal.onExit' &&
              (e.payload as { terminalId: string }).terminalId === terminalId,
          )?.payload,
        { timeout: 10_000 },
      )
      .toMatchObject({ exitCode: 7 });
  });

  it('ends the byte stream after the last output, and tells a renderer that attaches later', async () => {
    // 300 KiB printed as the program exits: the end marker must follow every byte of it.
    const { session } = await bench.runCommand(
      connectionId,
      'burst',
      'stty -onlcr; head -c 300000 /dev/zero | tr "\\0" x; printf "\\nlast-line"',
    );
    const sink = new CollectingSink(session, { keep: true });
    session.attach(sink);
    await expect.poll(() => sink.ends, { timeout: 15_000 }).toBe(1);
    expect(sink.bytesAtEnd).toBe(sink.bytes);
    expect(sink.bytesAfterEnd).toBe(0);
    expect(sink.text()).toMatch(/x{1000}\nlast-line$/);
    expect(sink.text().split('x').length - 1).toBe(300_000);
    // A reload: a new renderer attaches to the ended terminal and is told at once.
    const late = new CollectingSink(session);
    session.attach(late);
    expect(late.ends).toBe(1);
  });
});

describe('flow control', () => {
  it('stops reading the SSH channel while the renderer does not acknowledge, and resumes losing nothing', async () => {
    const command = `stty -onlcr; head -c ${FLOOD_BYTES} /dev/zero | base64`;
    const { session } = await bench.runCommand(connectionId, 'flood', command);
    const sink = new CollectingSink(session, { keep: false });
    sink.acking = false;
    session.attach(sink);
    await expect
      .poll(() => sink.bytes, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(FlowControl.HIGH_WATERMARK_BYTES);
    await new Promise((r) => setTimeout(r, 1000));
    const stalledAt = sink.bytes;
    await new Promise((r) => setTimeout(r, 1000));
    // Nothing more arrived: the remote program is blocked on its write, not buffered here.
    expect(sink.bytes).toBe(stalledAt);
    expect(stalledAt).toBeLessThan(FlowControl.HIGH_WATERMARK_BYTES + 256 * 1024);
    sink.releaseAcks();
    session.close();
  });

  it('carries a 200 MB flood of random base64 with every byte, in order, in bounded memory', async () => {
    // tee hands the same bytes to sha256sum on the host through a fifo; `wait` keeps the
    // session open until the sum is written (a hang-up would otherwise kill it first).
    const sumFile = `${lab.dir}/flood.sha256`;
    const fifo = `${lab.dir}/flood.fifo`;
    const command = `stty -onlcr -echo; mkfifo ${fifo}; sha256sum < ${fifo} > ${sumFile} & head -c ${FLOOD_BYTES} /dev/urandom | base64 | tee ${fifo}; wait`;
    const expectedBytes =
      Math.ceil(FLOOD_BYTES / 3) * 4 + Math.ceil((Math.ceil(FLOOD_BYTES / 3) * 4) / 76);
    const hash = createHash('sha256');
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const { info, session } = await bench.runCommand(connectionId, 'flood', `bash -c '${command}'`);
    // A slow renderer: each chunk is acknowledged 2 ms after it arrives.
    const sink = new CollectingSink(session, {
      keep: false,
      ackDelayMs: 2,
      onChunk: (chunk) => hash.update(chunk),
    });
    const sampler = setInterval(
      () => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)),
      100,
    );
    const exited = new Promise<void>((resolve) => {
      const detach = bench.workbench.events.attach((name, payload) => {
        if (
          name === 'terminal.onExit' &&
          (payload as { terminalId: string }).terminalId === info.terminalId
        ) {
          detach();
          resolve();
        }
      });
    });
    session.attach(sink);
    await exited;
    clearInterval(sampler);

    expect(sink.bytes).toBe(expectedBytes);
    const client = bench.workbench.connections.client(connectionId);
    let remoteSum = '';
    await expect
      .poll(
        async () => (remoteSum = (await remoteExec(client, `cat ${sumFile}`)).stdout.slice(0, 64)),
        { timeout: 10_000 },
      )
      .toMatch(/^[0-9a-f]{64}$/);
    expect(hash.digest('hex')).toBe(remoteSum);
    // The capture log on disk holds the same bytes, though the renderer was slow to ack.
    expect(await loggedOutputSha256(info.logPath ?? '')).toBe(remoteSum);
    expect(session.peakUnackedBytes).toBeLessThan(FlowControl.HIGH_WATERMARK_BYTES + 256 * 1024);
    const growthMb = (rssPeak - rssBefore) / 1024 / 1024;
    console.log(
      `flood: ${sink.bytes} bytes, peak unacked ${session.peakUnackedBytes}, RSS growth ${growthMb.toFixed(1)} MB`,
    );
    expect(growthMb).toBeLessThan(150);
  }, 180_000);
});

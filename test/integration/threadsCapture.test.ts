import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TopStreamParser } from '../../shared/parsers/top/index';
import { startSeed000, type Seed000 } from '../lab/seed000';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { CollectingSink, terminal, TestWorkbench } from './harness';

let lab: LabSshd;
let seed: Seed000;
let bench: TestWorkbench;
let connectionId: string;

beforeAll(async () => {
  [lab, seed] = await Promise.all([startLabSshd(), startSeed000()]);
  bench = new TestWorkbench();
  connectionId = (await bench.connectLab(lab)).connectionId;
});
afterAll(async () => {
  bench?.dispose();
  await seed?.stop();
  await lab?.stop();
});

describe('the "threads of a process" capture', () => {
  it('runs top -H on the seed-000 service and its output parses into a table led by the hot thread', async () => {
    const info = await bench.workbench.handlers['capture.startThreads']({
      connectionId,
      pid: seed.pid,
      intervalSeconds: 1,
      cols: 100,
      rows: 30,
    });
    expect(info.command).toBe(`LC_ALL=C top -b -H -w 512 -d 1 -p ${seed.pid}`);
    expect(info.title).toContain(String(seed.pid));
    const parser = new TopStreamParser();
    const decoder = new TextDecoder();
    const frames: ReturnType<TopStreamParser['push']> = [];
    const session = terminal(bench.workbench, info.terminalId);
    session.attach(
      new CollectingSink(session, {
        onChunk: (bytes) => frames.push(...parser.push(decoder.decode(bytes, { stream: true }))),
      }),
    );
    // Frame 1 covers a very short interval; wait for a later one.
    await expect.poll(() => frames.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    const last = frames[frames.length - 1];
    expect(last?.summary.taskKind).toBe('threads');
    expect(last?.rows.length).toBeGreaterThan(5);
    const busiest = [...(last?.rows ?? [])].sort((a, b) => b.cpuPercent - a.cpuPercent)[0];
    expect(busiest?.cpuPercent).toBeGreaterThan(30);
    expect(parser.unparsedLines).toBe(0);
    session.close();
  });

  it('says plainly that a PID does not exist, before running anything', async () => {
    await expect(
      bench.workbench.handlers['capture.startThreads']({
        connectionId,
        pid: 3_999_999,
        intervalSeconds: 1,
        cols: 80,
        rows: 24,
      }),
    ).rejects.toThrow('Process 3999999 does not exist on the host');
  });
});

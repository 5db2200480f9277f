import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaptureLog } from '../../../electron/node/terminals/captureLog';
import { outputBytes, parseCast } from '../../../shared/captureLog/asciicast';

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'wb-log-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const openLog = () =>
  CaptureLog.open({ dir, terminalId: 't1', host: 'lab', title: 'flood', cols: 80, rows: 24 });

describe('CaptureLog', () => {
  it('writes a burst of small pieces as few events, every byte in order, output before a resize', async () => {
    const log = openLog();
    const pieces = Array.from({ length: 2000 }, (_, i) => Buffer.from(`line ${i}\r\n`));
    // A character cut between two pieces stays whole.
    pieces.push(Buffer.from([0xe2, 0x82]), Buffer.from([0xac, 0x0a]));
    for (const piece of pieces) log.output(piece);
    log.resize(100, 30);
    log.output(Buffer.from('after\r\n'));
    await log.close('exit code 0');

    const cast = parseCast(readFileSync(log.path, 'utf8'));
    expect(cast.badLines).toBe(0);
    expect(Buffer.from(outputBytes(cast.events))).toEqual(
      Buffer.concat([...pieces, Buffer.from('after\r\n')]),
    );
    expect(cast.events.map((e) => e[1])).toEqual(['o', 'r', 'o', 'm']);
    const times = cast.events.map((e) => e[0]);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('cuts a long burst into events of about 64 KiB', async () => {
    const log = openLog();
    const line = Buffer.from(`${'x'.repeat(76)}\r\n`);
    for (let i = 0; i < 4000; i++) log.output(line); // 312 000 bytes
    await log.close('exit code 0');
    const output = parseCast(readFileSync(log.path, 'utf8')).events.filter((e) => e[1] === 'o');
    expect(output.length).toBe(Math.ceil((4000 * 78) / (64 * 1024)));
    expect(output.map((e) => e[2]).join('')).toBe(line.toString().repeat(4000));
  });
});

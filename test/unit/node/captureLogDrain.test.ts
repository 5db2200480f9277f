import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaptureLog } from '../../../electron/node/terminals/captureLog';

let dir = '';
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'wb-cast-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = (): CaptureLog =>
  CaptureLog.open({ dir, terminalId: 't1', host: 'lab', title: 'flood', cols: 80, rows: 24 });

/** Output events of the log file, concatenated. */
function loggedOutput(path: string): string {
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line): unknown => JSON.parse(line))
    .filter((e): e is [number, string, string] => Array.isArray(e) && e[1] === 'o')
    .map((e) => e[2])
    .join('');
}

describe('CaptureLog: how far it lets the disk fall behind', () => {
  it('takes a 64 KiB chunk without asking the session to wait, and up to ~1 MiB in flight', () => {
    const log = open();
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    // fs streams' default 16 KiB made the first chunk of a flood pause the SSH channel.
    expect(log.output(chunk)).toBe(true);
    let accepted = 1;
    while (log.output(chunk) && accepted < 64) accepted++;
    expect(accepted).toBeGreaterThanOrEqual(8); // ≥ 512 KiB before the first wait
    expect(accepted).toBeLessThan(64); // still bounded: the session does wait
  });

  it('drained resolves once the disk caught up, and nothing written is lost', async () => {
    const log = open();
    const chunk = Buffer.alloc(128 * 1024, 'b');
    let waits = 0;
    for (let i = 0; i < 40; i++) {
      if (!log.output(chunk)) {
        waits++;
        await log.drained();
      }
    }
    expect(waits).toBeGreaterThan(0);
    await log.close('exit 0');
    const [day] = readdirSync(dir);
    const [file] = readdirSync(join(dir, day ?? ''));
    expect(loggedOutput(join(dir, day ?? '', file ?? ''))).toBe('b'.repeat(40 * 128 * 1024));
  });

  it('a wait in progress ends when the log is closed', async () => {
    const log = open();
    while (log.output(Buffer.alloc(256 * 1024, 'c')));
    const waiting = log.drained();
    await log.close('closed');
    await expect(waiting).resolves.toBeUndefined();
  });
});

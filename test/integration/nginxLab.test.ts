// The nginx lab (seeds 001 and 003) end to end: real nginx, real backends, the access log tailed
// live through the stream parser, the insight naming the slow backend, and a clean stop.

import { existsSync, readdirSync, readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { nginxInsights } from '../../shared/insights/nginx';
import {
  NginxAccessLogParser,
  parseAccessLogText,
  parseErrorLogText,
} from '../../shared/parsers/nginx';
import { waitUntil } from '../lab/net';
import { startNginxLab, type NginxLab } from '../lab/nginxLab';
import { isGone, processTree } from '../lab/procs';

const MIN_LINES = 30;

/** Pids whose command line mentions `needle` (our own test process aside). */
function processesMentioning(needle: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmdline.includes(needle)) found.push(Number(name));
    } catch {
      // exited while we looked
    }
  }
  return found;
}

/** Reads what was appended to `path` since `offset` (a `tail -f` without the child process). */
function readFrom(path: string, offset: number): Buffer {
  const all = readFileSync(path);
  return all.subarray(Math.min(offset, all.length));
}

describe('nginx lab', () => {
  let lab: NginxLab;

  beforeAll(async () => {
    lab = await startNginxLab();
  });

  afterAll(async () => {
    await lab?.stop();
  });

  it('runs nginx on 127.0.0.1 in front of three backends, one slow, one that hangs up', async () => {
    expect(lab.url).toBe(`http://127.0.0.1:${lab.port}`);
    expect(lab.backends.map((b) => [b.slow, b.closesEarly])).toEqual([
      [false, true],
      [false, false],
      [true, false],
    ]);
    const response = await fetch(`${lab.url}/nginx-health`);
    expect(await response.text()).toBe('ok\n');
    // nginx master, its worker, three backends, the load generator.
    expect(processTree(...lab.pids).length).toBeGreaterThanOrEqual(6);
  });

  it('the live access log names the slow backend', async () => {
    // Tail the log as the workbench would: bytes in arbitrary chunks through one stream parser.
    const live = new NginxAccessLogParser({ format: lab.logFormat });
    const decoder = new TextDecoder('utf-8');
    let offset = 0;
    await waitUntil(
      `${MIN_LINES} access-log lines`,
      () => {
        const bytes = readFrom(lab.accessLogPath, offset);
        offset += bytes.length;
        live.push(decoder.decode(bytes, { stream: true }));
        const m = live.snapshot();
        if (m.requests < MIN_LINES) throw new Error(`${m.requests} lines so far`);
      },
      {
        timeoutMs: 45_000,
        gaveUp: () => false,
        describe: () => readFileSync(lab.errorLogPath, 'utf8'),
      },
    );
    const text = readFileSync(lab.accessLogPath, 'utf8').slice(0, offset);
    live.end();
    const model = live.snapshot();
    // The live, chunked parse equals a one-shot parse of the same bytes.
    expect(model).toEqual(parseAccessLogText(text, { format: lab.logFormat }));
    expect(model.unparsedLines).toBe(0);
    expect(model.upstreams).toHaveLength(3);

    const slow = lab.backends.find((b) => b.slow);
    const errors = parseErrorLogText(readFileSync(lab.errorLogPath, 'utf8'));
    const findings = nginxInsights({ access: model, errors });
    const [first] = findings;
    expect(first?.severity).toBe('warn');
    expect(first?.text).toMatch(
      new RegExp(`requests slower than [\\d.]+ s went to 127\\.0\\.0\\.1:${slow?.port} \\(p95 `),
    );
    expect(first?.text).toMatch(/on the other two\)$/);
  });

  it('the error log shows "upstream prematurely closed connection" from the backend that hangs up', async () => {
    const flaky = lab.backends.find((b) => b.closesEarly);
    await waitUntil(
      'an error-log entry',
      () => {
        if (parseErrorLogText(readFileSync(lab.errorLogPath, 'utf8')).entries === 0)
          throw new Error('none yet');
      },
      { timeoutMs: 30_000, gaveUp: () => false, describe: () => '' },
    );
    const errors = parseErrorLogText(readFileSync(lab.errorLogPath, 'utf8'));
    expect(errors.unparsedLines).toBe(0);
    expect(errors.byUpstream[0]?.upstream).toBe(`127.0.0.1:${flaky?.port}`);
    expect(errors.byKind[0]?.kind).toBe('upstream prematurely closed connection');
    const texts = nginxInsights({ errors }).map((f) => f.text);
    expect(texts).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `'upstream prematurely closed connection' errors? from 127\\.0\\.0\\.1:${flaky?.port}$`,
        ),
      ),
    );
  });

  it('stop() ends nginx, its worker, the backends and the load, and removes the temp dir', async () => {
    const everything = processTree(...lab.pids);
    await lab.stop();
    expect(everything.filter((pid) => !isGone(pid))).toEqual([]);
    expect(processesMentioning(lab.dir)).toEqual([]);
    for (const b of lab.backends) expect(processesMentioning(`backend.py ${b.port}`)).toEqual([]);
    expect(processesMentioning(`loadgen.py ${lab.url}`)).toEqual([]);
    expect(existsSync(lab.dir)).toBe(false);
    await lab.stop(); // idempotent
  });
});

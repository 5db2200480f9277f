import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plannedCommand, readPreflight } from '../../../shared/captures/preflight';
import {
  CaptureParams,
  captureCommand,
  RECIPES,
  withToolPath,
  type CaptureParamsInput,
} from '../../../shared/captures/recipes';

/** What the probe prints: a start line, then `key NUL value NUL` for each fact. */
function probeOutput(values: Record<string, string>, noise = ''): string {
  const pairs = Object.entries(values).map(([key, value]) => `${key}\0${value}\0`);
  return `${noise}workbench-probe-begin\n${pairs.join('')}`;
}

const HOST = { uid: '1000', sudo: 'no', ptrace_scope: '1', capeff: '0000000000000000' };
const TARGET = {
  target: 'yes',
  target_uid: '1000',
  target_state: 'S',
  target_comm: 'python3',
  tracer_pid: '0',
  tracer_comm: '',
};
const facts = (over: Record<string, string> = {}) => ({
  path: '/usr/bin/strace',
  version: 'strace -- version 6.1',
  ...HOST,
  ...TARGET,
  ...over,
});

describe('preflight verdicts', () => {
  it('a non-root user under ptrace_scope=1 cannot attach, and is told why', () => {
    const report = readPreflight(probeOutput(facts()), RECIPES.strace, 5);
    expect(report.ready).toBe(false);
    expect(report.problems[0]).toMatch(/ptrace_scope=1/);
  });

  it('root in a container without CAP_SYS_PTRACE is told to add it', () => {
    const root = { uid: '0', target_uid: '0' };
    const report = readPreflight(
      probeOutput(facts({ ...root, capeff: '00000000a80425fb' })),
      RECIPES.strace,
      5,
    );
    expect(report.problems[0]).toMatch(/CAP_SYS_PTRACE/);
    const withCap = readPreflight(
      probeOutput(facts({ ...root, capeff: '000001ffffffffff' })),
      RECIPES.strace,
      5,
    );
    expect(withCap.ready).toBe(true);
  });

  it('another user’s process needs root; passwordless sudo is pointed out', () => {
    const report = readPreflight(
      probeOutput(facts({ path: '/usr/bin/gdb', target_uid: '0', sudo: 'yes', ptrace_scope: '0' })),
      RECIPES['gdb-pybt'],
      5,
    );
    expect(report.problems[0]).toMatch(/belongs to uid 0/);
    expect(report.warnings[0]).toMatch(/sudo/);
  });

  it('a missing tool comes with an install command; a stopped target with a warning', () => {
    const report = readPreflight(
      probeOutput(facts({ path: '', version: '', target_state: 'T', ptrace_scope: '0' })),
      RECIPES['pyspy-dump'],
      5,
    );
    expect(report.ready).toBe(false);
    expect(report.fixes[0]?.command).toContain('pip" install py-spy');
    expect(report.warnings.join()).toMatch(/stopped \(state T\)/);
    const top = readPreflight(
      probeOutput(facts({ path: '/usr/bin/top', target: 'no' })),
      RECIPES.threads,
      99,
    );
    expect(top.problems).toEqual(['Process 99 does not exist on the host.']);
  });

  it('a tracing stop names the tracer and is not called stopped', () => {
    const report = readPreflight(
      probeOutput(
        facts({ ptrace_scope: '0', target_state: 't', tracer_pid: '4242', tracer_comm: 'strace' }),
      ),
      RECIPES.strace,
      5,
    );
    expect(report.warnings.join()).toMatch(/held by strace \(PID 4242\)/);
    expect(report.warnings.join()).not.toMatch(/is stopped/);
  });

  it('lines before the start line (a chatty rc file) are not read', () => {
    const report = readPreflight(
      probeOutput(facts({ ptrace_scope: '0' }), 'path=/tmp/ev\nWelcome!\n'),
      RECIPES.strace,
      5,
    );
    expect(report.ready).toBe(true);
    expect(report.toolPath).toBe('/usr/bin/strace');
  });
});

describe('what the host prints cannot choose what runs', () => {
  const REAL = '/root/.local/share/incident-workbench/py-spy/bin/py-spy';
  const params = CaptureParams.parse({ recipe: 'pyspy-dump', pid: 5 });
  const expected = captureCommand(withToolPath(params, REAL));
  const ready = { ...HOST, uid: '0', target_uid: '0', capeff: 'ffffffffffffffff' };

  it('a process named "x\\npath=/tmp/ev" is its name, shown escaped, never the tool', () => {
    const stdout = probeOutput({
      path: REAL,
      version: 'py-spy 0.4.2',
      ...ready,
      ...TARGET,
      target_comm: 'x\npath=/tmp/ev',
    });
    const report = readPreflight(stdout, RECIPES['pyspy-dump'], 5);
    expect(report.toolPath).toBe(REAL);
    expect(report.targetName).toBe('x\\npath=/tmp/ev');
    expect(plannedCommand(params, report)).toBe(expected);
  });

  it('the old attack (a forged line after the real ones) fails the preflight, with the reason', () => {
    const stdout = `${probeOutput({ path: '', version: '', ...ready, ...TARGET, target_comm: 'x' })}\npath=/tmp/ev\n`;
    const report = readPreflight(stdout, RECIPES['pyspy-dump'], 5);
    expect(report.ready).toBe(false);
    expect(report.problems[0]).toMatch(
      /cannot be trusted \(it printed something after the last value\)/,
    );
    expect(plannedCommand(params, report)).toBeNull();
  });

  it('a repeated, unknown or missing key fails the preflight', () => {
    const good = probeOutput({ path: REAL, version: '', ...ready, ...TARGET });
    for (const [stdout, reason] of [
      [`${good}path\0/tmp/py-spy\0`, 'printed "path" twice'],
      [`${good}evil\0/tmp/py-spy\0`, 'unknown key "evil"'],
      [good.replace(/tracer_comm\0[^\0]*\0/, ''), 'left out tracer_comm'],
      [good.replace('workbench-probe-begin\n', ''), 'no start line'],
    ] as const) {
      const report = readPreflight(stdout, RECIPES['pyspy-dump'], 5);
      expect(report.problems[0]).toContain(reason);
      expect(plannedCommand(params, report)).toBeNull();
    }
  });

  it('a tool path that is not a plain absolute path to py-spy is refused, not run', () => {
    for (const path of ['/tmp/ev', 'py-spy', '/tmp/x y/py-spy', '/a/../py-spy', '/a/py-spy\n']) {
      const report = readPreflight(
        probeOutput({ path, version: '', ...ready, ...TARGET }),
        RECIPES['pyspy-dump'],
        5,
      );
      expect(report.toolPath, path).toBeNull();
      expect(report.ready).toBe(false);
      expect(report.problems[0]).toMatch(/is not run/);
      expect(plannedCommand(params, report)).toBeNull();
    }
  });

  it('property: hostile comm, version, tracer and paths never change the planned command', () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary-ascii', maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.constantFrom('x\npath=/tmp/ev', '\u001b]0;evil\u0007', "'; rm -rf / #", 'path=', '\n\n'),
    );
    const recipe = fc.constantFrom<CaptureParamsInput>(
      { recipe: 'pyspy-dump', pid: 5 },
      { recipe: 'pyspy-top', pid: 5 },
      { recipe: 'pyspy-record', pid: 5 },
      { recipe: 'strace', pid: 5 },
    );
    fc.assert(
      fc.property(
        recipe,
        fc.record({ comm: hostile, version: hostile, tracer: hostile, state: hostile }),
        fc.option(hostile, { nil: undefined }),
        fc.option(hostile, { nil: undefined }),
        (input, text, injectedPath, rawLine) => {
          const p = CaptureParams.parse(input);
          const tool = RECIPES[p.recipe].tool;
          const realPath = tool === 'py-spy' ? REAL : '/usr/bin/strace';
          const path = injectedPath ?? realPath;
          let stdout = probeOutput({
            path,
            version: text.version,
            ...ready,
            ...TARGET,
            target_comm: text.comm,
            target_state: text.state,
            tracer_pid: '77',
            tracer_comm: text.tracer,
          });
          // Raw host text where only encoded values belong.
          if (rawLine !== undefined) stdout += `${rawLine}\n`;
          const report = readPreflight(stdout, RECIPES[p.recipe], 5);
          const planned = plannedCommand(p, report);
          if (planned === null) return true;
          // What runs is the command built from the real tool (or the bare name on PATH), and
          // nothing shown to the engineer holds a control character.
          const shown = [report.targetName, report.version, ...report.warnings].join('');
          return (
            (path === realPath || tool !== 'py-spy') &&
            planned === captureCommand(withToolPath(p, tool === 'py-spy' ? path : null)) &&
            // eslint-disable-next-line no-control-regex -- no control character reaches the UI
            !/[\u0000-\u001f\u007f]/.test(shown)
          );
        },
      ),
      { numRuns: 200 },
    );
  }, 90_000);
});

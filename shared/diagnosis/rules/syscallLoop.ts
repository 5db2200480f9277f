/**
 * A syscall loop with errors (seed 003): the same short sequence of calls repeating back to back
 * in one thread, with a step that fails every round (`sendto; rename = -1 ENOENT`), with its rate
 * and failure ratio. Also from a `strace -c` table alone: a call that fails on every call. Routine
 * results (EAGAIN, EINPROGRESS, a timed wait's ETIMEDOUT) are steps, never failures.
 */
import { groupDigits } from '../../insights/strace';
import type { StraceLoop } from '../../parsers/strace/straceModel';
import { SLEEP_CALLS } from '../../parsers/strace/syscallNotes';
import { errorsMayBeRoutine, isFailure } from '../../parsers/strace/syscallResults';
import type { EvidenceRef } from '../evidence';
import type { LoopFact, ProcessFacts } from '../facts/facts';
import type { Finding } from '../finding';
import { finding, pct, when } from './ruleKit';

/** Rounds in a row before a repetition is a loop, not a coincidence. */
const MIN_REPEATS = 10;
/** A `-c` row: this many calls, nearly all failing. */
const SUMMARY_MIN_CALLS = 1000;
/** A `-c` row failing this share of its calls: a call that nearly never succeeds. */
const FAILS_NEARLY_ALWAYS = 0.9;
/**
 * A spin: this many rounds (or failing calls) a second, or this share of the process's calls.
 * A call that fails every time at that pace is critical, whether strace shows the loop (its
 * failing step fails every round) or `strace -c` counts it: it burns a core on work that is never
 * done (seed 003's log handler).
 */
const SPIN_RATE = 100;
const SPIN_SHARE = 0.5;

const stepText = (s: { name: string; errno: string | null }): string =>
  s.errno === null ? s.name : `${s.name} = -1 ${s.errno}`;

/**
 * "1 500 times (9 020 rounds/s)" for a run in a row; for a loop in bursts, its rounds over all the
 * bursts at their sustained pace: "3 400 times in 68 bursts (1 480 rounds/s sustained)".
 */
function timesText(loop: StraceLoop): string {
  if (loop.bursts > 1) {
    const rate =
      loop.sustainedRate !== null ? ` (${groupDigits(loop.sustainedRate)} rounds/s sustained)` : '';
    return `${groupDigits(loop.rounds)} times in ${groupDigits(loop.bursts)} bursts${rate}`;
  }
  return `${groupDigits(loop.repeats)} times${loop.rate !== null ? ` (${groupDigits(loop.rate)} rounds/s)` : ''}`;
}

function loopFinding(facts: ProcessFacts, f: LoopFact): Finding | null {
  const { loop } = f;
  if (loop.repeats < MIN_REPEATS) return null;
  const failing = loop.cycle.filter((s) => s.errno !== null && isFailure(s.name, s.errno));
  if (failing.length === 0) return null;
  const ratio = failing.length / loop.cycle.length;
  const seq = loop.cycle.map(stepText).join('; ');
  // The sustained rate: a loop in bursts (50 rounds, then a short sleep) spins at its average pace.
  const hot = (loop.sustainedRate ?? 0) >= SPIN_RATE || loop.share >= SPIN_SHARE;
  const paused = loop.bursts > 1;

  // A cycle that sleeps is a periodic retry: it fails, but it does not burn a core.
  const sleeps = loop.cycle.some((s) => SLEEP_CALLS.has(s.name));
  const evidence: EvidenceRef[] = [
    { kind: 'strace-loop', capture: f.capture },
    ...failing.map((s): EvidenceRef => ({
      kind: 'strace-syscall',
      capture: f.capture,
      syscall: s.name,
      errno: s.errno ?? undefined,
    })),
  ];
  return finding(facts, {
    kind: 'syscall-loop',
    subject: `${loop.pid ?? ''} ${seq}`,
    severity: sleeps ? 'info' : hot ? 'critical' : 'warning',
    base: 60,
    reasons: [
      ...when(loop.repeats >= 100, 10, `${groupDigits(loop.repeats)} rounds in a row`),
      ...when(
        loop.repeats < 100 && paused && loop.rounds >= 100,
        10,
        `${groupDigits(loop.rounds)} rounds in ${groupDigits(loop.bursts)} bursts`,
      ),
      ...when(loop.ongoing, 10, 'still going on at the end of the trace'),
      ...when(loop.share >= 0.5, 10, `${pct(loop.share * 100)} of the recent calls`),
      ...when(loop.sustainedRate === null, -5, 'no timestamps: the rate is unknown'),
      ...when(sleeps, -20, 'it sleeps every round: a periodic retry, not a spin'),
    ],
    title: `${loop.pid === null ? 'The traced thread' : `Thread ${loop.pid}`} repeats \`${seq}\` ${timesText(loop)}: ${pct(ratio * 100)} of its calls fail`,
    statement:
      `The same sequence repeats back to back and ${failing.map((s) => `\`${stepText(s)}\``).join(' and ')} fails every round: ` +
      (sleeps
        ? 'a periodic task that retries what keeps failing; it sleeps between rounds, so it costs little CPU, but its work is not done.'
        : 'a loop that retries what cannot succeed (such as a log handler whose file rotation keeps failing), burning a core and starving the rest of the process.'),
    evidence,
    cannotCheck: ['which Python code loops: a py-spy dump of that thread shows it'],
    nextSteps: [
      {
        label: 'the Python stack of the looping thread',
        capture: { recipe: 'pyspy-dump', pid: facts.pid },
        ...(loop.pid !== null ? { focusTid: loop.pid } : {}),
      },
    ],
  });
}

/** By `-c` capture: the share of all its calls made by rows that nearly always fail. */
function failingShares(facts: ProcessFacts): Map<string, number> {
  const calls = new Map<string, { all: number; failing: number }>();
  for (const s of facts.syscalls) {
    if (s.source !== 'summary') continue;
    const c = calls.get(s.capture) ?? { all: 0, failing: 0 };
    c.all += s.calls;
    if (s.calls > 0 && s.errors / s.calls >= FAILS_NEARLY_ALWAYS) c.failing += s.calls;
    calls.set(s.capture, c);
  }
  return new Map([...calls].map(([capture, c]) => [capture, c.all > 0 ? c.failing / c.all : 0]));
}

function summaryFindings(facts: ProcessFacts): Finding[] {
  const out: Finding[] = [];
  const shares = failingShares(facts);
  for (const s of facts.syscalls) {
    if (s.source !== 'summary' || s.calls < SUMMARY_MIN_CALLS) continue;
    if (s.errors / s.calls < FAILS_NEARLY_ALWAYS || errorsMayBeRoutine(s.name)) continue;
    // A live trace of the same calls says more; its loop finding covers it.
    if (facts.loops.some((l) => l.loop.cycle.some((c) => c.name === s.name && c.errno !== null)))
      continue;
    const share = shares.get(s.capture) ?? 0;
    const rate =
      s.tracedSeconds !== null && s.tracedSeconds > 0 ? s.errors / s.tracedSeconds : null;
    const spins = (rate ?? 0) >= SPIN_RATE || share >= SPIN_SHARE;
    out.push(
      finding(facts, {
        kind: 'syscall-loop',
        subject: `summary ${s.name}`,
        severity: spins ? 'critical' : 'warning',
        base: 50,
        reasons: [
          ...when(s.errors === s.calls, 10, 'every call failed'),
          ...when(
            rate !== null && rate >= SPIN_RATE,
            10,
            `${groupDigits(Math.round(rate ?? 0))} failures a second over the ${s.tracedSeconds ?? 0} s traced`,
          ),
          ...when(
            share >= SPIN_SHARE,
            10,
            `calls that nearly always fail are ${pct(share * 100)} of all the calls traced`,
          ),
          { delta: -10, why: 'a -c table has no order: the calls may not be one loop' },
        ],
        title: `\`${s.name}\` failed ${groupDigits(s.errors)} of ${groupDigits(s.calls)} calls (${pct((s.errors / s.calls) * 100)})`,
        statement:
          `In the \`strace -c\` table, \`${s.name}\` fails on nearly every call, ${groupDigits(s.calls)} times: a retry loop is the usual cause` +
          (spins
            ? ', again and again at full speed: the process spins on work that is never done.'
            : '.'),
        evidence: [{ kind: 'strace-summary-row', capture: s.capture, syscall: s.name }],
        cannotCheck: [
          'the errno and the sequence: a -c table has neither; strace -f -tt -T shows them',
          ...(rate === null ? ['the rate: the table does not print how long it traced'] : []),
        ],
        nextSteps: [
          {
            label: 'the calls in order (strace -f -tt -T)',
            capture: { recipe: 'strace', pid: facts.pid },
          },
        ],
      }),
    );
  }
  return out;
}

export function syscallLoop(facts: ProcessFacts): Finding[] {
  const loops = facts.loops
    .map((l) => loopFinding(facts, l))
    .filter((f): f is Finding => f !== null);
  return [...loops, ...summaryFindings(facts)];
}

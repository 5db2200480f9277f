import type { Client } from 'ssh2';
import { captureTarget, RECIPES, type CaptureParams } from '../../../shared/captures/recipes';
import {
  plannedCommand,
  preflightScript,
  readPreflight,
  type PreflightReport,
} from '../../../shared/captures/preflight';
import { shellCommand } from '../../../shared/util/shellQuote';
import { probeScript, readProbe } from '../../../shared/captures/hostProbe';
import {
  readTargetFacts,
  TARGET_KEYS,
  targetFields,
  targetSetup,
} from '../../../shared/captures/targetProbe';
import type { TargetState } from '../../../shared/contract/index';
import { remoteExec } from '../terminals/remoteExec';

/** A probe may re-read a state for a second, and a busy host starts its shell slowly. */
const PROBE_TIMEOUT_MS = 20_000;

/** Runs the preflight checks of a capture on the host. */
export async function preflight(
  client: Client,
  params: CaptureParams,
  asRoot = false,
): Promise<PreflightReport> {
  const recipe = RECIPES[params.recipe];
  const pid = captureTarget(params);
  const result = await remoteExec(client, preflightScript(recipe.tool, pid), PROBE_TIMEOUT_MS);
  return readPreflight(result.stdout, recipe, pid, asRoot);
}

export interface CapturePlan {
  command: string;
  title: string;
}

/**
 * Checks, then builds the command. A capture that cannot run fails here with the preflight's
 * own sentences, before anything attaches to the target.
 */
export async function planCapture(
  client: Client,
  params: CaptureParams,
  asRoot = false,
): Promise<CapturePlan> {
  const report = await preflight(client, params, asRoot);
  // Use the tool where preflight found it (e.g. py-spy in a venv), not only on PATH.
  const command = plannedCommand(params, report, asRoot);
  if (command === null) throw new Error(report.problems.join(' '));
  const pid = captureTarget(params);
  const who = pid === null ? '' : ` · ${report.targetName ?? 'process'} ${pid}`;
  return { command, title: `${asRoot ? 'sudo ' : ''}${shortTitle(params)}${who}` };
}

function shortTitle(params: CaptureParams): string {
  switch (params.recipe) {
    case 'host-overview':
      return 'top';
    case 'threads':
      return 'threads';
    case 'pyspy-dump':
      return params.everySeconds ? `stacks every ${params.everySeconds}s` : 'stacks';
    case 'pyspy-top':
      return 'py-spy top';
    case 'pyspy-record':
      return `record ${params.durationSeconds}s`;
    case 'gdb-pybt':
      return 'gdb py-bt';
    case 'strace':
      return 'strace';
    case 'strace-summary':
      return `strace -c ${params.seconds}s`;
    case 'ps':
      return 'ps';
    case 'ss':
      return 'ss';
    case 'nginx-access':
      return 'access log';
    case 'nginx-error':
      return 'error log';
  }
}

/**
 * The target's state after a capture: a `t` is read again over a second (a sampler's pause is
 * not a stop), and the tracer holding it is named.
 */
export async function targetState(client: Client, pid: number): Promise<TargetState> {
  const result = await remoteExec(
    client,
    probeScript(targetSetup(pid), targetFields(pid)),
    PROBE_TIMEOUT_MS,
  );
  const read = readProbe(result.stdout, TARGET_KEYS);
  if (!read.ok)
    throw new Error(`The host's answer about process ${pid} cannot be read (${read.reason}).`);
  const facts = readTargetFacts(read.value);
  if (!facts.exists) return { exists: false, state: null, name: null, tracer: null };
  return { exists: true, state: facts.state, name: facts.name, tracer: facts.tracer };
}

/** Sends SIGCONT to a target that a tracer left stopped. */
export async function continueTarget(client: Client, pid: number): Promise<TargetState> {
  await remoteExec(client, shellCommand(['kill', '-CONT', pid]));
  return targetState(client, pid);
}

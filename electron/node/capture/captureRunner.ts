import type { Client } from 'ssh2';
import {
  captureCommand,
  captureTarget,
  RECIPES,
  type CaptureParams,
} from '../../../shared/captures/recipes';
import {
  preflightScript,
  readPreflight,
  type PreflightReport,
} from '../../../shared/captures/preflight';
import { shellCommand } from '../../../shared/util/shellQuote';
import { remoteExec } from '../session/remoteExec';

/** Runs the preflight checks of a capture on the host. */
export async function preflight(client: Client, params: CaptureParams): Promise<PreflightReport> {
  const recipe = RECIPES[params.recipe];
  const pid = captureTarget(params);
  const result = await remoteExec(client, preflightScript(recipe.tool, pid));
  return readPreflight(result.stdout, recipe, pid);
}

export interface CapturePlan {
  command: string;
  title: string;
}

/**
 * Checks, then builds the command. A capture that cannot run fails here with the preflight's
 * own sentences, before anything attaches to the target.
 */
export async function planCapture(client: Client, params: CaptureParams): Promise<CapturePlan> {
  const report = await preflight(client, params);
  if (!report.ready) throw new Error(report.problems.join(' '));
  // Use the tool where preflight found it (e.g. py-spy in a venv), not only on PATH.
  const takesToolPath =
    params.recipe === 'pyspy-dump' ||
    params.recipe === 'pyspy-top' ||
    params.recipe === 'pyspy-record';
  const withTool =
    takesToolPath && report.toolPath && !params.tool
      ? { ...params, tool: report.toolPath }
      : params;
  const pid = captureTarget(params);
  const who = pid === null ? '' : ` · ${report.targetName ?? 'process'} ${pid}`;
  return { command: captureCommand(withTool), title: `${shortTitle(params)}${who}` };
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

export interface TargetState {
  exists: boolean;
  state: string | null;
  name: string | null;
}

export async function targetState(client: Client, pid: number): Promise<TargetState> {
  const proc = `/proc/${pid}`;
  const script = `[ -d ${proc} ] || exit 3; sed -e 's/^.*) //' ${shellCommand([`${proc}/stat`])} | cut -d' ' -f1; cat ${shellCommand([`${proc}/comm`])}`;
  const result = await remoteExec(client, script);
  if (result.exitCode === 3) return { exists: false, state: null, name: null };
  const [state, name] = result.stdout.split('\n');
  return { exists: true, state: state?.trim() || null, name: name?.trim() || null };
}

/** Sends SIGCONT to a target that a tracer left stopped. */
export async function continueTarget(client: Client, pid: number): Promise<TargetState> {
  await remoteExec(client, shellCommand(['kill', '-CONT', pid]));
  return targetState(client, pid);
}

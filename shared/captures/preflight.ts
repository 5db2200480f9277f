import { shellCommand } from '../util/shellQuote';
import { sudoCommand } from './sudo';
import { displayText, probeScript, readProbe, type ProbeField } from './hostProbe';
import {
  captureCommand,
  toolPathProblem,
  withToolPath,
  type CaptureParams,
  type Recipe,
  type ToolName,
} from './recipes';
import {
  describeTargetState,
  readTargetFacts,
  TARGET_KEYS,
  targetFields,
  targetSetup,
  type TargetKey,
} from './targetProbe';

/**
 * Before a capture: is the tool there, which version, and may we attach to the target?
 * The script prints each fact hex-encoded (`hostProbe.ts`); `readPreflight` turns them into a
 * verdict with fixes, or refuses an answer it cannot read.
 */

/** Where the workbench installs py-spy when the user agrees (a venv: no root, no system pip). */
export const PYSPY_VENV = '$HOME/.local/share/incident-workbench/py-spy';

const EXTRA_LOCATIONS: Partial<Record<ToolName, string[]>> = {
  'py-spy': [`${PYSPY_VENV}/bin/py-spy`, '$HOME/.local/bin/py-spy', '/usr/local/bin/py-spy'],
};

const VERSION_ARGS: Record<ToolName, string> = {
  top: '-h',
  'py-spy': '--version',
  gdb: '--version',
  strace: '-V',
  ps: '--version',
  ss: '--version',
  tail: '--version',
};

type PreflightKey = 'path' | 'version' | 'uid' | 'sudo' | 'ptrace_scope' | 'capeff' | TargetKey;

const HOST_KEYS: readonly PreflightKey[] = [
  'path',
  'version',
  'uid',
  'sudo',
  'ptrace_scope',
  'capeff',
];

const keysFor = (pid: number | null): readonly PreflightKey[] =>
  pid === null ? HOST_KEYS : [...HOST_KEYS, ...TARGET_KEYS];

export function preflightScript(tool: ToolName, pid: number | null): string {
  const candidates = (EXTRA_LOCATIONS[tool] ?? []).map((c) => `"${c}"`).join(' ');
  const setup = [
    `p=$(command -v ${shellCommand([tool])} 2>/dev/null)`,
    `if [ -z "$p" ]; then for c in ${candidates || '""'}; do [ -x "$c" ] && p="$c" && break; done; fi`,
    ...(pid === null ? [] : targetSetup(pid)),
  ];
  const fields: ProbeField<PreflightKey>[] = [
    { key: 'path', command: 'echo "$p"' },
    {
      key: 'version',
      command: `[ -n "$p" ] && "$p" ${VERSION_ARGS[tool]} 2>&1 | head -n 1`,
    },
    { key: 'uid', command: 'id -u' },
    {
      key: 'sudo',
      command:
        'if ! command -v sudo >/dev/null 2>&1; then echo missing; elif sudo -n true 2>/dev/null; then echo yes; else echo no; fi',
    },
    {
      key: 'ptrace_scope',
      command: 'cat /proc/sys/kernel/yama/ptrace_scope 2>/dev/null || echo none',
    },
    { key: 'capeff', command: `awk '/^CapEff/ {print $2}' /proc/self/status` },
    ...(pid === null ? [] : targetFields(pid)),
  ];
  return probeScript(setup, fields);
}

export interface PreflightFix {
  label: string;
  /** Run in a terminal tab, only after the user confirms. */
  command: string;
}

export interface PreflightReport {
  tool: ToolName;
  toolPath: string | null;
  version: string | null;
  /** True when the capture can run as it is. */
  ready: boolean;
  problems: string[];
  warnings: string[];
  fixes: PreflightFix[];
  targetState: string | null;
  targetName: string | null;
}

const CAP_SYS_PTRACE_BIT = 19n;

function installFix(tool: ToolName): PreflightFix {
  if (tool === 'py-spy') {
    return {
      label: 'Install py-spy into a virtual environment in your home (no root needed)',
      command: `python3 -m venv "${PYSPY_VENV}" && "${PYSPY_VENV}/bin/pip" install py-spy && "${PYSPY_VENV}/bin/py-spy" --version`,
    };
  }
  const pkg =
    tool === 'top' || tool === 'ps'
      ? 'procps'
      : tool === 'ss'
        ? 'iproute2'
        : tool === 'tail'
          ? 'coreutils'
          : tool;
  return { label: `Install ${tool} (Debian/Ubuntu)`, command: `sudo apt-get install -y ${pkg}` };
}

const emptyReport = (tool: ToolName, problem: string): PreflightReport => ({
  tool,
  toolPath: null,
  version: null,
  ready: false,
  problems: [problem],
  warnings: [],
  fixes: [],
  targetState: null,
  targetName: null,
});

/** `asRoot`: the capture runs through sudo, so the user's own rights to attach do not matter. */
export function readPreflight(
  stdout: string,
  recipe: Recipe,
  pid: number | null,
  asRoot = false,
): PreflightReport {
  const read = readProbe(stdout, keysFor(pid));
  if (!read.ok)
    return emptyReport(
      recipe.tool,
      `The host's answer to the checks cannot be trusted (${read.reason}); nothing was run.`,
    );
  const f = read.value;
  const foundPath = f.get('path') ?? '';
  const pathProblem = foundPath ? toolPathProblem(foundPath, recipe.tool) : null;
  // Only a path that passed the check is kept: it may become part of the capture's command.
  const toolPath = foundPath && !pathProblem ? foundPath : null;
  const uidText = f.get('uid') ?? '';
  const uid = /^\d{1,10}$/.test(uidText) ? Number(uidText) : NaN;
  const root = uid === 0 || asRoot;
  const problems: string[] = [];
  const warnings: string[] = [];
  const fixes: PreflightFix[] = [];
  const target = pid === null ? null : readTargetFacts(f);

  if (pathProblem) {
    problems.push(pathProblem);
  } else if (!toolPath) {
    problems.push(
      `${recipe.tool} is not installed on the host (not on PATH${recipe.tool === 'py-spy' ? ' nor in the usual venv locations' : ''}).`,
    );
    fixes.push(installFix(recipe.tool));
  }
  if (asRoot && f.get('sudo') === 'missing')
    problems.push('sudo is not installed on the host, so the capture cannot run as root.');
  if (pid !== null && target && !target.exists)
    problems.push(`Process ${pid} does not exist on the host.`);
  if (recipe.attaches && pid !== null && target?.exists) {
    const scope = f.get('ptrace_scope') ?? 'none';
    const capEff = f.get('capeff') ?? '';
    const hasPtraceCap = /^[0-9a-fA-F]{1,16}$/.test(capEff)
      ? (BigInt(`0x${capEff}`) >> CAP_SYS_PTRACE_BIT) & 1n
      : 1n;
    if (uid === 0 && hasPtraceCap === 0n) {
      problems.push(
        'Running as root but without CAP_SYS_PTRACE (a container?): attaching will fail. Start the container with --cap-add SYS_PTRACE.',
      );
    } else if (!root && target.uid !== uid) {
      problems.push(
        `Process ${pid} belongs to uid ${target.uid ?? '?'}, you are uid ${Number.isNaN(uid) ? '?' : uid}: only root may attach to it.`,
      );
    } else if (!root && scope !== 'none' && Number(scope) >= 1) {
      problems.push(
        `kernel.yama.ptrace_scope=${displayText(scope, 8)} lets only root attach to a process that is not your child.`,
      );
    }
    if (problems.length > 0 && !root && f.get('sudo') === 'yes')
      warnings.push('sudo works without a password here: run the capture as root with sudo.');
    if (scope === '3')
      problems.push(
        'kernel.yama.ptrace_scope=3: attaching is disabled on this host, even for root.',
      );
    if (target.tracer && target.state !== 't')
      warnings.push(
        `${target.tracer.name} (PID ${target.tracer.pid}) is tracing process ${pid}: ${recipe.tool} may not attach while it does.`,
      );
  }
  const stateText = pid !== null && target ? describeTargetState(pid, target) : null;
  if (stateText) warnings.push(stateText);
  const version = f.get('version') ?? '';

  return {
    tool: recipe.tool,
    toolPath,
    // Display only: never part of a command.
    version: version ? displayText(version) : null,
    ready: problems.length === 0,
    problems,
    warnings,
    fixes,
    targetState: target?.state ?? null,
    targetName: target?.name ?? null,
  };
}

/** The exact command a capture runs after this preflight, or null when it may not run. */
export function plannedCommand(
  params: CaptureParams,
  report: PreflightReport,
  asRoot = false,
): string | null {
  if (!report.ready) return null;
  const command = captureCommand(withToolPath(params, report.toolPath));
  return asRoot ? sudoCommand(command) : command;
}

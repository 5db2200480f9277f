import { shellCommand } from '../util/shellQuote';
import type { Recipe, ToolName } from './recipes';

/**
 * Before a capture: is the tool there, which version, and may we attach to the target?
 * The script prints `key=value` lines; `readPreflight` turns them into a verdict with fixes.
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

export function preflightScript(tool: ToolName, pid: number | null): string {
  const candidates = (EXTRA_LOCATIONS[tool] ?? []).map((c) => `"${c}"`).join(' ');
  const lines = [
    `p=$(command -v ${shellCommand([tool])} 2>/dev/null)`,
    `if [ -z "$p" ]; then for c in ${candidates || '""'}; do [ -x "$c" ] && p="$c" && break; done; fi`,
    'echo "path=$p"',
    `[ -n "$p" ] && echo "version=$("$p" ${VERSION_ARGS[tool]} 2>&1 | head -n 1)"`,
    'echo "uid=$(id -u)"',
    'echo "sudo=$(sudo -n true 2>/dev/null && echo yes || echo no)"',
    'echo "ptrace_scope=$(cat /proc/sys/kernel/yama/ptrace_scope 2>/dev/null || echo none)"',
    `echo "capeff=$(awk '/^CapEff/ {print $2}' /proc/self/status)"`,
  ];
  if (pid !== null) {
    const proc = `/proc/${pid}`;
    lines.push(
      `if [ -d ${proc} ]; then echo "target=yes"; else echo "target=no"; fi`,
      `echo "target_uid=$(stat -c %u ${proc} 2>/dev/null)"`,
      // The state is the first field after the `(comm)`, which may itself contain spaces.
      `echo "target_state=$(sed -e 's/^.*) //' ${proc}/stat 2>/dev/null | cut -d' ' -f1)"`,
      `echo "target_comm=$(cat ${proc}/comm 2>/dev/null)"`,
    );
  }
  return lines.join('; ');
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

function fields(stdout: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) map.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return map;
}

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

export function readPreflight(stdout: string, recipe: Recipe, pid: number | null): PreflightReport {
  const f = fields(stdout);
  const toolPath = f.get('path') || null;
  const uid = Number(f.get('uid') ?? NaN);
  const root = uid === 0;
  const problems: string[] = [];
  const warnings: string[] = [];
  const fixes: PreflightFix[] = [];

  if (!toolPath) {
    problems.push(
      `${recipe.tool} is not installed on the host (not on PATH${recipe.tool === 'py-spy' ? ' nor in the usual venv locations' : ''}).`,
    );
    fixes.push(installFix(recipe.tool));
  }
  if (pid !== null && f.get('target') === 'no')
    problems.push(`Process ${pid} does not exist on the host.`);
  if (recipe.attaches && pid !== null && f.get('target') === 'yes') {
    const targetUid = Number(f.get('target_uid') ?? NaN);
    const scope = f.get('ptrace_scope') ?? 'none';
    const capEff = f.get('capeff');
    const hasPtraceCap = capEff ? (BigInt(`0x${capEff}`) >> CAP_SYS_PTRACE_BIT) & 1n : 1n;
    if (root && hasPtraceCap === 0n) {
      problems.push(
        'Running as root but without CAP_SYS_PTRACE (a container?): attaching will fail. Start the container with --cap-add SYS_PTRACE.',
      );
    } else if (!root && targetUid !== uid) {
      problems.push(
        `Process ${pid} belongs to uid ${targetUid}, you are uid ${uid}: only root may attach to it.`,
      );
    } else if (!root && scope !== 'none' && Number(scope) >= 1) {
      problems.push(
        `kernel.yama.ptrace_scope=${scope} lets only root attach to a process that is not your child.`,
      );
    }
    if (problems.length > 0 && !root && f.get('sudo') === 'yes')
      warnings.push('sudo works without a password here: run the capture as root with sudo.');
    if (scope === '3')
      problems.push(
        'kernel.yama.ptrace_scope=3: attaching is disabled on this host, even for root.',
      );
  }
  const targetState = f.get('target_state') || null;
  if (targetState === 'T' || targetState === 't')
    warnings.push(
      `Process ${pid} is stopped (state ${targetState}); it will not make progress until continued.`,
    );

  return {
    tool: recipe.tool,
    toolPath,
    version: f.get('version') || null,
    ready: problems.length === 0,
    problems,
    warnings,
    fixes,
    targetState,
    targetName: f.get('target_comm') || null,
  };
}

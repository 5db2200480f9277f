import { z } from 'zod';
import { shellCommand } from '../util/shellQuote';
import { BATCH_RELAY } from './outputBatches';
import type { ParserKind } from './captureKinds';

export type { ParserKind };

/**
 * Every capture the workbench can run: what it runs on the host, built from validated
 * parameters with each argument quoted, and which parser reads its output. Pure, so the
 * renderer can show the exact command before it runs and the Node side can run exactly that.
 */
export const Pid = z.number().int().min(1).max(4_194_304);
const Interval = z.number().min(0.5).max(60);
/** An absolute path without shell metacharacters worth worrying about; still quoted when used. */
const RemotePath = z
  .string()
  .min(2)
  .max(1024)
  .regex(/^\/[^\0\n]*$/, 'an absolute path');
/**
 * A tool location found by preflight (e.g. a py-spy installed into a venv). It becomes the
 * command's first word, so it must be exactly that: an absolute path of plain characters whose
 * last part is the tool's own name.
 */
const TOOL_PATH = /^(?:\/[A-Za-z0-9._+@%,~-]+)+$/;

/** Why `path` (read from the host) may not be run as `tool`, or null when it may. */
export function toolPathProblem(path: string, tool: string): string | null {
  const shown = JSON.stringify(path.slice(0, 200));
  if (
    path.length > 1024 ||
    !TOOL_PATH.test(path) ||
    path.split('/').some((part) => part === '.' || part === '..')
  )
    return `The host gave ${shown} as the path of ${tool}: not a plain absolute path, so it is not run.`;
  if (path.split('/').at(-1) !== tool)
    return `The host gave ${shown} as the path of ${tool}: that is not ${tool}, so it is not run.`;
  return null;
}

const ToolPath = z
  .string()
  .refine((path) => toolPathProblem(path, 'py-spy') === null, 'an absolute path to py-spy')
  .optional();

export const CaptureParams = z.discriminatedUnion('recipe', [
  z.object({ recipe: z.literal('host-overview'), intervalSeconds: Interval.default(2) }),
  z.object({
    recipe: z.literal('threads'),
    pid: Pid,
    intervalSeconds: Interval.default(1),
    /** null: until stopped; a number: that many screens, then top ends (triage). */
    iterations: z.number().int().min(1).max(1000).nullable().default(null),
  }),
  z.object({
    recipe: z.literal('pyspy-dump'),
    pid: Pid,
    locals: z.boolean().default(false),
    /** null: once; a number: every N seconds until stopped. */
    everySeconds: z.number().min(1).max(600).nullable().default(null),
    /** With everySeconds: stop after this many dumps (null: until stopped). */
    count: z.number().int().min(1).max(100).nullable().default(null),
    /** `--nonblocking`: read the stacks without pausing the process (safe on production). */
    nonblocking: z.boolean().default(false),
    /** `--full-filenames`: whole paths, so site-packages and the stdlib tell apart from the app. */
    fullFilenames: z.boolean().default(false),
    tool: ToolPath,
  }),
  z.object({ recipe: z.literal('pyspy-top'), pid: Pid, tool: ToolPath }),
  z.object({
    recipe: z.literal('pyspy-record'),
    pid: Pid,
    durationSeconds: z.number().int().min(1).max(600).default(10),
    rate: z.number().int().min(1).max(1000).default(100),
    gil: z.boolean().default(false),
    idle: z.boolean().default(false),
    tool: ToolPath,
  }),
  z.object({ recipe: z.literal('gdb-pybt'), pid: Pid }),
  z.object({
    recipe: z.literal('strace'),
    pid: Pid,
    stringLimit: z.number().int().min(16).max(4096).default(64),
    /**
     * `-f`: every thread of the process (and its children). With `-p TID` strace -f attaches to
     * the whole thread group, so tracing one thread alone means leaving -f out.
     */
    followThreads: z.boolean().default(true),
  }),
  z.object({
    recipe: z.literal('strace-summary'),
    pid: Pid,
    seconds: z.number().int().min(1).max(600).default(10),
  }),
  z.object({ recipe: z.literal('ps'), threads: z.boolean().default(false) }),
  z.object({ recipe: z.literal('ss') }),
  z.object({
    recipe: z.literal('nginx-access'),
    path: RemotePath,
    lines: z.number().int().min(0).max(100_000).default(2000),
    /** The server's `log_format` (with `$upstream_addr`…); empty means nginx's `combined`. */
    logFormat: z.string().max(4000).default(''),
  }),
  z.object({
    recipe: z.literal('nginx-error'),
    path: RemotePath,
    lines: z.number().int().min(0).max(100_000).default(500),
  }),
]);
export type CaptureParams = z.output<typeof CaptureParams>;
export type CaptureParamsInput = z.input<typeof CaptureParams>;
export type RecipeId = CaptureParams['recipe'];

/** Every recipe id, in the order the capture dialog lists them. */
export const RECIPE_IDS: readonly RecipeId[] = CaptureParams.options.map(
  (option) => option.shape.recipe.value,
);

export const isRecipeId = (value: string): value is RecipeId =>
  RECIPE_IDS.some((id) => id === value);

/** What a recipe needs on the host, checked by preflight. */
export type ToolName = 'top' | 'py-spy' | 'gdb' | 'strace' | 'ps' | 'ss' | 'tail';

export interface Recipe {
  title: string;
  tool: ToolName;
  parser: ParserKind;
  /** Needs ptrace rights on the target (py-spy, gdb, strace). */
  attaches: boolean;
}

export const RECIPES: Record<RecipeId, Recipe> = {
  'host-overview': { title: 'Host overview (top)', tool: 'top', parser: 'top', attaches: false },
  threads: { title: 'Threads of a process (top -H)', tool: 'top', parser: 'top', attaches: false },
  'pyspy-dump': {
    title: 'Python stacks (py-spy dump)',
    tool: 'py-spy',
    parser: 'pyspy-dump',
    attaches: true,
  },
  'pyspy-top': {
    title: 'Python live profile (py-spy top)',
    tool: 'py-spy',
    parser: 'pyspy-top-screen',
    attaches: true,
  },
  'pyspy-record': {
    title: 'Flame graph (py-spy record)',
    tool: 'py-spy',
    parser: 'collapsed',
    attaches: true,
  },
  'gdb-pybt': {
    title: 'Python stacks via gdb (py-bt)',
    tool: 'gdb',
    parser: 'gdb-pybt',
    attaches: true,
  },
  strace: { title: 'Syscalls live (strace)', tool: 'strace', parser: 'strace', attaches: true },
  'strace-summary': {
    title: 'Syscall summary (strace -c)',
    tool: 'strace',
    parser: 'strace-summary',
    attaches: true,
  },
  ps: { title: 'Processes (ps)', tool: 'ps', parser: 'ps', attaches: false },
  ss: { title: 'Sockets (ss)', tool: 'ss', parser: 'ss', attaches: false },
  'nginx-access': {
    title: 'nginx access log',
    tool: 'tail',
    parser: 'nginx-access',
    attaches: false,
  },
  'nginx-error': { title: 'nginx error log', tool: 'tail', parser: 'nginx-error', attaches: false },
};

/** Tools print numbers and labels the parsers expect, and no colour, whatever the host's settings. */
const PLAIN = 'LC_ALL=C NO_COLOR=1 CLICOLOR=0';

/** Marks where a recording's data starts in a terminal that also shows the tool's progress. */
export const RECORD_DATA_MARKER = '=== workbench: recorded stacks follow ===';

/** The exact remote command line of a capture. */
export function captureCommand(params: CaptureParams): string {
  switch (params.recipe) {
    // `top -b` ignores SIGHUP: closing the tab (or losing the connection) would leave it running
    // on the host for ever. Through `cat` it ends with the terminal: cat dies, top gets SIGPIPE.
    case 'host-overview':
      return `${PLAIN} ${shellCommand(['top', '-b', '-w', 512, '-d', params.intervalSeconds])} | cat`;
    case 'threads': {
      // typeof, not === null: params that skipped the schema (its defaults) must still be safe.
      const count = typeof params.iterations === 'number' ? ['-n', params.iterations] : [];
      return `${PLAIN} ${shellCommand(['top', '-b', '-H', '-w', 512, '-d', params.intervalSeconds, ...count, '-p', params.pid])} | cat`;
    }
    case 'pyspy-dump': {
      const dump = shellCommand([
        params.tool ?? 'py-spy',
        'dump',
        ...(params.locals ? ['--locals'] : []),
        ...(params.nonblocking ? ['--nonblocking'] : []),
        ...(params.fullFilenames ? ['--full-filenames'] : []),
        '--pid',
        params.pid,
      ]);
      if (params.everySeconds === null) return `${PLAIN} ${dump}`;
      const every = shellCommand([params.everySeconds]);
      if (typeof params.count !== 'number')
        return `while ${PLAIN} ${dump}; do sleep ${every}; done`;
      // N dumps, `every` apart; the loop ends after the last one (no sleep after it).
      return (
        `n=${shellCommand([params.count])}; while ${PLAIN} ${dump}; do ` +
        `n=$((n-1)); [ "$n" -gt 0 ] || break; sleep ${every}; done`
      );
    }
    case 'pyspy-top':
      return `${PLAIN} ${shellCommand([params.tool ?? 'py-spy', 'top', '--pid', params.pid])}`;
    case 'pyspy-record': {
      const record = shellCommand([
        params.tool ?? 'py-spy',
        'record',
        '--format',
        'raw',
        '-d',
        params.durationSeconds,
        '-r',
        params.rate,
        ...(params.gil ? ['--gil'] : []),
        ...(params.idle ? ['--idle'] : []),
        '--pid',
        params.pid,
      ]);
      // A fresh 0600 file (mktemp: unguessable, created exclusively), removed however the
      // shell ends: at its end (EXIT trap), or, when the tab closes and SIGHUP ends the shell
      // and py-spy at once, by a watcher that outlives it (a HUP trap would wait for py-spy).
      // Ctrl-C is left to py-spy, which then writes what it has, shown as usual.
      return (
        `f=$(mktemp "\${TMPDIR:-/tmp}/workbench-record.XXXXXXXXXX") || exit 1; ` +
        `trap 'rm -f "$f"' EXIT; ` +
        `(trap '' HUP; while kill -0 $$ 2>/dev/null; do sleep 1; done; rm -f "$f") </dev/null >/dev/null 2>&1 & ` +
        `${PLAIN} ${record} -o "$f" && echo ${shellCommand([RECORD_DATA_MARKER])} && cat "$f"`
      );
    }
    case 'gdb-pybt':
      return `${PLAIN} ${shellCommand(['gdb', '-p', params.pid, '-batch', '-ex', 'thread apply all py-bt'])}`;
    case 'strace':
      return straceCommand(params, `|${BATCH_RELAY}`);
    case 'strace-summary':
      return `${PLAIN} ${shellCommand(['timeout', '-s', 'INT', params.seconds, 'strace', '-c', '-f', '-p', params.pid])}`;
    case 'ps':
      // `ww`: on a terminal ps cuts each line at its width, and "/usr/bin/pytho" is no Python.
      return `${PLAIN} ${shellCommand(params.threads ? ['ps', '-eLf', '-ww'] : ['ps', 'auxww'])}`;
    case 'ss':
      return `${PLAIN} ${shellCommand(['ss', '-tanp'])}`;
    case 'nginx-access':
    case 'nginx-error':
      return `${PLAIN} ${shellCommand(['tail', '-n', params.lines, '-F', params.path])}`;
  }
}

type StraceParams = Extract<CaptureParams, { recipe: 'strace' }>;

/**
 * The live strace capture's command, its trace written to `output` (strace's `-o`: a file, or
 * `|command` to pipe it); to strace's stderr, the terminal, when null. The capture pipes it
 * through a relay that sends it on in batches (see outputBatches.ts).
 */
export function straceCommand(params: StraceParams, output: string | null): string {
  return `${PLAIN} ${shellCommand([
    'strace',
    ...(params.followThreads ? ['-f'] : []),
    ...['-tt', '-T', '-s', params.stringLimit],
    // -p before -o: a command line cut to the width of a tab header still names the target.
    ...['-p', params.pid],
    ...(output === null ? [] : ['-o', output]),
  ])}`;
}

/** The process a capture attaches to or watches, if any. */
export function captureTarget(params: CaptureParams): number | null {
  return 'pid' in params ? params.pid : null;
}

/**
 * The params with the tool where preflight found it (py-spy in a venv), for the recipes that
 * take one. A path that fails the check is never used.
 */
export function withToolPath(params: CaptureParams, toolPath: string | null): CaptureParams {
  if (!toolPath || toolPathProblem(toolPath, 'py-spy') !== null) return params;
  switch (params.recipe) {
    case 'pyspy-dump':
    case 'pyspy-top':
    case 'pyspy-record':
      return params.tool ? params : { ...params, tool: toolPath };
    default:
      return params;
  }
}

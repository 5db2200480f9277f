/**
 * The capture registry: for each kind of tool output, its parser, the model its views read, how
 * pasted output is recognised as it, and what a snapshot of it keeps. Adding a tool is one entry
 * here, one parser and one view (the view table is typed by the same kinds).
 */
import { z } from 'zod';
import type { FlameModel, FlameStreamModel } from '../flame/flameModel';
import { StackTree } from '../flame/stackTree';
import { isStackTreeData } from '../flame/stackTreeData';
import { treeToCollapsed } from '../flame/stackTreeExport';
import { GdbPyBtParser } from '../parsers/gdb/index';
import {
  NginxAccessLogParser,
  NginxErrorLogParser,
  type AccessLogModel,
  type ErrorLogModel,
} from '../parsers/nginx/index';
import { PsStreamParser, type PsModel } from '../parsers/ps/index';
import {
  parsePySpyTopScreen,
  PyDumpParser,
  type PyDumpModel,
  type PySpyTopModel,
} from '../parsers/pyspy/index';
import { SsStreamParser, type SsModel } from '../parsers/ss/index';
import {
  STRACE_RECENT_SHOWN,
  StraceParser,
  StraceSummaryParser,
  type StraceModel,
  type StraceSummary,
} from '../parsers/strace/index';
import type { StreamParser } from '../parsers/streamParser';
import { TextParser, type TextModel } from '../parsers/text/textParser';
import { TopCaptureParser, TopScreenCapture, type TopModel } from '../parsers/top/topCapture';
import { parseTopText, type TopFrame } from '../parsers/top/index';
import type { CaptureParser } from './captureParser';
import { OUTPUT_SIGNATURES, type OutputSignature } from './outputSignatures';

/** Every kind, in the order pasted output is tested against their signatures (most specific first). */
export const PARSER_KINDS = [
  'pyspy-top-screen',
  'pyspy-dump',
  'gdb-pybt',
  'top',
  'strace-summary',
  'strace',
  'nginx-error',
  'nginx-access',
  'ss',
  'ps',
  'collapsed',
  'text',
] as const;
export type ParserKind = (typeof PARSER_KINDS)[number];

/** The model each kind's views read. */
export interface ModelByKind {
  'pyspy-top-screen': PySpyTopModel;
  'pyspy-dump': PyDumpModel;
  'gdb-pybt': PyDumpModel;
  top: TopModel;
  'strace-summary': StraceSummary | null;
  strace: StraceModel;
  'nginx-error': ErrorLogModel;
  'nginx-access': AccessLogModel;
  ss: SsModel;
  ps: PsModel;
  collapsed: FlameModel;
  text: TextModel;
}
export type ModelOf<K extends ParserKind> = ModelByKind[K];

/** What crosses from the parse worker: the model itself, except the flame graph's tree as arrays. */
export type PostedOf<K extends ParserKind> = K extends 'collapsed' ? FlameStreamModel : ModelOf<K>;

/** A model with its kind: narrowing on `parser` types `model`. */
export type KindedModel<K extends ParserKind = ParserKind> = {
  [P in K]: { parser: P; model: ModelOf<P> };
}[K];
export type KindedPosted<K extends ParserKind = ParserKind> = {
  [P in K]: { parser: P; model: PostedOf<P> };
}[K];

/** Settings a parser needs from the capture (e.g. the nginx log_format). */
export interface ParserOptions {
  logFormat?: string;
  /** Collapsed stacks from a paste: no recording marker to wait for. */
  ungated?: boolean;
  /** A full-screen tool typed by hand (interactive `top`): parse the emulated screen. */
  screen?: boolean;
  /** Pasted or opened text, not a live terminal: plain `\n` line ends, lines of any width. */
  savedText?: boolean;
  /** The bytes are a terminal recording (asciicast): its output, less the first `skipBytes`. */
  cast?: { skipBytes: number };
}

/** Parsers that need what only the parse worker has (a headless terminal, a tree builder). */
export interface ParserEnv {
  screen<M>(
    read: (lines: readonly string[]) => { model: M; unparsedLines: number },
    options: ParserOptions,
  ): StreamParser<M>;
  flame(options: ParserOptions): CaptureParser<FlameStreamModel>;
}

export interface CaptureKind<K extends ParserKind> {
  /** What the tool's output is called in the UI. */
  label: string;
  /** How pasted output is recognised as this kind. */
  signatures: readonly OutputSignature[];
  create(options: ParserOptions, env: ParserEnv): CaptureParser<PostedOf<K>>;
  /** A posted model as the UI keeps it; `previous` is the model it had. */
  receive(posted: PostedOf<K>, previous: ModelOf<K> | null): ModelOf<K>;
  /** What a snapshot of the capture keeps: JSON-safe data (a unit test round-trips each kind). */
  snapshot(model: ModelOf<K>): SnapshotOf<K>;
}

/** A flame graph is kept as collapsed stacks, its lossless, standard text form. */
export interface FlameSnapshot {
  progress: Omit<FlameModel['progress'], 'buildMs'>;
  stacks: number;
  collapsed: string | null;
}
export type SnapshotOf<K extends ParserKind> = K extends 'collapsed' ? FlameSnapshot : ModelOf<K>;

/** Most models are plain data already: posted as they are, kept as they are. */
const plain = <M>() => ({
  receive: (posted: M) => posted,
  snapshot: (model: M) => model,
});

/** Interactive top's screen: the frame the screen shows now. */
function topScreenFrame(lines: readonly string[]): {
  model: TopFrame | null;
  unparsedLines: number;
} {
  const { frames, unparsedLines } = parseTopText(lines.join('\n'));
  return { model: frames[frames.length - 1] ?? null, unparsedLines };
}

export const CAPTURE_KINDS: { readonly [K in ParserKind]: CaptureKind<K> } = {
  'pyspy-top-screen': {
    label: 'py-spy top',
    signatures: OUTPUT_SIGNATURES['pyspy-top-screen'],
    create: (options, env) => env.screen(parsePySpyTopScreen, options),
    ...plain<PySpyTopModel>(),
  },
  'pyspy-dump': {
    label: 'py-spy dump',
    signatures: OUTPUT_SIGNATURES['pyspy-dump'],
    create: () => new PyDumpParser(),
    ...plain<PyDumpModel>(),
  },
  'gdb-pybt': {
    label: 'gdb py-bt',
    signatures: OUTPUT_SIGNATURES['gdb-pybt'],
    create: () => new GdbPyBtParser(),
    ...plain<PyDumpModel>(),
  },
  top: {
    label: 'top',
    signatures: OUTPUT_SIGNATURES.top,
    create: (options, env) =>
      options.screen
        ? new TopScreenCapture(env.screen(topScreenFrame, options))
        : new TopCaptureParser(),
    ...plain<TopModel>(),
  },
  'strace-summary': {
    label: 'strace -c',
    signatures: OUTPUT_SIGNATURES['strace-summary'],
    create: () => new StraceSummaryParser(),
    ...plain<StraceSummary | null>(),
  },
  strace: {
    label: 'strace',
    signatures: OUTPUT_SIGNATURES.strace,
    create: () => new StraceParser({ recentEvents: STRACE_RECENT_SHOWN }),
    ...plain<StraceModel>(),
  },
  'nginx-error': {
    label: 'nginx error log',
    signatures: OUTPUT_SIGNATURES['nginx-error'],
    create: () => new NginxErrorLogParser(),
    ...plain<ErrorLogModel>(),
  },
  'nginx-access': {
    label: 'nginx access log',
    signatures: OUTPUT_SIGNATURES['nginx-access'],
    create: (options) =>
      new NginxAccessLogParser(options.logFormat ? { format: options.logFormat } : {}),
    ...plain<AccessLogModel>(),
  },
  ss: {
    label: 'ss',
    signatures: OUTPUT_SIGNATURES.ss,
    create: () => new SsStreamParser(),
    ...plain<SsModel>(),
  },
  ps: {
    label: 'ps',
    signatures: OUTPUT_SIGNATURES.ps,
    create: () => new PsStreamParser(),
    ...plain<PsModel>(),
  },
  // A terminal selection pinned as it is: never recognised from pasted output (no signatures).
  text: {
    label: 'terminal text',
    signatures: OUTPUT_SIGNATURES.text,
    create: () => new TextParser(),
    ...plain<TextModel>(),
  },
  collapsed: {
    label: 'collapsed stacks',
    signatures: OUTPUT_SIGNATURES.collapsed,
    create: (options, env) => env.flame(options),
    // The worker posts a tree only when it built one; the last one stays meanwhile. A preview
    // (a large profile's visible nodes) is kept beside it until the whole tree comes.
    receive: (posted, previous) => {
      const tree = posted.tree && isStackTreeData(posted.tree) ? posted.tree : null;
      if (tree && !posted.preview)
        return { progress: posted.progress, tree: StackTree.fromData(tree), stacks: posted.stacks };
      const preview = tree ? StackTree.fromData(tree) : previous?.preview;
      return {
        progress: posted.progress,
        tree: previous?.tree ?? null,
        // The stacks of what is shown: the last whole tree's while one is on screen.
        stacks: tree && !previous?.tree ? posted.stacks : (previous?.stacks ?? 0),
        ...(preview ? { preview } : {}),
      };
    },
    // The build time is the worker's, not the profile's: a snapshot keeps what was seen.
    snapshot: ({ progress: { buildMs: _buildMs, ...progress }, stacks, tree }) => ({
      progress,
      stacks,
      collapsed: tree ? treeToCollapsed(tree) : null,
    }),
  },
};

/** The registry entry of a kind, typed by it. */
export const captureKind = <K extends ParserKind>(kind: K): CaptureKind<K> => CAPTURE_KINDS[kind];

export const isParserKind = (value: string): value is ParserKind =>
  (PARSER_KINDS as readonly string[]).includes(value);

/** A capture's model at one moment, as JSON-safe data, with its kind. */
export type CaptureSnapshot<K extends ParserKind = ParserKind> = {
  [P in K]: {
    kind: P;
    /** When it was taken, ms since the epoch. */
    takenAt: number;
    /** Lines of the capture the parser did not understand, by then. */
    unparsedLines: number;
    data: SnapshotOf<P>;
  };
}[K];

/** The snapshot of a model of one kind. */
export function snapshotOf<K extends ParserKind>(
  kinded: { parser: K; model: ModelOf<K>; unparsedLines: number },
  takenAt: number,
): CaptureSnapshot<K> {
  const data = captureKind(kinded.parser).snapshot(kinded.model);
  return { kind: kinded.parser, takenAt, unparsedLines: kinded.unparsedLines, data };
}

/** Parser options as saved with a snapshot, read back from disk. */
export const ParserOptionsSchema = z
  .object({
    logFormat: z.string().max(4096).optional(),
    ungated: z.boolean().optional(),
    screen: z.boolean().optional(),
    savedText: z.boolean().optional(),
    cast: z.object({ skipBytes: z.number().int().min(0) }).optional(),
  })
  .strip();

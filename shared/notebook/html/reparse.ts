import {
  CAPTURE_KINDS,
  type KindedModel,
  type ParserEnv,
  type ParserKind,
  type ParserOptions,
} from '../../captures/captureKinds';
import type { CaptureParser } from '../../captures/captureParser';
import { MarkerSplit } from '../../captures/markerSplit';
import { RECORD_DATA_MARKER } from '../../captures/recipes';
import type { FlameStreamModel } from '../../flame/flameModel';
import { CollapsedStackParser, type StackSamples } from '../../parsers/collapsed/index';
import type { StreamParser } from '../../parsers/streamParser';

/**
 * A snapshot's model rebuilt from its raw text with the registry's parser for its kind, so the
 * report shows what the live view showed. Parsers are pure; what only the parse worker has is
 * replaced here: a flame graph's samples are read directly (no tree arrays), and a full-screen
 * tool (interactive top, py-spy top) needs a terminal emulator, so it gets none: the report
 * quotes its raw text instead.
 */
export type ReportModel =
  | Exclude<KindedModel, { parser: 'collapsed' | 'pyspy-top-screen' }>
  | { parser: 'collapsed'; model: StackSamples };

/** Thrown by the env's `screen` and caught below: screen kinds are quoted, not parsed. */
class NeedsScreen extends Error {}

const reportEnv: ParserEnv = {
  screen<M>(): StreamParser<M> {
    throw new NeedsScreen('a full-screen tool needs a terminal emulator');
  },
  flame(): CaptureParser<FlameStreamModel> {
    throw new NeedsScreen('flame graphs are read by collapsedSamples');
  },
};

/** Collapsed stacks of a recording or paste: after py-spy's marker line when one was printed. */
export function collapsedSamples(raw: string, options: ParserOptions): StackSamples {
  // The same splitter the live capture uses; with no marker in it, the text is all stacks.
  const split = new MarkerSplit(RECORD_DATA_MARKER).splitText(raw);
  const data = options.ungated || !raw.includes(RECORD_DATA_MARKER) ? raw : split.hidden;
  const parser = new CollapsedStackParser();
  parser.push(data);
  parser.end();
  return parser.snapshot();
}

/** What the snapshot's view kept of its parser's options (JSON), read field by field. */
export function parserOptionsOf(view: Readonly<Record<string, unknown>>): ParserOptions {
  const kept = view['parserOptions'];
  if (typeof kept !== 'object' || kept === null || Array.isArray(kept)) return {};
  const options: ParserOptions = {};
  const logFormat: unknown = Reflect.get(kept, 'logFormat');
  if (typeof logFormat === 'string') options.logFormat = logFormat;
  if (Reflect.get(kept, 'ungated') === true) options.ungated = true;
  if (Reflect.get(kept, 'screen') === true) options.screen = true;
  if (Reflect.get(kept, 'savedText') === true) options.savedText = true;
  return options;
}

function run<M>(parser: StreamParser<M>, raw: string): M {
  parser.push(raw);
  parser.end();
  return parser.snapshot();
}

/** The model of a snapshot's raw text; null when only a terminal emulator could read it. */
export function reparse(kind: ParserKind, raw: string, options: ParserOptions): ReportModel | null {
  const k = CAPTURE_KINDS;
  const env = reportEnv;
  try {
    switch (kind) {
      case 'collapsed':
        return { parser: kind, model: collapsedSamples(raw, options) };
      case 'pyspy-top-screen':
        return null;
      case 'top':
        return { parser: kind, model: run(k.top.create(options, env), raw) };
      case 'pyspy-dump':
        return { parser: kind, model: run(k[kind].create(options, env), raw) };
      case 'gdb-pybt':
        return { parser: kind, model: run(k[kind].create(options, env), raw) };
      case 'strace':
        return { parser: kind, model: run(k[kind].create(options, env), raw) };
      case 'strace-summary':
        return { parser: kind, model: run(k[kind].create(options, env), raw) };
      case 'nginx-access':
        return { parser: kind, model: run(k[kind].create(options, env), raw) };
      case 'nginx-error':
        return { parser: kind, model: run(k[kind].create(options, env), raw) };
      case 'ss':
        return { parser: kind, model: run(k[kind].create(options, env), raw) };
      case 'ps':
        return { parser: kind, model: run(k[kind].create(options, env), raw) };
      case 'text':
        return { parser: kind, model: run(k[kind].create(options, env), raw) };
    }
  } catch (error) {
    // Only the screen kinds' env throws (parsers never do): their raw text is quoted instead.
    if (error instanceof NeedsScreen) return null;
    throw error;
  }
}

import type { ParserKind } from '../../shared/captures/recipes';
import { GdbPyBtParser } from '../../shared/parsers/gdb/index';
import { NginxAccessLogParser, NginxErrorLogParser } from '../../shared/parsers/nginx/index';
import { PsStreamParser } from '../../shared/parsers/ps/index';
import { parsePySpyTopScreen, PyDumpParser } from '../../shared/parsers/pyspy/index';
import { SsStreamParser } from '../../shared/parsers/ss/index';
import { parseTopText } from '../../shared/parsers/top/index';
import { StraceParser, StraceSummaryParser } from '../../shared/parsers/strace/index';
import type { StreamParser } from '../../shared/parsers/streamParser';
import type { ParserOptions } from './parseProtocol';
import { ScreenParser, type ScreenOptions } from './screenParser';

/**
 * Factories of the live parsers other than top (read frame by frame) and collapsed stacks (a
 * FlameStream, which builds the flame-graph tree in the worker): each has a path of its own.
 */
const factories: Record<
  Exclude<ParserKind, 'top' | 'collapsed'>,
  (options: ParserOptions) => StreamParser<unknown>
> = {
  'pyspy-dump': () => new PyDumpParser(),
  'pyspy-top-screen': (options) => new ScreenParser(parsePySpyTopScreen, screenOptions(options)),
  'gdb-pybt': () => new GdbPyBtParser(),
  strace: () => new StraceParser(),
  'strace-summary': () => new StraceSummaryParser(),
  ps: () => new PsStreamParser(),
  ss: () => new SsStreamParser(),
  'nginx-access': (options) =>
    new NginxAccessLogParser(options.logFormat ? { format: options.logFormat } : {}),
  'nginx-error': () => new NginxErrorLogParser(),
};

/** Interactive top redraws its screen; the batch parser reads the emulated screen's lines. */
const topScreen = (options: ParserOptions) =>
  new ScreenParser((lines) => {
    const { frames, unparsedLines } = parseTopText(lines.join('\n'));
    return { model: frames[frames.length - 1] ?? null, unparsedLines };
  }, screenOptions(options));

function screenOptions(options: ParserOptions): ScreenOptions {
  return options.savedText ? { savedText: true } : {};
}

/** Null for batch top and collapsed stacks, which the worker reads on paths of their own. */
export function createParser(
  kind: ParserKind,
  options: ParserOptions = {},
): StreamParser<unknown> | null {
  if (kind === 'top') return options.screen ? topScreen(options) : null;
  if (kind === 'collapsed') return null;
  return factories[kind](options);
}

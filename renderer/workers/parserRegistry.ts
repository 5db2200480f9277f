import { RECORD_DATA_MARKER, type ParserKind } from '../../shared/captures/recipes';
import { CollapsedStackParser } from '../../shared/parsers/collapsed/index';
import { GdbPyBtParser } from '../../shared/parsers/gdb/index';
import { NginxAccessLogParser, NginxErrorLogParser } from '../../shared/parsers/nginx/index';
import { PsStreamParser } from '../../shared/parsers/ps/index';
import { parsePySpyTopScreen, PyDumpTextParser } from '../../shared/parsers/pyspy/index';
import { SsStreamParser } from '../../shared/parsers/ss/index';
import { parseTopText } from '../../shared/parsers/top/index';
import { StraceParser, StraceSummaryParser } from '../../shared/parsers/strace/index';
import type { StreamParser } from '../../shared/parsers/streamParser';
import { MarkerGate } from './markerGate';
import type { ParserOptions } from './parseProtocol';
import { ScreenParser } from './screenParser';

/** Factories of the live parsers other than top (which has its own frame-by-frame path). */
const factories: Record<
  Exclude<ParserKind, 'top'>,
  (options: ParserOptions) => StreamParser<unknown>
> = {
  'pyspy-dump': () => new PyDumpTextParser(),
  'pyspy-top-screen': () => new ScreenParser(parsePySpyTopScreen),
  collapsed: (options) =>
    options.ungated
      ? new CollapsedStackParser()
      : new MarkerGate(RECORD_DATA_MARKER, new CollapsedStackParser()),
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
const topScreen = () =>
  new ScreenParser((lines) => {
    const { frames, unparsedLines } = parseTopText(lines.join('\n'));
    return { model: frames[frames.length - 1] ?? null, unparsedLines };
  });

/** Null for batch top, which the worker reads frame by frame on its own path. */
export function createParser(
  kind: ParserKind,
  options: ParserOptions = {},
): StreamParser<unknown> | null {
  if (kind === 'top') return options.screen ? topScreen() : null;
  return factories[kind](options);
}

import { RECORD_DATA_MARKER, type ParserKind } from '../../shared/captures/recipes';
import { CollapsedStackParser } from '../../shared/parsers/collapsed/index';
import { GdbPyBtParser } from '../../shared/parsers/gdb/index';
import { NginxAccessLogParser, NginxErrorLogParser } from '../../shared/parsers/nginx/index';
import { PsStreamParser } from '../../shared/parsers/ps/index';
import { parsePySpyTopScreen, PyDumpTextParser } from '../../shared/parsers/pyspy/index';
import { SsStreamParser } from '../../shared/parsers/ss/index';
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
  collapsed: () => new MarkerGate(RECORD_DATA_MARKER, new CollapsedStackParser()),
  'gdb-pybt': () => new GdbPyBtParser(),
  strace: () => new StraceParser(),
  'strace-summary': () => new StraceSummaryParser(),
  ps: () => new PsStreamParser(),
  ss: () => new SsStreamParser(),
  'nginx-access': (options) =>
    new NginxAccessLogParser(options.logFormat ? { format: options.logFormat } : {}),
  'nginx-error': () => new NginxErrorLogParser(),
};

export function createParser(
  kind: ParserKind,
  options: ParserOptions = {},
): StreamParser<unknown> | null {
  return kind === 'top' ? null : factories[kind](options);
}

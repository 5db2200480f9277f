/**
 * The captures an Insights tab reads: every capture tab on its connection that targets its
 * process, plus the host-wide ones (`ss`, `ps`, a host `top`) as context, with their latest
 * models, as the diagnosis engine takes them. Pure: the tab's hooks pick the inputs.
 */
import { captureTarget, type CaptureParams } from '../../../shared/captures/recipes';
import type { CaptureSet, DiagnosisCapture } from '../../../shared/diagnosis';
import type { ParsedModel } from '../../state/modelsSlice';

/** A capture tab as far as insights read it. */
export interface InsightsSource {
  terminalId: string;
  connectionId: string;
  capture?: CaptureParams | undefined;
  startedAt: number;
  /** Set when the capture ended: what it has is all there is. */
  ended?: string | undefined;
}

/** Recipes that watch the whole host: they have no PID but tell about every process. */
const HOST_WIDE: ReadonlySet<CaptureParams['recipe']> = new Set(['ss', 'ps', 'host-overview']);

/** Whether a tab's capture says something about `pid` on `connectionId`. */
export function isInsightsSource(
  tab: InsightsSource,
  connectionId: string,
  pid: number,
): tab is InsightsSource & { capture: CaptureParams } {
  if (tab.connectionId !== connectionId || !tab.capture) return false;
  return HOST_WIDE.has(tab.capture.recipe) || captureTarget(tab.capture) === pid;
}

/** One capture with its model as the engine types it; null for kinds it reads no facts from. */
function diagnosisCaptureOf(
  tab: InsightsSource & { capture: CaptureParams },
  parsed: ParsedModel,
): DiagnosisCapture | null {
  const base = { id: tab.terminalId, startedAt: tab.startedAt };
  const params = tab.capture;
  switch (parsed.parser) {
    case 'top':
      // A live top's first screen measures CPU over no interval (its %CPU reads 0): wait for the
      // second. A pasted or finished listing is read as it is.
      if (parsed.model.framesSeen < 2 && !tab.ended) return null;
      return {
        ...base,
        kind: 'top',
        model: parsed.model,
        ...(params.recipe === 'threads' ? { threadsOf: params.pid } : {}),
      };
    case 'pyspy-dump':
      return {
        ...base,
        kind: 'pyspy-dump',
        model: parsed.model,
        everySeconds: params.recipe === 'pyspy-dump' ? params.everySeconds : null,
      };
    case 'gdb-pybt':
      return { ...base, kind: 'gdb-pybt', model: parsed.model };
    case 'pyspy-top-screen':
      return { ...base, kind: 'pyspy-top-screen', model: parsed.model };
    case 'strace':
      return { ...base, kind: 'strace', model: parsed.model };
    case 'strace-summary':
      // strace -c prints no duration: the recipe's time box gives the rate of its failures.
      return {
        ...base,
        kind: 'strace-summary',
        model: parsed.model,
        ...(params.recipe === 'strace-summary' ? { tracedSeconds: params.seconds } : {}),
      };
    case 'ss':
      return { ...base, kind: 'ss', model: parsed.model };
    case 'ps':
      return { ...base, kind: 'ps', model: parsed.model };
    case 'nginx-access':
      return { ...base, kind: 'nginx-access', model: parsed.model };
    case 'nginx-error':
      return { ...base, kind: 'nginx-error', model: parsed.model };
    case 'collapsed':
      return {
        ...base,
        kind: 'collapsed',
        model: parsed.model,
        ...(params.recipe === 'pyspy-record' ? { gilOnly: params.gil } : {}),
      };
    case 'text':
      return null;
  }
}

export interface CaptureSetInput {
  host: string;
  connectionId: string;
  pid: number;
  tabs: readonly InsightsSource[];
  /** Latest model by stream id (a capture tab's stream is its terminal id). */
  models: Readonly<Record<string, ParsedModel | undefined>>;
  cpuCount: number | null;
}

/** The CaptureSet of one process: its captures that have a model yet, oldest tab first. */
export function captureSetOf(input: CaptureSetInput): CaptureSet {
  const captures = input.tabs.flatMap((tab) => {
    if (!isInsightsSource(tab, input.connectionId, input.pid)) return [];
    const parsed = input.models[tab.terminalId];
    const capture = parsed ? diagnosisCaptureOf(tab, parsed) : null;
    return capture ? [capture] : [];
  });
  return {
    host: input.host,
    pid: input.pid,
    captures,
    ...(input.cpuCount !== null ? { cpuCount: input.cpuCount } : {}),
  };
}

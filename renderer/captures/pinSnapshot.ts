import type { KindedModel, ParserOptions } from '../../shared/captures/captureKinds';
import type { NewItem } from '../../shared/contract/index';
import type { ParsedModel } from '../state/modelsSlice';
import { knownCores, knownRecord } from '../state/hostsSlice';
import type { AppState } from '../state/store';
import type { Tab } from '../state/tabsSlice';
import { takeSnapshot } from './snapshot';
import { pastedInputs } from './pastedInputs';
import { feedOf } from './terminalFeeds';
import { TextParser } from '../../shared/parsers/text/textParser';

/** A JSON copy of plain data (the snapshot of a model): what the contract's JSON field takes. */
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
function toJson(value: unknown): Json {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = toJson(v);
    return out;
  }
  return null;
}

/** The host's clock when the model was taken, as the tool printed it, where it prints one. */
function hostTimeOf(parsed: KindedModel): string | null {
  if (parsed.parser === 'top') return parsed.model.frame?.summary.time ?? null;
  if (parsed.parser === 'strace') return parsed.model.lastTimeRaw;
  return null;
}

/** The text a stream's parser read (its last bytes for a long capture) and what was not kept. */
export interface RawOutput {
  text: string;
  droppedBytes: number;
}

/** What the parse stream of a tab read: a terminal's output, or the pasted text or file. */
export async function rawOutputOf(tab: Tab, streamId: string): Promise<RawOutput | null> {
  const pasted = pastedInputs.of(streamId);
  if (pasted) return { text: await pasted.read(), droppedBytes: 0 };
  const routed = feedOf(tab.terminalId)?.routedOutput();
  if (!routed || routed.bytes.length === 0) return null;
  const decoder = new TextDecoder('utf-8');
  const text =
    routed.bytes.map((b) => decoder.decode(b, { stream: true })).join('') + decoder.decode();
  return { text, droppedBytes: routed.droppedBytes };
}

/** What a snapshot of this tab's parse stream is: its stream, title and parser options. */
export interface PinTarget {
  tab: Tab;
  streamId: string;
  parsed: ParsedModel;
  options: ParserOptions;
}

/** Where a pin of this tab came from: host, process, command, and the moment in its log. */
function sourceOf(state: AppState, tab: Tab, now: number) {
  const connection = state.connections[tab.connectionId];
  const host = state.hosts.find((h) => h.id === connection?.hostId);
  const pid = tab.capture && 'pid' in tab.capture ? tab.capture.pid : (tab.recognised?.pid ?? null);
  const record = knownRecord(state, tab.connectionId);
  return {
    host: host ? `${host.label} (${host.user}@${host.host}:${host.port})` : 'no host (pasted)',
    pid,
    command: tab.command ?? null,
    log: tab.logPath
      ? {
          terminalId: tab.terminalId,
          path: tab.logPath,
          atSeconds: Math.max(0, (now - tab.startedAt) / 1000),
        }
      : null,
    ...(record ? { connection: record } : {}),
  };
}

/** The snapshot item of a tab's parsed view, now: model, raw output, source and times. */
export function snapshotItem(
  state: AppState,
  target: PinTarget,
  raw: { ref: string; bytes: number; droppedBytes: number } | null,
  now = Date.now(),
): Extract<NewItem, { type: 'snapshot' }> | null {
  const { tab, streamId, parsed, options } = target;
  const snapshot = takeSnapshot(streamId, now);
  if (!snapshot) return null;
  const pinnedAt = new Date(now).toISOString();
  return {
    type: 'snapshot',
    title: tab.recognised?.label ?? tab.title,
    eventAt: pinnedAt,
    pinnedAt,
    hostTime: hostTimeOf(parsed),
    source: sourceOf(state, tab, now),
    capture: {
      kind: snapshot.kind,
      unparsedLines: snapshot.unparsedLines,
      data: toJson(snapshot.data),
    },
    view: {
      parserOptions: toJson(options),
      cores: knownCores(state, tab.connectionId),
      ...(raw?.droppedBytes ? { rawDroppedBytes: raw.droppedBytes } : {}),
    },
    raw: raw ? { ref: raw.ref, bytes: raw.bytes } : null,
  };
}

/** A terminal selection pinned as it is: its lines are the model, the text its raw output. */
export function selectionItem(
  state: AppState,
  tab: Tab,
  text: string,
  raw: { ref: string; bytes: number },
  now = Date.now(),
): Extract<NewItem, { type: 'snapshot' }> {
  const parser = new TextParser();
  parser.push(text);
  parser.end();
  const pinnedAt = new Date(now).toISOString();
  return {
    type: 'snapshot',
    title: `selection · ${tab.title}`,
    eventAt: pinnedAt,
    pinnedAt,
    hostTime: null,
    source: sourceOf(state, tab, now),
    capture: { kind: 'text', unparsedLines: parser.unparsedLines, data: toJson(parser.snapshot()) },
    view: { parserOptions: {}, cores: knownCores(state, tab.connectionId) },
    raw,
  };
}

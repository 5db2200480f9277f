/**
 * Redaction of a whole export: one plan over every text the report is made of (title, notes,
 * items, the raw output of snapshots), so one value gets one placeholder in every file, then the
 * same input with each of those texts replaced. Ids and evidence names are left alone: they are
 * the app's own, and a report needs them to join items to their evidence.
 */
import { castForSharing, castTexts, writeCast } from '../captureLog/castLines';
import type { ConnectionRecord } from '../contract/connectionRecord';
import type { NotebookItem } from '../contract/notebook';
import {
  applyRedactions,
  PLACEHOLDER_PATTERN,
  findRedactions,
  type RedactionContext,
  type RedactionOptions,
  type RedactionPlan,
} from '../redaction';
import { text as htmlText } from './html/htmlText';
import { mdInline } from './markdownText';
import type { ReportInput } from './reportInput';

/** The JSON values a snapshot keeps (its model and view state). */
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function mapJson(value: Json, text: (s: string) => string): Json {
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.map((each) => mapJson(each, text));
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: Json } = {};
  for (const [key, each] of Object.entries(value)) out[text(key)] = mapJson(each, text);
  return out;
}

function mapRecord(record: ConnectionRecord, text: (s: string) => string): ConnectionRecord {
  return {
    ...record,
    hops: record.hops.map((hop) => ({
      address: text(hop.address),
      algorithm: text(hop.algorithm),
      fingerprint: text(hop.fingerprint),
    })),
    user: text(record.user),
    uname: record.uname === null ? null : text(record.uname),
  };
}

function mapItem(item: NotebookItem, text: (s: string) => string): NotebookItem {
  switch (item.type) {
    case 'finding':
      return { ...item, title: text(item.title), text: text(item.text) };
    case 'action':
      return {
        ...item,
        text: text(item.text),
        owner: item.owner === null ? null : text(item.owner),
      };
    case 'recording':
      return { ...item, title: text(item.title), host: text(item.host) };
    case 'snapshot': {
      const { source, capture } = item;
      const view: Record<string, Json> = {};
      for (const [key, each] of Object.entries(item.view)) view[text(key)] = mapJson(each, text);
      return {
        ...item,
        title: text(item.title),
        hostTime: item.hostTime === null ? null : text(item.hostTime),
        source: {
          ...source,
          host: text(source.host),
          command: source.command === null ? null : text(source.command),
          log: source.log === null ? null : { ...source.log, path: text(source.log.path) },
          ...(source.connection ? { connection: mapRecord(source.connection, text) } : {}),
        },
        capture: { ...capture, data: mapJson(capture.data, text) },
        view,
      };
    }
  }
}

/** Every text of one item: what it says, and the raw output or recording it names. */
export function itemTexts(input: ReportInput, item: NotebookItem): string[] {
  const texts: string[] = [];
  mapItem(item, (s) => {
    texts.push(s);
    return s;
  });
  if (item.type === 'snapshot' && item.raw) texts.push(input.evidence.get(item.raw.ref) ?? '');
  const cast = item.type === 'recording' ? input.recordings?.get(item.recording.ref) : undefined;
  if (cast !== undefined) texts.push(...castTexts(castForSharing(cast)));
  return texts;
}

/**
 * The plan with each value counted in `texts` only (its placeholders in them once redacted, so a
 * value seen only inside a longer one counts nothing): what the preview shows for a file of one
 * item. Values and placeholders stay those of the whole investigation, so a value keeps its
 * placeholder from one exported file to the next.
 */
export function scopePlan(plan: RedactionPlan, texts: readonly string[]): RedactionPlan {
  const counts = new Map<string, number>();
  for (const text of texts)
    for (const [placeholder] of applyRedactions(text, plan).matchAll(PLACEHOLDER_PATTERN))
      counts.set(placeholder, (counts.get(placeholder) ?? 0) + 1);
  return {
    ...plan,
    entries: plan.entries.map((entry) => ({ ...entry, count: counts.get(entry.placeholder) ?? 0 })),
  };
}

/** Every text of the report that could hold a sensitive value. */
export function reportTexts(input: ReportInput): string[] {
  const texts: string[] = [input.summary.title, input.notes];
  const collect = (s: string): string => {
    texts.push(s);
    return s;
  };
  for (const item of input.items) mapItem(item, collect);
  texts.push(...input.evidence.values());
  for (const cast of input.recordings?.values() ?? [])
    texts.push(...castTexts(castForSharing(cast)));
  return texts;
}

export function planReportRedaction(
  input: ReportInput,
  options: RedactionOptions,
  context: RedactionContext,
): RedactionPlan {
  return findRedactions(reportTexts(input), options, context);
}

/** The report input with every value of the plan replaced by its placeholder. */
export function redactReport(input: ReportInput, plan: RedactionPlan): ReportInput {
  if (plan.entries.length === 0) return input;
  const text = (s: string): string => applyRedactions(s, plan);
  const evidence = new Map<string, string>();
  for (const [ref, raw] of input.evidence) evidence.set(ref, text(raw));
  const recordings = new Map<string, string>();
  for (const [ref, cast] of input.recordings ?? [])
    recordings.set(ref, writeCast(castForSharing(cast), text));
  return {
    ...input,
    recordings,
    summary: { ...input.summary, title: text(input.summary.title) },
    notes: text(input.notes),
    items: input.items.map((item) => mapItem(item, text)),
    evidence,
  };
}

/** A short word-like value counts as left only as a whole word: `ops` is not left in `stops`. */
function appearsIn(output: string, form: string): boolean {
  if (form.length >= 8 || !/^\w.*\w$|^\w$/s.test(form)) return output.includes(form);
  const escaped = form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<!\\w)${escaped}(?!\\w)`).test(output);
}

/** A value as a JSON string holds it (speedscope and asciicast files are JSON). */
const jsonEscaped = (value: string): string => JSON.stringify(value).slice(1, -1);

/**
 * The plan's values still present in a finished file, as typed, HTML-, Markdown- or JSON-escaped: the
 * last check before a file leaves, so a report writer that reads a text redaction did not see is
 * caught.
 */
export function leftoverValues(output: string, plan: RedactionPlan): string[] {
  return plan.entries
    .map((entry) => entry.value)
    .filter((value) =>
      [...new Set([value, htmlText(value, Infinity), mdInline(value), jsonEscaped(value)])].some(
        (form) => appearsIn(output, form),
      ),
    );
}

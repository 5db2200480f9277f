import { EXPORT_FORMATS, type ExportKind } from '../../../shared/notebook/exportFormats';
import type { ReportInput } from '../../../shared/notebook/reportInput';
import type { RedactionContext, RedactionOptions, RedactionPlan } from '../../../shared/redaction';
import type { ExportRequest, ExportResult } from '../../workers/exportProtocol';
import { workbenchClient } from '../../state/client';
import { useAppStore } from '../../state/store';
import { download } from '../../ui/download';
import { readEvidence } from './evidence';

/** What an export holds: the open investigation, its notes as typed, its snapshots' raw output. */
export async function reportInput(notes: string): Promise<ReportInput | null> {
  const open = useAppStore.getState().investigation;
  if (!open) return null;
  // Big snapshot models are left out when an investigation opens: an export needs them whole.
  const deferred = new Set(open.deferred);
  const items = await Promise.all(
    open.items.map((item) =>
      deferred.has(item.id)
        ? workbenchClient().call('notebook.item', {
            investigationId: open.summary.id,
            itemId: item.id,
          })
        : item,
    ),
  );
  const evidence = new Map<string, string>();
  for (const item of items) {
    if (item.type !== 'snapshot' || !item.raw || evidence.has(item.raw.ref)) continue;
    evidence.set(item.raw.ref, await readEvidence(open.summary.id, item.raw.ref));
  }
  return { summary: open.summary, notes, items, evidence };
}

/** Logins every host has: naming them says nothing, and `root` is also a word reports use. */
const SYSTEM_USERS = new Set(['root']);

/**
 * What the app knows is sensitive even where no rule would see it: its hosts' addresses and
 * logins. Labels are the user's own words for a host and are left as they are.
 */
export function redactionContext(keep: readonly string[]): RedactionContext {
  const hosts = useAppStore.getState().hosts;
  return {
    hostNames: hosts.map((host) => host.host),
    userNames: hosts.map((host) => host.user).filter((user) => !SYSTEM_USERS.has(user)),
    keep,
  };
}

let worker: Worker | null = null;
let nextRequest = 1;
const pending = new Map<number, (result: ExportResult) => void>();

function exportWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('../../workers/export.worker.ts', import.meta.url), {
    type: 'module',
    name: 'export',
  });
  worker.onmessage = (event: MessageEvent<ExportResult>) => {
    pending.get(event.data.requestId)?.(event.data);
    pending.delete(event.data.requestId);
  };
  return worker;
}

/** One request of each kind, before it is numbered. */
type Request = ExportRequest extends infer R
  ? R extends unknown
    ? Omit<R, 'requestId'>
    : never
  : never;

function ask(request: Request): Promise<ExportResult> {
  const requestId = nextRequest++;
  return new Promise((resolve) => {
    pending.set(requestId, resolve);
    exportWorker().postMessage({ ...request, requestId });
  });
}

/** Every value redaction would replace, with its placeholder: what the preview lists. */
export async function planRedaction(
  input: ReportInput,
  options: RedactionOptions,
  context: RedactionContext,
  itemId: string | null = null,
): Promise<RedactionPlan> {
  const result = await ask({
    type: 'plan',
    input,
    options,
    context,
    ...(itemId ? { itemId } : {}),
  });
  if (result.type === 'error') throw new Error(result.message);
  if (result.type !== 'plan') throw new Error('the export worker answered out of turn');
  return result.plan;
}

/** Writes the chosen file (of one item, for an item's format) with the plan's values replaced. */
export async function exportRedacted(
  kind: ExportKind,
  input: ReportInput,
  plan: RedactionPlan,
  itemId?: string,
): Promise<void> {
  const result = await ask({ type: 'make', kind, input, plan, ...(itemId ? { itemId } : {}) });
  if (result.type === 'error') throw new Error(result.message);
  if (result.type !== 'make') throw new Error('the export worker answered out of turn');
  download(result.name, result.text, EXPORT_FORMATS[kind].type);
}

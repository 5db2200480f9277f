import { ParserOptionsSchema, type ParserOptions } from '../../../shared/captures/captureKinds';
import {
  type NewItem,
  type NotebookItem,
  type OpenInvestigation,
  type RecordingItem,
} from '../../../shared/contract/index';
import { parseStreams } from '../../captures/parseStreams';
import { pastedInputs } from '../../captures/pastedInputs';
import {
  rawOutputOf,
  selectionItem,
  snapshotItem,
  type PinTarget,
} from '../../captures/pinSnapshot';
import { selectionOf } from '../../captures/terminalSelections';
import { report, store, workbenchClient } from '../../state/client';
import { savedCoresId } from '../../state/hostsSlice';
import type { Tab } from '../../state/tabsSlice';
import { readEvidence, uploadEvidence } from './evidence';
import { notesAutosave } from './notesAutosave';

/** A new investigation is named by when it started, until the engineer renames it. */
const defaultTitle = (now = new Date()) =>
  `Investigation ${now.toLocaleDateString([], { year: 'numeric', month: '2-digit', day: '2-digit' })} ${now.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;

function opened(open: OpenInvestigation): OpenInvestigation {
  notesAutosave.start(open.summary.id, open.notes, open.readOnly === null);
  store().investigationOpened(open);
  return open;
}

/** The parser options a tab's stream was read with: a snapshot keeps them to read it again. */
function optionsOf(tab: Tab, streamId: string): ParserOptions {
  const pasted = pastedInputs.of(streamId);
  if (pasted) return pasted.options;
  if (tab.capture?.recipe === 'nginx-access' && tab.capture.logFormat)
    return { logFormat: tab.capture.logFormat };
  if (tab.recognised?.screen) return { screen: true };
  return {};
}

/** What P pins in a tab: the model of the parsed view it shows, if it has one yet. */
export function pinTargetOf(tab: Tab): PinTarget | null {
  const streamId = tab.recognised?.streamId ?? tab.terminalId;
  const parsed = store().models[streamId];
  if (!parsed) return null;
  return { tab, streamId, parsed, options: optionsOf(tab, streamId) };
}

/** The terminal's capture log, copied into the investigation up to now (the pin's moment). */
async function keepRecording(terminalId: string): Promise<void> {
  const current = store().investigation;
  if (!current) return;
  try {
    store().notebookItemSaved(
      await workbenchClient().call('notebook.keepRecording', {
        investigationId: current.summary.id,
        terminalId,
      }),
    );
  } catch (error) {
    report(error);
  }
}

export const notebookActions = {
  async list(): Promise<void> {
    try {
      store().libraryLoaded(await workbenchClient().call('notebook.list', {}));
    } catch (error) {
      report(error);
    }
  },

  async create(title = defaultTitle()): Promise<OpenInvestigation | null> {
    try {
      await notebookActions.closeCurrent();
      return opened(await workbenchClient().call('notebook.create', { title }));
    } catch (error) {
      report(error);
      return null;
    }
  },

  async open(investigationId: string): Promise<void> {
    try {
      await notebookActions.closeCurrent();
      opened(await workbenchClient().call('notebook.open', { investigationId }));
    } catch (error) {
      report(error);
    }
  },

  /** The sample investigation (seed 000, recorded from the lab with this app), opened. */
  async openSample(): Promise<void> {
    try {
      const sample = await workbenchClient().call('notebook.openSample', {});
      await notebookActions.open(sample.id);
      store().notebookToggled(true);
    } catch (error) {
      report(error);
    }
  },

  /** Saves what is typed, then lets the investigation go (its lock too). */
  async closeCurrent(): Promise<void> {
    const current = store().investigation;
    if (!current) return;
    await notesAutosave.flush();
    notesAutosave.stop();
    store().investigationClosed();
    await workbenchClient()
      .call('notebook.close', { investigationId: current.summary.id })
      .catch(() => undefined);
  },

  async rename(title: string): Promise<void> {
    const current = store().investigation;
    if (!current) return;
    try {
      const summary = await workbenchClient().call('notebook.rename', {
        investigationId: current.summary.id,
        title,
      });
      store().investigationOpened({ ...current, summary });
    } catch (error) {
      report(error);
    }
  },

  async trash(investigationId: string): Promise<void> {
    try {
      if (store().investigation?.summary.id === investigationId) {
        notesAutosave.stop();
        store().investigationClosed();
      }
      await workbenchClient().call('notebook.trash', { investigationId });
      await notebookActions.list();
    } catch (error) {
      report(error);
    }
  },

  /** The investigation in use if this page may write to it, starting one if there is none. */
  async writable(): Promise<OpenInvestigation | null> {
    const current = store().investigation ?? (await notebookActions.create());
    if (!current) return null;
    if (current.readOnly) {
      report(`This investigation is read-only here: ${current.readOnly}`);
      return null;
    }
    return current;
  },

  /** Adds an item to the investigation in use, starting one if there is none. */
  async add(item: NewItem): Promise<NotebookItem | null> {
    const current = await notebookActions.writable();
    if (!current) return null;
    try {
      const saved = await workbenchClient().call('notebook.addItem', {
        investigationId: current.summary.id,
        item,
      });
      store().notebookItemSaved(saved);
      return saved;
    } catch (error) {
      report(error);
      return null;
    }
  },

  async update(item: NotebookItem): Promise<void> {
    const current = store().investigation;
    if (!current) return;
    try {
      store().notebookItemSaved(
        await workbenchClient().call('notebook.updateItem', {
          investigationId: current.summary.id,
          item,
        }),
      );
    } catch (error) {
      report(error);
    }
  },

  async remove(itemId: string): Promise<void> {
    const current = store().investigation;
    if (!current) return;
    try {
      await workbenchClient().call('notebook.removeItem', {
        investigationId: current.summary.id,
        itemId,
      });
      store().notebookItemRemoved(itemId);
    } catch (error) {
      report(error);
    }
  },

  /**
   * P (Ctrl+Shift+P inside a terminal): the active tab's terminal selection if it has one, else
   * its parsed view, pinned with its raw output, source and times.
   */
  async pinActive(): Promise<void> {
    const state = store();
    const tab = state.tabs.find((t) => t.terminalId === state.activeTabId);
    const selected = tab ? selectionOf(tab.terminalId) : '';
    if (tab && selected.trim()) return notebookActions.pinSelection(tab, selected);
    const target = tab ? pinTargetOf(tab) : null;
    if (!target) {
      state.noticeRaised('info', 'Nothing to pin here yet: no parsed view has a model.');
      return;
    }
    const investigation = await notebookActions.writable();
    if (!investigation) return;
    // The model is taken when P is pressed; its raw output follows in the background.
    const now = Date.now();
    const output = await rawOutputOf(target.tab, target.streamId);
    const uploaded = output
      ? await uploadEvidence(investigation.summary.id, output.text).catch((error: unknown) => {
          report(error);
          return null;
        })
      : null;
    const raw = uploaded && output ? { ...uploaded, droppedBytes: output.droppedBytes } : null;
    const item = snapshotItem(store(), target, raw, now);
    if (!item) return;
    const saved = await notebookActions.add(item);
    if (!saved) return;
    state.noticeRaised('info', `Pinned “${item.title}” to the notebook.`);
    if (item.source.log?.terminalId) await keepRecording(item.source.log.terminalId);
  },

  /** A terminal's selected text, pinned as a snapshot of its own (and the terminal's recording). */
  async pinSelection(tab: Tab, text: string): Promise<void> {
    const investigation = await notebookActions.writable();
    if (!investigation) return;
    const now = Date.now();
    const raw = await uploadEvidence(investigation.summary.id, text).catch((error: unknown) => {
      report(error);
      return null;
    });
    if (!raw) return;
    const item = selectionItem(store(), tab, text, raw, now);
    const saved = await notebookActions.add(item);
    if (!saved) return;
    const lines = text.split('\n').length;
    store().noticeRaised('info', `Pinned ${lines} selected line(s) from “${tab.title}”.`);
    if (item.source.log?.terminalId) await keepRecording(item.source.log.terminalId);
  },

  /** Opens a recording in a player tab of its own, at a moment of it if one is given. */
  showRecording(item: RecordingItem, at?: number): void {
    const tabId = `rec-${item.id}${at === undefined ? '' : `-${at.toFixed(1)}`}`;
    if (store().tabs.some((t) => t.terminalId === tabId)) return store().tabActivated(tabId);
    store().tabOpened({
      terminalId: tabId,
      connectionId: '',
      title: `recording · ${item.title}`,
      replay: { itemId: item.id, ...(at === undefined ? {} : { at }) },
    });
  },

  /** Opens a snapshot in a tab of its own, its view rebuilt from the raw output it kept. */
  async showSnapshot(item: Extract<NotebookItem, { type: 'snapshot' }>): Promise<void> {
    const current = store().investigation;
    if (!current) return;
    const streamId = `snap-${item.id}`;
    if (store().tabs.some((t) => t.terminalId === streamId)) {
      store().tabActivated(streamId);
      return;
    }
    const options = ParserOptionsSchema.safeParse(item.view['parserOptions'] ?? {});
    const dropped = item.view['rawDroppedBytes'];
    const cores = item.view['cores'];
    const coresId = savedCoresId(streamId);
    if (typeof cores === 'number' && cores > 0) store().coresRecorded(coresId, cores);
    store().tabOpened({
      terminalId: streamId,
      connectionId: coresId,
      title: `snapshot · ${item.title}`,
      pasted: { parser: item.capture.kind, label: item.title },
      pinned: {
        itemId: item.id,
        pinnedAt: item.pinnedAt,
        source: [item.source.host, item.source.pid ? `PID ${item.source.pid}` : null]
          .filter(Boolean)
          .join(' · '),
        hostTime: item.hostTime,
        pid: item.source.pid,
        cores: typeof cores === 'number' ? cores : null,
        ...(item.source.log?.terminalId
          ? {
              moment: {
                terminalId: item.source.log.terminalId,
                atSeconds: item.source.log.atSeconds,
              },
            }
          : {}),
        note:
          typeof dropped === 'number' && dropped > 0
            ? `Rebuilt from the last ${(item.raw?.bytes ?? 0).toLocaleString()} bytes of output; ${dropped.toLocaleString()} earlier bytes are in the capture log.`
            : item.raw
              ? null
              : 'No raw output was kept with this snapshot: its view cannot be rebuilt.',
      },
    });
    if (!item.raw) return;
    try {
      const text = await readEvidence(current.summary.id, item.raw.ref);
      const parserOptions = options.success ? options.data : {};
      pastedInputs.keep(streamId, { read: () => Promise.resolve(text), options: parserOptions });
      parseStreams.parseText(streamId, item.capture.kind, text, parserOptions);
    } catch (error) {
      report(error);
    }
  },
};

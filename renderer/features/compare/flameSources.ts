import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { dumpsToSamples } from '../../../shared/flame/fromDumps';
import { StackTree } from '../../../shared/flame/stackTree';
import type { PyDumpModel } from '../../../shared/parsers/pyspy/dumpModel';
import type { ParsedModel } from '../../state/modelsSlice';
import { useAppStore } from '../../state/store';
import type { Tab } from '../../state/tabsSlice';

/** A flame graph the app holds: a recording, a pasted profile, or the aggregate of dumps. */
export interface FlameSource {
  /** The parse stream's id. */
  id: string;
  label: string;
  startedAt: number;
  /** The tree now (built on first use for dumps, then cached per model). */
  tree(): StackTree | null;
}

const dumpTrees = new WeakMap<PyDumpModel, StackTree>();

/** The flame graph of periodic dumps: every busy thread of every dump is one sample. */
export function treeOfDumps(model: PyDumpModel): StackTree {
  let tree = dumpTrees.get(model);
  if (!tree) {
    tree = StackTree.fromSamples(dumpsToSamples(model.dumps));
    dumpTrees.set(model, tree);
  }
  return tree;
}

const clock = (ms: number): string =>
  new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Every stream of `tabs` whose model can be drawn as a flame graph with samples in it. */
export function listFlameSources(
  tabs: readonly Tab[],
  models: Readonly<Record<string, ParsedModel>>,
): FlameSource[] {
  const sources: FlameSource[] = [];
  for (const tab of tabs) {
    const id = tab.recognised?.streamId ?? tab.terminalId;
    const parsed = models[id];
    if (!parsed) continue;
    const label = `${tab.recognised?.label ?? tab.title} · ${clock(tab.startedAt)}`;
    if (parsed.parser === 'collapsed') {
      const tree = parsed.model.tree;
      if (tree && tree.totalWeight > 0)
        sources.push({ id, label, startedAt: tab.startedAt, tree: () => tree });
    } else if (parsed.parser === 'pyspy-dump' || parsed.parser === 'gdb-pybt') {
      const model = parsed.model;
      if (model.dumps.length > 0)
        sources.push({
          id,
          label: `${label} (${model.dumps.length} dump${model.dumps.length === 1 ? '' : 's'})`,
          startedAt: tab.startedAt,
          tree: () => treeOfDumps(model),
        });
    }
  }
  return sources;
}

const FLAME_PARSERS = new Set(['collapsed', 'pyspy-dump', 'gdb-pybt']);

/**
 * The flame sources, re-rendering only when a tab or a flame-capable model changes: a strace
 * capture in another tab updates its model five times a second, which must not redraw graphs.
 */
export function useFlameSources(): FlameSource[] {
  const parts = useAppStore(
    useShallow((s) => {
      // Tabs and models side by side, flat: useShallow compares them one by one.
      const picked: (Tab | ParsedModel)[] = [];
      for (const tab of s.tabs) {
        const parsed = s.models[tab.recognised?.streamId ?? tab.terminalId];
        if (parsed && FLAME_PARSERS.has(parsed.parser)) picked.push(tab, parsed);
      }
      return picked;
    }),
  );
  return useMemo(() => {
    const tabs: Tab[] = [];
    const models: Record<string, ParsedModel> = {};
    for (let i = 0; i + 1 < parts.length; i += 2) {
      const tab = parts[i];
      const parsed = parts[i + 1];
      if (!tab || !parsed || !('terminalId' in tab) || 'terminalId' in parsed) continue;
      tabs.push(tab);
      models[tab.recognised?.streamId ?? tab.terminalId] = parsed;
    }
    return listFlameSources(tabs, models);
  }, [parts]);
}

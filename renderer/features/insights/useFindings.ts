/**
 * The findings of one process, live: recomputed when one of its capture tabs or their models
 * change, never on unrelated store updates (the selectors keep their results' identities).
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { diagnose, type DiagnosisCapture, type Finding } from '../../../shared/diagnosis';
import { hostLabel, knownCores } from '../../state/hostsSlice';
import { useAppStore } from '../../state/store';
import type { Tab } from '../../state/tabsSlice';
import { captureSetOf, isInsightsSource } from './captureSetOf';

export interface LiveFindings {
  findings: Finding[];
  /** The capture tabs read, with whether each has a model yet. */
  sources: { tab: Tab; parsed: boolean }[];
  host: string;
  /** The captures the findings were drawn from (evidence links name what they point at). */
  captures: readonly DiagnosisCapture[];
}

export function useFindings(connectionId: string, pid: number): LiveFindings {
  const tabs = useAppStore(
    useShallow((s) => s.tabs.filter((t) => isInsightsSource(t, connectionId, pid))),
  );
  const models = useAppStore(useShallow((s) => tabs.map((t) => s.models[t.terminalId])));
  const cpuCount = useAppStore((s) => knownCores(s, connectionId));
  const host = useAppStore((s) =>
    hostLabel(s.hosts, s.hostOfConnection[connectionId], connectionId),
  );
  return useMemo(() => {
    const byId = Object.fromEntries(tabs.map((t, i) => [t.terminalId, models[i]]));
    const set = captureSetOf({ host, connectionId, pid, tabs, models: byId, cpuCount });
    return {
      findings: diagnose(set),
      sources: tabs.map((tab, i) => ({ tab, parsed: models[i] !== undefined })),
      host,
      captures: set.captures,
    };
  }, [tabs, models, cpuCount, host, connectionId, pid]);
}

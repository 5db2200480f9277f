import type { StateCreator } from 'zustand';
import type {
  ConnectionInfo,
  ConnectionRecord,
  HostProfile,
  Prompt,
} from '../../shared/contract/index';
import type { AppState } from './store';

export interface HostsSlice {
  hosts: HostProfile[];
  connections: Record<string, ConnectionInfo>;
  /** Each connection's cores as last known: views of a dropped connection keep showing them. */
  coresSeen: Record<string, number>;
  /** Each connection's record (host keys, uname, clock), kept after it drops for later pins. */
  recordsSeen: Record<string, ConnectionRecord>;
  /** The last failure per host, kept until the next attempt so the cause stays on screen. */
  failures: Record<string, string>;
  /** The host of every connection seen, kept after it ends: a tab names its host. */
  hostOfConnection: Record<string, string>;
  prompts: Prompt[];
  hostsLoaded(hosts: HostProfile[]): void;
  hostSaved(host: HostProfile): void;
  hostRemoved(hostId: string): void;
  connectionChanged(info: ConnectionInfo): void;
  /** The connections the Node side has open when this page loads (a reload keeps them). */
  connectionsLoaded(infos: ConnectionInfo[]): void;
  connectFailed(hostId: string, message: string): void;
  /** Cores known from elsewhere than a connection (a snapshot saved them). */
  coresRecorded(id: string, cores: number): void;
  promptShown(prompt: Prompt): void;
  promptClosed(promptId: string): void;
}

export const createHostsSlice: StateCreator<AppState, [], [], HostsSlice> = (set) => ({
  hosts: [],
  connections: {},
  coresSeen: {},
  recordsSeen: {},
  failures: {},
  hostOfConnection: {},
  prompts: [],
  hostsLoaded: (hosts) => set({ hosts }),
  coresRecorded: (id, cores) => set((s) => ({ coresSeen: { ...s.coresSeen, [id]: cores } })),
  hostSaved: (host) => set((s) => ({ hosts: [...s.hosts.filter((h) => h.id !== host.id), host] })),
  hostRemoved: (hostId) => set((s) => ({ hosts: s.hosts.filter((h) => h.id !== hostId) })),
  connectionChanged: (info) =>
    set((s) => {
      const connections = { ...s.connections };
      if (info.state === 'closed' || info.state === 'failed') delete connections[info.connectionId];
      else connections[info.connectionId] = info;
      const failures = { ...s.failures };
      if (info.state === 'connecting') delete failures[info.hostId];
      if (info.state === 'failed' && info.message) failures[info.hostId] = info.message;
      const coresSeen = info.cores
        ? { ...s.coresSeen, [info.connectionId]: info.cores }
        : s.coresSeen;
      const hostOfConnection =
        s.hostOfConnection[info.connectionId] === info.hostId
          ? s.hostOfConnection
          : { ...s.hostOfConnection, [info.connectionId]: info.hostId };
      const recordsSeen = info.record
        ? { ...s.recordsSeen, [info.connectionId]: info.record }
        : s.recordsSeen;
      return { connections, failures, coresSeen, hostOfConnection, recordsSeen };
    }),
  connectionsLoaded: (infos) =>
    set((s) => ({
      // Replies and events share one ordered channel: the list is newer than what came before.
      connections: {
        ...s.connections,
        ...Object.fromEntries(infos.map((info) => [info.connectionId, info])),
      },
      hostOfConnection: {
        ...s.hostOfConnection,
        ...Object.fromEntries(infos.map((info) => [info.connectionId, info.hostId])),
      },
      recordsSeen: {
        ...s.recordsSeen,
        ...Object.fromEntries(
          infos.flatMap((info) => (info.record ? [[info.connectionId, info.record]] : [])),
        ),
      },
    })),
  connectFailed: (hostId, message) =>
    set((s) => ({ failures: { ...s.failures, [hostId]: message } })),
  promptShown: (prompt) => set((s) => ({ prompts: [...s.prompts, prompt] })),
  promptClosed: (promptId) =>
    set((s) => ({ prompts: s.prompts.filter((p) => p.promptId !== promptId) })),
});

/** The host's cores for a connection: live, or the last known value after it dropped. */
export function knownCores(state: HostsSlice, connectionId: string): number | null {
  return state.connections[connectionId]?.cores ?? state.coresSeen[connectionId] ?? null;
}

/** What a connection was connected to: live, or as last known after it dropped. */
export function knownRecord(state: HostsSlice, connectionId: string): ConnectionRecord | null {
  return state.connections[connectionId]?.record ?? state.recordsSeen[connectionId] ?? null;
}

/** The label of the saved host `hostId`, or `fallback` when no saved host has that id. */
export function hostLabel(
  hosts: readonly HostProfile[],
  hostId: string | undefined,
  fallback: string,
): string {
  return hosts.find((h) => h.id === hostId)?.label ?? fallback;
}

/** A tab not on a live connection (a snapshot reopened) names its cores with this id. */
export const savedCoresId = (tabId: string): string => `saved:${tabId}`;

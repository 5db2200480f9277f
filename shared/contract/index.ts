import type { z } from 'zod';
import { appTabsRequests } from './appTabs';
import { captureRequests } from './capture';
import { hostsRequests } from './hosts';
import { notebookRequests } from './notebook';
import { processesRequests } from './processes';
import { sshEvents, sshRequests } from './ssh';
import { terminalEvents, terminalRequests } from './terminal';

/** Every request the renderer may make: one schema for what goes in, one for what comes back. */
export const requests = {
  ...hostsRequests,
  ...sshRequests,
  ...terminalRequests,
  ...captureRequests,
  ...processesRequests,
  ...notebookRequests,
  ...appTabsRequests,
} as const;

/** Every event the Node side may push to the renderer. */
export const events = { ...sshEvents, ...terminalEvents } as const;

export type RequestName = keyof typeof requests;
export type EventName = keyof typeof events;
export type RequestInput<M extends RequestName> = z.input<(typeof requests)[M]['input']>;
export type RequestArgs<M extends RequestName> = z.output<(typeof requests)[M]['input']>;
export type RequestOutput<M extends RequestName> = z.output<(typeof requests)[M]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** What the Node side implements: one async handler per request. */
export type WorkbenchHandlers = {
  [M in RequestName]: (args: RequestArgs<M>) => Promise<RequestOutput<M>>;
};

/** An error as it crosses the boundary: only data, never a stack. */
export interface WireError {
  name: string;
  message: string;
}

export const isRequestName = (name: unknown): name is RequestName =>
  typeof name === 'string' && Object.hasOwn(requests, name);
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.hasOwn(events, name);

export * from './appTabs';
export * from './capture';
export * from './channels';
export * from './connectionRecord';
export * from './hosts';
export * from './notebook';
export * from './processes';
export * from './ssh';
export * from './terminal';

/**
 * The app's own tabs built over live terminals (a fleet, insights), as the Node side keeps them
 * with the terminals, so that a page that comes back (a reload, a renderer crash) shows them again.
 */
import { z } from 'zod';
import { FLEET_RECIPES } from '../fleet/fleetFigures';
import { ConnectionId } from './ssh';
import { TerminalId } from './terminal';

/** How many such tabs one page may have kept: more than anyone opens in an incident. */
export const MAX_KEPT_APP_TABS = 64;

const Text = z.string().max(500);
const Pid = z.number().int().min(1);

const KeptTab = {
  /** The tab's id in the page (`fleet-…`, `insights:…`). */
  tabId: z.string().min(1).max(200),
  title: Text,
  startedAt: z.number().int().min(0),
};

export const KeptFleetMember = z.object({
  connectionId: ConnectionId,
  hostLabel: Text,
  terminalId: TerminalId.nullable(),
  pid: Pid.nullable(),
  resolution: Text,
  error: z.string().max(4096).optional(),
});

export const KeptAppTab = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('fleet'),
    ...KeptTab,
    fleet: z.object({
      recipe: z.enum(FLEET_RECIPES),
      seconds: z.number().positive().max(86_400).nullable(),
      members: z.array(KeptFleetMember).min(1).max(64),
    }),
  }),
  z.object({ kind: z.literal('insights'), ...KeptTab, connectionId: ConnectionId, pid: Pid }),
]);
export type KeptAppTab = z.infer<typeof KeptAppTab>;

export const appTabsRequests = {
  /** The asking page's fleet and insights tabs now (all of them: it replaces what was kept). */
  'appTabs.keep': {
    input: z.object({ tabs: z.array(KeptAppTab).max(MAX_KEPT_APP_TABS) }),
    output: z.object({ kept: z.number().int().min(0) }),
  },
  /** The tabs kept for pages that are gone, taken over by the asking page (as terminal.reattach). */
  'appTabs.reattach': { input: z.object({}), output: z.array(KeptAppTab) },
} as const;

import { hostActions } from './hostActions';
import { terminalActions } from './terminalActions';

/** Everything the UI asks of the Node side, by domain (hostActions.ts, terminalActions.ts). */
export const actions = { ...hostActions, ...terminalActions };

import type { ConnectionInfo } from '../../../shared/contract/index';

/**
 * A host's state in words, as the side list shows it: `connecting…`, `connected`,
 * `reconnecting (attempt 3, next try in 4 s)` or `reconnecting (attempt 3, trying now…)`.
 * `now` is the clock of the page (ms since the epoch).
 */
export function hostStateText(info: ConnectionInfo, now: number): string {
  switch (info.state) {
    case 'connecting':
      return 'connecting…';
    case 'connected':
      return 'connected';
    case 'reconnecting': {
      const reconnect = info.reconnect;
      if (!reconnect) return 'reconnecting…';
      const when =
        reconnect.nextTryAt === null
          ? 'trying now…'
          : `next try in ${Math.max(0, Math.ceil((reconnect.nextTryAt - now) / 1000))} s`;
      return `reconnecting (attempt ${reconnect.attempt}, ${when})`;
    }
    case 'failed':
      return 'failed';
    case 'closed':
      return 'disconnected';
  }
}

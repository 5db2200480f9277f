import { useEffect, useState } from 'react';
import type { ProcessRow } from '../../../shared/contract/index';
import { workbenchClient } from '../../state/client';

export type ProcessList = { rows: ProcessRow[] } | { error: string } | 'loading';

/**
 * Each host's process list (`processes.list`: ps over SSH, no shell of ours), fetched once per
 * host and again on `reload`; patterns are matched against it locally as the user types.
 */
export function useProcessLists(connectionIds: readonly string[]): {
  lists: Record<string, ProcessList>;
  reload(): void;
} {
  const [lists, setLists] = useState<Record<string, ProcessList>>({});
  const [round, setRound] = useState(0);
  const key = connectionIds.join(' ');
  useEffect(() => {
    let current = true;
    for (const connectionId of key.split(' ').filter(Boolean)) {
      setLists((old) => ({ ...old, [connectionId]: 'loading' }));
      workbenchClient()
        .call('processes.list', { connectionId })
        .then(
          (result): ProcessList => ({ rows: result.rows }),
          (e: unknown): ProcessList => ({ error: e instanceof Error ? e.message : String(e) }),
        )
        .then((list) => {
          if (current) setLists((old) => ({ ...old, [connectionId]: list }));
        });
    }
    return () => {
      current = false;
    };
  }, [key, round]);
  return { lists, reload: () => setRound((r) => r + 1) };
}

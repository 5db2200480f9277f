import { useEffect, useState } from 'react';
import type { ConnectionInfo } from '../../../shared/contract/index';
import { clockTime } from '../../../shared/captureLog/gapMarker';
import { actions } from '../../state/actions';
import { hostStateText } from './hostStateText';

/** The page's clock, ticking once a second while `running`: the countdown to the next try. */
function useSecondTicks(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}

/**
 * A connection's state under its host in the side list; while reconnecting, why it dropped,
 * the last attempt's error, and the user's two choices: try now, or stop.
 */
export function HostState({ connection }: { connection: ConnectionInfo }) {
  const reconnecting = connection.state === 'reconnecting';
  const now = useSecondTicks(reconnecting);
  const reconnect = connection.reconnect;
  return (
    <div className={`host-state state-${connection.state}`}>
      <span aria-label="Connection state" role="status">
        {hostStateText(connection, now)}
      </span>
      {reconnecting && (
        <>
          {reconnect && (
            <span className="quiet host-state-why">
              lost at {clockTime(reconnect.lostAt)}: {connection.message}
              {reconnect.lastError ? ` Last try: ${reconnect.lastError}` : ''}
            </span>
          )}
          <span className="host-state-actions">
            <button
              type="button"
              disabled={reconnect?.nextTryAt === null}
              onClick={() => void actions.reconnectNow(connection.connectionId)}
            >
              Reconnect now
            </button>
            <button
              type="button"
              onClick={() => void actions.cancelReconnect(connection.connectionId)}
            >
              Stop reconnecting
            </button>
          </span>
        </>
      )}
    </div>
  );
}

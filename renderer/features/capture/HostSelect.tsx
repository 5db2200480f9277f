import { useShallow } from 'zustand/react/shallow';
import type { ConnectionInfo } from '../../../shared/contract/index';
import { hostLabel } from '../../state/hostsSlice';
import { useAppStore } from '../../state/store';

/** The connections that are up (each element the store's own object, so shallow-equal). */
export const useConnected = (): ConnectionInfo[] =>
  useAppStore(
    useShallow((s) => Object.values(s.connections).filter((c) => c.state === 'connected')),
  );

/** Which connected host a dialog acts on. */
export function HostSelect({
  value,
  onChange,
}: {
  value: string;
  onChange(connectionId: string): void;
}) {
  const connections = useConnected();
  const hosts = useAppStore((s) => s.hosts);
  return (
    <label>
      Host
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {connections.map((c) => (
          <option key={c.connectionId} value={c.connectionId}>
            {hostLabel(hosts, c.hostId, c.hostId)}
          </option>
        ))}
      </select>
    </label>
  );
}

import './hosts.css';
import { notebookActions } from '../notebook/notebookActions';
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { connectionRecordText } from '../../../shared/connection/recordText';
import { isProductionTag, type HostProfile } from '../../../shared/contract/index';
import { actions } from '../../state/actions';
import { hostLabel } from '../../state/hostsSlice';
import { useAppStore } from '../../state/store';
import { AddHostForm } from './AddHostForm';
import { HostState } from './HostState';
import { ImportSshConfig } from './ImportSshConfig';
import { resolverTag, resolverText } from './sshConfigResolver';

/** `via user@a:22 → user@b:2200`, the jump chain as the profile names it. */
function jumpChainText(host: HostProfile, hosts: HostProfile[]): string | null {
  if (!host.jump) return null;
  const names = host.jump.map((hop) => {
    if ('hostId' in hop) return hostLabel(hosts, hop.hostId, hop.hostId);
    return `${hop.user}@${hop.host}:${hop.port}`;
  });
  return `via ${names.join(' → ')}`;
}

/** Hosts by group, in the order they were saved; the ungrouped first, groups by name. */
function groupsOf(hosts: HostProfile[]): { group: string; members: HostProfile[] }[] {
  const byGroup = new Map<string, HostProfile[]>();
  for (const host of hosts) {
    const group = host.group?.trim() ?? '';
    byGroup.set(group, [...(byGroup.get(group) ?? []), host]);
  }
  return [...byGroup]
    .sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)))
    .map(([group, members]) => ({ group, members }));
}

function HostRow({ host, onEdit }: { host: HostProfile; onEdit(): void }) {
  const connection = useAppStore(
    useShallow((s) => Object.values(s.connections).find((c) => c.hostId === host.id)),
  );
  const failure = useAppStore((s) => s.failures[host.id]);
  const chain = useAppStore((s) => jumpChainText(host, s.hosts));
  const state = connection?.state ?? (failure ? 'failed' : 'idle');

  return (
    <li className={`host host-${state}`} aria-label={`Host ${host.label}`}>
      <div className="host-line">
        <span className={`dot dot-${state}`} aria-hidden />
        <div className="host-names">
          <span className="host-label">{host.label}</span>
          {(host.tags ?? []).length > 0 && (
            <span className="host-tags" aria-label="Tags">
              {(host.tags ?? []).map((tag) => (
                <span key={tag} className={`host-tag ${isProductionTag(tag) ? 'prod' : ''}`}>
                  {tag}
                </span>
              ))}
            </span>
          )}
          <span className="host-address mono">
            {host.user}@{host.host}:{host.port}
          </span>
          {chain && (
            <span className="host-address mono" aria-label="Jump hosts" title={chain}>
              {chain}
            </span>
          )}
          {host.sshAlias && (
            <span className="quiet" title={resolverText(host.sshAliasResolver ?? 'ssh -G')}>
              ~/.ssh/config: {host.sshAlias} ({resolverTag(host.sshAliasResolver)})
            </span>
          )}
        </div>
        {connection?.state === 'connected' || connection?.state === 'reconnecting' ? (
          <button type="button" onClick={() => void actions.disconnect(connection.connectionId)}>
            Disconnect
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            disabled={state === 'connecting'}
            onClick={() => void actions.connect(host.id)}
          >
            {state === 'connecting' ? 'Connecting…' : 'Connect'}
          </button>
        )}
      </div>
      {connection && <HostState connection={connection} />}
      {connection?.state === 'connected' && connection.record && (
        <p
          className="host-record quiet mono"
          aria-label="Connected to"
          title={connectionRecordText(connection.record)}
        >
          {connectionRecordText(connection.record)}
        </p>
      )}
      {connection?.state === 'connected' && (
        <div className="host-actions">
          <span className="quiet">{connection.cores ? `${connection.cores} cores` : ''}</span>
          <button
            type="button"
            onClick={() => void actions.openShell(connection.connectionId)}
            title="New shell (Ctrl+Shift+T)"
          >
            + Shell
          </button>
        </div>
      )}
      {connection?.state === 'connected' && connection.message && (
        <p className="quiet" aria-label="Connection notes">
          {connection.message}
        </p>
      )}
      {failure && state === 'failed' && (
        <p className="host-error" role="alert">
          <span className="host-state-failed">failed: </span>
          {failure}
        </p>
      )}
      {!connection && (
        <div className="host-links">
          <button type="button" className="link" onClick={onEdit} aria-label={`Edit ${host.label}`}>
            edit
          </button>
          <button
            type="button"
            className="link remove"
            onClick={() => void actions.removeHost(host.id)}
            aria-label={`Remove ${host.label}`}
          >
            remove
          </button>
        </div>
      )}
    </li>
  );
}

/** The sidebar: saved hosts, their connection state, and the form to add one. */
export function HostList() {
  const hosts = useAppStore((s) => s.hosts);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <aside className="sidebar" aria-label="Hosts">
      <header className="sidebar-head">
        <h2>Hosts</h2>
        {!adding && (
          <button type="button" onClick={() => setAdding(true)}>
            + Add host
          </button>
        )}
      </header>
      {adding && <AddHostForm onDone={() => setAdding(false)} />}
      {!adding && <ImportSshConfig />}
      {hosts.length === 0 && !adding && (
        <div className="empty">
          <p>No hosts yet. Add one to connect over SSH.</p>
          <p>
            New here?{' '}
            <button
              type="button"
              className="link"
              onClick={() => void notebookActions.openSample()}
            >
              Open the sample investigation
            </button>{' '}
            <span className="quiet">
              (seed 000: a service at “only 50 % CPU”, recorded with this app: threads, stacks,
              syscalls, the terminals replayed, the timeline, the exports; no server needed)
            </span>
          </p>
        </div>
      )}
      {groupsOf(hosts).map(({ group, members }) => (
        <section key={group} className="host-group" aria-label={group ? `Group ${group}` : 'Hosts'}>
          {group && <h3 className="host-group-name">{group}</h3>}
          <ul className="hosts">
            {members.map((host) =>
              editing === host.id ? (
                <li key={host.id}>
                  <AddHostForm editing={host} onDone={() => setEditing(null)} />
                </li>
              ) : (
                <HostRow key={host.id} host={host} onEdit={() => setEditing(host.id)} />
              ),
            )}
          </ul>
        </section>
      ))}
    </aside>
  );
}

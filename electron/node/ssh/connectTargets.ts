import type { HostProfile } from '../../../shared/contract/index';
import type { FoundAgent } from './agentSocket';
import { SshConnectError } from './connectErrors';
import { jumpRole, relabel } from './jumpChain';
import type { ConnectTarget } from './sshConnect';

/**
 * What one SSH connection is made from: a saved profile, or a jump hop given as an address
 * (which has only some of a profile's fields; the others are at their defaults).
 */
export type TargetSettings = Pick<HostProfile, 'host' | 'port' | 'user'> &
  Partial<
    Pick<
      HostProfile,
      | 'keyPath'
      | 'extraKeyPaths'
      | 'agent'
      | 'identitiesOnly'
      | 'serverAliveInterval'
      | 'serverAliveCountMax'
      | 'authMethods'
    >
  >;

/**
 * What connectSsh needs of a profile or hop. The agent is offered wherever it is not turned off,
 * as OpenSSH offers SSH_AUTH_SOCK's keys to every hop of a ProxyJump (each hop is an `ssh -W` of
 * its own); a profile that insists on it fails here when there is none.
 */
export function connectTargetOf(settings: TargetSettings, agent: FoundAgent | null): ConnectTarget {
  const where = `${settings.user}@${settings.host}:${settings.port}`;
  if (settings.agent === true && !agent) {
    throw new SshConnectError(
      'auth',
      `${where} is set to use the ssh-agent, but SSH_AUTH_SOCK is not set for this app (and no 1Password or Secretive agent socket was found).`,
    );
  }
  return {
    host: settings.host,
    port: settings.port,
    user: settings.user,
    ...(settings.keyPath !== undefined ? { keyPath: settings.keyPath } : {}),
    ...(settings.extraKeyPaths?.length ? { extraKeyPaths: settings.extraKeyPaths } : {}),
    ...(settings.agent !== false && agent
      ? { agentSocket: agent.socket, agentName: agent.name }
      : {}),
    ...(settings.authMethods ? { authMethods: settings.authMethods } : {}),
    ...(settings.identitiesOnly ? { identitiesOnly: true } : {}),
    ...(settings.serverAliveInterval ? { serverAliveInterval: settings.serverAliveInterval } : {}),
    ...(settings.serverAliveCountMax ? { serverAliveCountMax: settings.serverAliveCountMax } : {}),
  };
}

/**
 * The profile's jump chain, nearest first. A hop naming a saved profile is made exactly as a
 * direct connection to that profile would be (its key files, agent, IdentitiesOnly, keepalive,
 * methods); that profile's own jump chain is not followed (no nesting, no loops).
 */
export async function jumpTargetsOf(
  host: HostProfile,
  savedProfile: (hostId: string) => Promise<HostProfile>,
  agent: FoundAgent | null,
): Promise<ConnectTarget[]> {
  const hops = host.jump ?? [];
  const targets: ConnectTarget[] = [];
  for (const [index, hop] of hops.entries()) {
    const settings =
      'hostId' in hop
        ? await savedProfile(hop.hostId).catch(() => {
            throw new SshConnectError(
              'protocol',
              `The jump host profile ${hop.hostId} named by ${host.label} no longer exists.`,
            );
          })
        : hop;
    try {
      targets.push(connectTargetOf(settings, agent));
    } catch (error) {
      throw relabel(error, jumpRole(index, hops.length, settings));
    }
  }
  return targets;
}

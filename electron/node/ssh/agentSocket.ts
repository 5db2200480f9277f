import { stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface FoundAgent {
  socket: string;
  /** How messages name it: "the ssh-agent", "1Password's SSH agent", "Secretive's agent". */
  name: string;
}

/** Agents that do not set SSH_AUTH_SOCK for every program, where their sockets live. */
function knownAgents(home: string, platform: NodeJS.Platform): FoundAgent[] {
  const onePassword =
    platform === 'darwin'
      ? join(home, 'Library/Group Containers/2BUA8C4S2C.com.1password/t/agent.sock')
      : join(home, '.1password/agent.sock');
  return [
    { socket: onePassword, name: "1Password's SSH agent" },
    ...(platform === 'darwin'
      ? [
          {
            socket: join(
              home,
              'Library/Containers/com.maxgoedjen.Secretive.SecretAgent/Data/socket.ssh',
            ),
            name: "Secretive's agent",
          },
        ]
      : []),
  ];
}

async function isSocket(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => null);
  return info?.isSocket() ?? false;
}

/**
 * The agent to use: SSH_AUTH_SOCK when set (as ssh does); otherwise the first of 1Password's
 * and Secretive's sockets that exists and is a socket; null when there is none.
 */
export async function findAgentSocket(
  env: { SSH_AUTH_SOCK?: string | undefined },
  home: string,
  platform: NodeJS.Platform,
): Promise<FoundAgent | null> {
  if (env.SSH_AUTH_SOCK) return { socket: env.SSH_AUTH_SOCK, name: 'the ssh-agent' };
  for (const candidate of knownAgents(home, platform)) {
    if (await isSocket(candidate.socket)) return candidate;
  }
  return null;
}

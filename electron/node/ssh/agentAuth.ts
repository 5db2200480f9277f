import { readFile } from 'node:fs/promises';
import type { BaseAgent, IdentityCallback, ParsedKey } from 'ssh2';
import ssh2 from './ssh2';
import { expandHome } from './privateKey';

/**
 * The public key blob of an identity file, as OpenSSH finds it for IdentitiesOnly: from
 * `<file>.pub` when there is one, else from the private key when it is not encrypted.
 * null when neither can be read (the file may exist only in the agent's memory).
 */
async function identityPublicBlob(keyPath: string): Promise<Buffer | null> {
  const path = expandHome(keyPath);
  for (const candidate of [`${path}.pub`, path]) {
    const data = await readFile(candidate).catch(() => null);
    if (!data) continue;
    const parsed = ssh2.utils.parseKey(data);
    if (parsed instanceof Error) continue;
    // A file holding several keys yields an array; an identity file holds one.
    const key = Array.isArray(parsed) ? parsed[0] : parsed;
    if (key) return key.getPublicSSH();
  }
  return null;
}

/** An OpenSSH agent that lists only the keys whose public blobs are in `allowed` (IdentitiesOnly). */
class OnlyTheseKeysAgent extends ssh2.OpenSSHAgent {
  constructor(
    socketPath: string,
    private readonly allowed: readonly Buffer[],
  ) {
    super(socketPath);
  }

  override getIdentities(cb: IdentityCallback<ParsedKey>): void {
    super.getIdentities((error, keys) => {
      if (error || !keys) return cb(error, keys);
      cb(
        undefined,
        // OpenSSHAgent lists parsed keys; any other entry shape cannot be matched, so is left out.
        keys.filter(
          (key) =>
            'getPublicSSH' in key && this.allowed.some((blob) => blob.equals(key.getPublicSSH())),
        ),
      );
    });
  }
}

export interface AgentChoice {
  agent: BaseAgent;
  /** How messages name what the agent offers. */
  offered: string;
}

/**
 * The agent at `socketPath`, as the profile allows it: all its keys, or with IdentitiesOnly only
 * those matching the profile's key files (none whose public half cannot be read).
 */
export async function agentFor(
  socketPath: string,
  keyPaths: readonly string[],
  identitiesOnly: boolean,
  /** Which agent this is, when not the one SSH_AUTH_SOCK names ("1Password's SSH agent"). */
  agentName = 'the ssh-agent',
): Promise<AgentChoice> {
  if (!identitiesOnly) {
    return { agent: new ssh2.OpenSSHAgent(socketPath), offered: `${agentName}'s keys` };
  }
  const blobs: Buffer[] = [];
  for (const keyPath of keyPaths) {
    const blob = await identityPublicBlob(keyPath);
    if (blob) blobs.push(blob);
  }
  return {
    agent: new OnlyTheseKeysAgent(socketPath, blobs),
    offered:
      keyPaths.length === 0
        ? 'no agent key (IdentitiesOnly without a key file)'
        : `${agentName}'s copies of the key files (IdentitiesOnly)`,
  };
}

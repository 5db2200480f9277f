import type { AnyAuthMethod } from 'ssh2';
import type { AgentChoice } from './agentAuth';
import { SshConnectError } from './connectErrors';
import { loadPrivateKey, type AskPassphrase, type LoadedKey } from './privateKey';

/** One authentication method, produced only when its turn comes; null = nothing to offer. */
export type AuthStep = () => Promise<AnyAuthMethod | null>;

export interface AuthPlan {
  user: string;
  /** The agent's keys come first, as in OpenSSH. */
  agent?: AgentChoice;
  /** Key files, tried in order after the agent. */
  keyPaths: readonly string[];
  /** The first key file, already read (when there is no agent it is read before connecting). */
  preloaded?: LoadedKey;
  askPassphrase: AskPassphrase;
  /** Stop and restart the handshake timer around a passphrase prompt. */
  pauseTimer(): void;
  resumeTimer(): void;
}

/**
 * The methods to try, in order, and notes on key files skipped on the way (a missing or
 * unreadable file after the first is skipped, as ssh does with a warning; it names the file).
 */
export function authSteps(plan: AuthPlan): { steps: AuthStep[]; skipped: string[] } {
  const { user: username, agent } = plan;
  const skipped: string[] = [];
  const steps: AuthStep[] = [];
  if (agent) steps.push(async () => ({ type: 'agent', username, agent: agent.agent }));
  plan.keyPaths.forEach((keyPath, index) => {
    steps.push(async () => {
      let key = index === 0 ? plan.preloaded : undefined;
      if (!key) {
        plan.pauseTimer(); // a passphrase prompt waits for the user
        try {
          key = await loadPrivateKey(keyPath, plan.askPassphrase);
        } catch (error) {
          if (!(error instanceof SshConnectError) || error.failure !== 'key-file') throw error;
          skipped.push(error.message);
          return null;
        } finally {
          plan.resumeTimer();
        }
      }
      return {
        type: 'publickey',
        username,
        key: key.data,
        ...(key.passphrase !== undefined ? { passphrase: key.passphrase } : {}),
      };
    });
  });
  return { steps, skipped };
}

/** "the ssh-agent's keys, then key file A, then key file B", for error messages. */
export function describeOffer(plan: Pick<AuthPlan, 'agent' | 'keyPaths'>): string {
  const offers = [
    ...(plan.agent ? [plan.agent.offered] : []),
    ...plan.keyPaths.map((path) => `key file ${path}`),
  ];
  return offers.join(', then ');
}

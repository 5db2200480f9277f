import type { Readable } from 'node:stream';
import type { Algorithms, AuthHandlerMiddleware, Client, HostVerifier } from 'ssh2';
import { DEFAULT_AUTH_METHODS, type AuthMethod } from '../../../shared/contract/hosts';

import ssh2 from './ssh2';
import { SshConnectError, explainSsh2Error } from './connectErrors';
import type { KnownHosts } from './knownHosts';
import {
  describeEntry,
  describeSkipped,
  fingerprintSha256,
  hostPattern,
  keyTypeOfBlob,
} from './knownHostsFormat';
import { agentFor } from './agentAuth';
import { authSteps, describeOffer } from './authSteps';
import { loadPrivateKey, type AskPassphrase } from './privateKey';
import { AuthOrder } from './authOrder';
import {
  InteractiveAuth,
  type PasswordMemory,
  type SecretAnswer,
  type SecretRequest,
} from './interactiveAuth';

export interface ConnectTarget {
  host: string;
  port: number;
  user: string;
  /** Tried after the agent's keys; absent for an agent-only host. */
  keyPath?: string;
  /** More key files, tried in order after keyPath (several IdentityFile lines). */
  extraKeyPaths?: readonly string[];
  /** An ssh-agent socket whose keys are offered first (SSH_AUTH_SOCK). */
  agentSocket?: string;
  /** Offer only the agent key that matches keyPath, as OpenSSH's IdentitiesOnly. */
  identitiesOnly?: boolean;
  /** ServerAliveInterval in seconds (0 or absent: the default) and ServerAliveCountMax. */
  serverAliveInterval?: number;
  serverAliveCountMax?: number;
  /** Methods in order of preference (OpenSSH's PreferredAuthentications); default ssh's. */
  authMethods?: readonly AuthMethod[];
  /** How prompts name this hop of a jump chain ("Jump host 1 of 2"). */
  hopLabel?: string;
  /** How messages name the agent (which one was found: ssh-agent, 1Password, Secretive). */
  agentName?: string;
}

/** A password or keyboard-interactive question, with the host (and hop) it is for. */
export type AskSecretFor = (
  request: SecretRequest & { where: string; hop?: string },
) => Promise<SecretAnswer>;
/** A host key accepted at one hop: what the connection's record keeps of it. */
export interface HostKeySeen {
  host: string;
  port: number;
  user: string;
  algorithm: string;
  fingerprint: string;
}

export interface ConnectDeps {
  knownHosts: KnownHosts;
  /** Asked only for a key not yet on record; resolves true if the user trusts it. */
  askHostKey(request: {
    host: string;
    port: number;
    algorithm: string;
    fingerprint: string;
    /** known_hosts lines that were skipped: one of them may have been meant for this host. */
    warnings?: string[];
  }): Promise<boolean>;
  askPassphrase: AskPassphrase;
  /** Asked for a password or a keyboard-interactive round; absent: those methods are not used. */
  askSecret?: AskSecretFor;
  /** The keychain's remembered password for this user@host[:port], where there is a keychain. */
  passwordMemory?(target: { host: string; port: number; user: string }): PasswordMemory | undefined;
  /** A sentence for the connection's info (a password not remembered, which agent was used). */
  note?(text: string): void;
  /** Told of each host key accepted (trusted or just accepted), hop by hop: the connection's record. */
  onHostKey?(seen: HostKeySeen): void;
  /** Handshake time allowed, not counting the time a prompt waits for the user. */
  handshakeTimeoutMs?: number;
}

const DEFAULT_HANDSHAKE_TIMEOUT_MS = 15_000;
/**
 * Keepalive is on unless a profile sets its own. ssh2, like OpenSSH's ServerAlive*, sends a
 * keepalive every interval and gives up when the one after CountMax unanswered ones is due:
 * 5 s × (2 + 1) = a silent link is noticed 10–15 s after its last answer, within 15 s.
 */
export const DEFAULT_KEEPALIVE_INTERVAL_MS = 5_000;
export const DEFAULT_KEEPALIVE_COUNT_MAX = 2;
/** ssh2's own timer cannot pause during prompts, so it only backs ours up. */
const SSH2_READY_TIMEOUT_MS = 30 * 60_000;

/** Host key algorithms in the order OpenSSH would ask for them when a key type is already known. */
const HOST_KEY_ALGORITHMS: Record<string, string[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};
const DEFAULT_HOST_KEY_ORDER = Object.values(HOST_KEY_ALGORITHMS).flat();

function hostKeyOrder(knownTypes: string[]): Algorithms['serverHostKey'] {
  const preferred = knownTypes.flatMap((t) => HOST_KEY_ALGORITHMS[t] ?? []);
  const rest = DEFAULT_HOST_KEY_ORDER.filter((a) => !preferred.includes(a));
  return [...preferred, ...rest] as Algorithms['serverHostKey'];
}

/**
 * Opens an authenticated SSH connection. The host key is checked against known_hosts inside
 * the handshake, before the client sends any credential: ssh2 calls hostVerifier first.
 */
export async function connectSsh(
  target: ConnectTarget,
  deps: ConnectDeps,
  /** A stream to speak SSH over instead of a TCP socket: a jump host's forwarded channel. */
  sock?: Readable,
): Promise<Client> {
  const where = hostPattern(target.host, target.port);
  const { keyPath, agentSocket } = target;
  const keyPaths = [...(keyPath !== undefined ? [keyPath] : []), ...(target.extraKeyPaths ?? [])];
  const preference = (target.authMethods ?? DEFAULT_AUTH_METHODS).filter(
    (method) => method === 'publickey' || deps.askSecret !== undefined,
  );
  const keysOnly = preference.every((method) => method === 'publickey');
  if (keyPaths.length === 0 && agentSocket === undefined && keysOnly) {
    throw new SshConnectError(
      'key-file',
      `${where}: no key file is set and no ssh-agent is available (SSH_AUTH_SOCK is not set).`,
    );
  }
  // Without an agent the first key file is the main way in: read it (and ask its passphrase)
  // up front, as before. With one, key files are read only if the agent's keys are refused.
  const firstKey = keyPaths[0];
  const preloaded =
    firstKey !== undefined && agentSocket === undefined
      ? await loadPrivateKey(firstKey, deps.askPassphrase)
      : undefined;
  const agent = agentSocket
    ? await agentFor(agentSocket, keyPaths, target.identitiesOnly === true, target.agentName)
    : undefined;
  const knownTypes = await deps.knownHosts.knownKeyTypes(target.host, target.port);
  // ssh2 is CommonJS: native ESM sees only its default export.
  const client = new ssh2.Client();
  const handshakeMs = deps.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;

  return new Promise<Client>((resolve, reject) => {
    let settled = false;
    let hostKeyFailure: SshConnectError | undefined;
    let agentProblem: string | undefined;
    let timer: NodeJS.Timeout | undefined;

    const finish = (error: SshConnectError | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        client.removeAllListeners('ready');
        client.on('error', () => undefined);
        client.destroy();
        reject(error);
      } else {
        resolve(client);
      }
    };
    const armTimer = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () =>
          finish(
            new SshConnectError(
              'timeout',
              `${where} did not answer within ${Math.round(handshakeMs / 1000)} s.`,
            ),
          ),
        handshakeMs,
      );
    };

    const hostVerifier: HostVerifier = (keyBlob, verify) => {
      void (async () => {
        const fingerprint = fingerprintSha256(keyBlob);
        const verdict = await deps.knownHosts.verify(target.host, target.port, keyBlob);
        const skipped = verdict.skipped.length > 0 ? describeSkipped(verdict.skipped) : '';
        const withSkipped = (message: string) => (skipped ? `${message} ${skipped}` : message);
        switch (verdict.status) {
          case 'trusted':
            return true;
          case 'revoked':
            hostKeyFailure = new SshConnectError(
              'host-key-changed',
              withSkipped(
                `The host key of ${where} (${fingerprint}) is marked @revoked in ${describeEntry(verdict.entry)}. Connection stopped.`,
              ),
            );
            return false;
          case 'changed':
            hostKeyFailure = new SshConnectError(
              'host-key-changed',
              withSkipped(
                `HOST KEY CHANGED for ${where}: it now presents ${keyTypeOfBlob(keyBlob)} ${fingerprint}, but on record is ${verdict.expected.map(describeEntry).join(', ')}. ` +
                  'Someone may be intercepting the connection, or the host was reinstalled. Connection stopped; nothing was sent. ' +
                  'If the change is expected, remove the old line from known_hosts and connect again.',
              ),
            );
            return false;
          case 'cert-authority': {
            const [authority] = verdict.authorities;
            const at = authority ? `${authority.file}:${authority.line}` : 'known_hosts';
            hostKeyFailure = new SshConnectError(
              'host-key-rejected',
              withSkipped(
                `${where} is vouched for by a certificate authority in ${at}; host certificates are not supported yet. ` +
                  `Add the host's own key to ~/.ssh/known_hosts (ssh-keyscan ${target.port === 22 ? '' : `-p ${target.port} `}${target.host}; it presents ${keyTypeOfBlob(keyBlob)} ${fingerprint}, check that with its owner), ` +
                  'or use OpenSSH for this host meanwhile. Connection stopped; nothing was sent.',
              ),
            );
            return false;
          }
          case 'unknown': {
            clearTimeout(timer);
            const accepted = await deps.askHostKey({
              host: target.host,
              port: target.port,
              algorithm: keyTypeOfBlob(keyBlob),
              fingerprint,
              ...(skipped ? { warnings: [skipped] } : {}),
            });
            if (settled) return false;
            armTimer();
            if (!accepted) {
              hostKeyFailure = new SshConnectError(
                'host-key-rejected',
                `The host key of ${where} (${fingerprint}) was not accepted. Connection stopped; nothing was sent.`,
              );
              return false;
            }
            await deps.knownHosts.add(target.host, target.port, keyBlob);
            return true;
          }
        }
      })().then(
        (trusted) => {
          if (trusted) {
            const { host, port, user } = target;
            const algorithm = keyTypeOfBlob(keyBlob);
            deps.onHostKey?.({
              host,
              port,
              user,
              algorithm,
              fingerprint: fingerprintSha256(keyBlob),
            });
          }
          verify(trusted);
        },
        (error: unknown) => {
          hostKeyFailure = new SshConnectError(
            'protocol',
            `Checking the host key of ${where} failed: ${(error as Error).message}`,
          );
          verify(false);
        },
      );
    };

    // Each method in turn, produced only when the one before it was refused.
    const pauseTimer = () => clearTimeout(timer);
    const resumeTimer = () => {
      if (!settled) armTimer();
    };
    const plan = {
      user: target.user,
      ...(agent ? { agent } : {}),
      keyPaths,
      ...(preloaded ? { preloaded } : {}),
      askPassphrase: deps.askPassphrase,
      pauseTimer,
      resumeTimer,
    };
    const { steps, skipped } = authSteps(plan);
    const askSecret = deps.askSecret;
    const memory = deps.passwordMemory?.(target);
    const interactive = new InteractiveAuth({
      user: target.user,
      where: `${target.user}@${where}`,
      ask: (request) =>
        askSecret
          ? askSecret({
              ...request,
              where: `${target.user}@${where}`,
              ...(target.hopLabel ? { hop: target.hopLabel } : {}),
            })
          : Promise.resolve(null),
      ...(memory ? { memory } : {}),
      fail: (error) => finish(error),
      pauseTimer,
      resumeTimer,
    });
    const order = new AuthOrder(target.user, preference, steps, interactive);
    const refused = (): SshConnectError => {
      const notes = [
        ...(agentProblem ? [`${target.agentName ?? 'ssh-agent'}: ${agentProblem}`] : []),
        ...skipped,
      ].join(' ');
      const refusal = order.refusal(where, describeOffer(plan));
      return new SshConnectError(
        refusal.failure,
        `${refusal.message}${notes ? ` (${notes})` : ''}`,
      );
    };
    const authHandler: AuthHandlerMiddleware = (methodsLeft, _partialSuccess, next) => {
      order.next(methodsLeft).then(
        (method) => (method ? next(method) : finish(refused())),
        (error: unknown) =>
          finish(
            error instanceof SshConnectError
              ? error
              : new SshConnectError('key-file', `${where}: ${String(error)}`),
          ),
      );
    };

    client.once('ready', () => {
      void interactive.loggedIn().finally(() => {
        for (const note of interactive.notes) deps.note?.(note);
        finish(null);
      });
    });
    client.on('error', (error: Error & { level?: string; code?: string }) => {
      // An agent that cannot be reached or refuses to sign: ssh2 goes on to the next method.
      if (error.level === 'agent') {
        agentProblem = error.message;
        return;
      }
      finish(hostKeyFailure ?? explainSsh2Error(error, where, target.user));
    });
    client.once('close', () => {
      finish(
        hostKeyFailure ??
          new SshConnectError('closed', `${where} closed the connection during the handshake.`),
      );
    });

    armTimer();
    client.connect({
      ...(sock ? { sock } : {}),
      host: target.host,
      port: target.port,
      username: target.user,
      authHandler,
      hostVerifier,
      algorithms: { serverHostKey: hostKeyOrder(knownTypes) },
      readyTimeout: SSH2_READY_TIMEOUT_MS,
      keepaliveInterval: target.serverAliveInterval
        ? target.serverAliveInterval * 1000
        : DEFAULT_KEEPALIVE_INTERVAL_MS,
      keepaliveCountMax: target.serverAliveCountMax ?? DEFAULT_KEEPALIVE_COUNT_MAX,
      // Methods come only from authHandler, in AuthOrder's order; none by ssh2's own choice.
      tryKeyboard: false,
    });
  });
}

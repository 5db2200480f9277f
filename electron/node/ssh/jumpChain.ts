import type { Client, ClientChannel } from 'ssh2';
import { SshConnectError } from './connectErrors';
import { hostPattern } from './knownHostsFormat';
import { connectSsh, type ConnectDeps, type ConnectTarget } from './sshConnect';

const DEFAULT_FORWARD_TIMEOUT_MS = 15_000;

/** `user@host` or `user@[host]:port`, as the messages name a hop. */
export function describeHop(target: { host: string; port: number; user: string }): string {
  return `${target.user}@${hostPattern(target.host, target.port)}`;
}

/** How errors and prompts name jump host `index` (from 0) of a chain of `count`. */
export function jumpRole(index: number, count: number, hop: ConnectTarget): string {
  return `Jump host ${index + 1} of ${count} (${describeHop(hop)})`;
}

/**
 * Asks `jump` to open a TCP connection to the next hop (a direct-tcpip channel, what OpenSSH's
 * ProxyJump does with `ssh -W`); the channel then carries the next hop's own SSH handshake.
 */
function openChannel(
  jump: Client,
  jumpName: string,
  next: ConnectTarget,
  timeoutMs: number,
): Promise<ClientChannel> {
  const where = hostPattern(next.host, next.port);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new SshConnectError(
            'timeout',
            `${jumpName} did not open a connection to ${where} within ${Math.round(timeoutMs / 1000)} s.`,
          ),
        ),
      timeoutMs,
    );
    jump.forwardOut('127.0.0.1', 0, next.host, next.port, (error, channel) => {
      clearTimeout(timer);
      if (error) {
        reject(
          new SshConnectError(
            'unreachable',
            `${jumpName} could not open a connection to ${where}: ${error.message}.`,
          ),
        );
      } else {
        resolve(channel);
      }
    });
  });
}

/** The error, its message led by which hop it is about. */
export function relabel(error: unknown, role: string): SshConnectError {
  if (error instanceof SshConnectError) {
    return new SshConnectError(error.failure, `${role}: ${error.message}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SshConnectError('protocol', `${role}: ${message}`);
}

/**
 * Connects to `target` through `jumps` (nearest first), hop by hop. Each hop is a full SSH
 * connection of its own, made by connectSsh over the previous hop's channel: its host key is
 * checked against known_hosts under its own name and port before any credential is sent to it,
 * and it authenticates with its own key. An error names the hop that failed. Closing the
 * returned client closes every jump host beneath it.
 */
export async function connectThrough(
  jumps: readonly ConnectTarget[],
  target: ConnectTarget,
  deps: ConnectDeps,
): Promise<Client> {
  if (jumps.length === 0) return connectSsh(target, deps);
  const opened: Client[] = [];
  const endAll = (): void => {
    for (const client of [...opened].reverse()) client.end();
  };
  const hops = [...jumps, target];
  const plural = jumps.length === 1 ? '' : 's';
  try {
    for (const [index, hop] of hops.entries()) {
      const role =
        index < jumps.length
          ? jumpRole(index, jumps.length, hop)
          : `Target ${describeHop(hop)} (through ${jumps.length} jump host${plural})`;
      const previous = opened.at(-1);
      const previousHop = hops[index - 1];
      let channel: ClientChannel | undefined;
      if (previous && previousHop) {
        const previousName = jumpRole(index - 1, jumps.length, previousHop);
        const timeoutMs = deps.handshakeTimeoutMs ?? DEFAULT_FORWARD_TIMEOUT_MS;
        channel = await openChannel(previous, previousName, hop, timeoutMs);
      }
      opened.push(
        await connectSsh({ ...hop, hopLabel: role }, deps, channel).catch((error) =>
          Promise.reject(relabel(error, role)),
        ),
      );
    }
  } catch (error) {
    endAll();
    throw error;
  }
  const targetClient = opened[opened.length - 1];
  if (!targetClient) throw new SshConnectError('protocol', 'The jump chain opened no connection.');
  // The target's end ends the chain; a jump host that drops ends the target's channel, and so it.
  targetClient.once('close', endAll);
  return targetClient;
}

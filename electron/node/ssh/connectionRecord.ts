import type { Client } from 'ssh2';
import type {
  ClockOffset,
  ConnectionRecord,
  HopRecord,
} from '../../../shared/contract/connectionRecord';
import { clockOffset, readRemoteEpoch, readUname } from '../../../shared/connection/remoteFacts';
import { remoteExec } from '../terminals/remoteExec';
import { describeHop } from './jumpChain';
import type { HostKeySeen } from './sshConnect';

/** Each fact gets this long: a host that does not answer leaves it unknown, not the connection. */
const FACT_TIMEOUT_MS = 5_000;
/** Clock readings taken; the one with the shortest round trip is kept. */
const CLOCK_SAMPLES = 2;

/** Collects the host keys accepted during one connect, hop by hop, in the order they came. */
export class HostKeysSeen {
  private readonly hops = new Map<string, HopRecord>();

  readonly add = (seen: HostKeySeen): void => {
    const address = describeHop(seen);
    // A re-key presents the same key again; the first sighting keeps its place.
    if (!this.hops.has(address))
      this.hops.set(address, {
        address,
        algorithm: seen.algorithm,
        fingerprint: seen.fingerprint,
      });
  };

  list(): HopRecord[] {
    return [...this.hops.values()];
  }
}

/** Epoch milliseconds with sub-millisecond precision: the round trip on a LAN is ~1 ms. */
const preciseNow = (): number => performance.timeOrigin + performance.now();

async function uname(client: Client): Promise<string | null> {
  const result = await remoteExec(client, 'LC_ALL=C uname -a', FACT_TIMEOUT_MS).catch(() => null);
  return result && result.exitCode === 0 ? readUname(result.stdout) : null;
}

/** One reading of the host's clock: `date +%s.%N`, or `date +%s` where `%N` is not known. */
async function clockSample(client: Client): Promise<ClockOffset | null> {
  for (const command of ['LC_ALL=C date +%s.%N', 'LC_ALL=C date +%s']) {
    const before = preciseNow();
    const result = await remoteExec(client, command, FACT_TIMEOUT_MS).catch(() => null);
    const after = preciseNow();
    if (!result) return null;
    const reading = readRemoteEpoch(result.stdout);
    if (reading) return clockOffset(before, reading, after);
  }
  return null;
}

async function clock(client: Client): Promise<ClockOffset | null> {
  let best: ClockOffset | null = null;
  for (let i = 0; i < CLOCK_SAMPLES; i++) {
    const sample = await clockSample(client);
    if (!sample) break;
    if (!best || sample.uncertaintySeconds < best.uncertaintySeconds) best = sample;
  }
  return best;
}

/**
 * The record of a connection that just opened: the host keys accepted on the way (`hops`,
 * jump hosts first), the user, and what the host says of itself. Never fails: a fact the host
 * does not give in time, or gives garbled, is recorded as unknown.
 */
export async function recordConnection(
  client: Client,
  hops: readonly HopRecord[],
  user: string,
): Promise<ConnectionRecord | undefined> {
  if (hops.length === 0) return undefined;
  // One after the other: a channel opening beside the clock's would widen its round trip.
  const offset = await clock(client);
  const unameText = await uname(client);
  return {
    hops: [...hops],
    user,
    uname: unameText,
    clock: offset,
    recordedAt: new Date().toISOString(),
  };
}

// A line of network namespaces for jump-host tests: this machine -> ns 1 -> ns 2 -> ... Each
// link is a veth pair on its own /30 of 10.231.N.0/24; namespace k reaches only its neighbours
// (no forwarding, no default route), and this machine gets an `unreachable` route for the whole
// /24 so that a direct connection to a far namespace fails at once instead of leaking out of the
// default route. Needs root and `ip netns`.

import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { atExit } from './atExit';

const run = promisify(execFile);

export interface NetnsLine {
  /** Namespace names, nearest first. */
  readonly names: string[];
  /** The address of namespace k (index k) on its link towards this machine. */
  readonly addresses: string[];
  /** The interface of namespace k (index k) on its link towards this machine. */
  readonly farLinks: string[];
  /** The /24 all links live in, e.g. `10.231.17.0/24`. */
  readonly subnet: string;
  /** Deletes the namespaces (and with them every veth) and the route; safe to call twice. */
  remove(): Promise<void>;
}

async function ip(args: string[]): Promise<void> {
  await run('ip', args);
}

/** Why namespaces cannot be made here, or null if they can (probe: add and delete one). */
export async function netnsUnavailable(): Promise<string | null> {
  if (process.getuid?.() !== 0) return 'not running as root (ip netns needs CAP_SYS_ADMIN)';
  const probe = `wbprobe${process.pid}`;
  try {
    await ip(['netns', 'add', probe]);
    await ip(['netns', 'del', probe]);
    return null;
  } catch (error) {
    return `ip netns add failed: ${error instanceof Error ? error.message.trim() : String(error)}`;
  }
}

/** Builds `count` namespaces in a line. On any failure, removes what it made and rethrows. */
export async function makeNetnsLine(count: number): Promise<NetnsLine> {
  const third = 16 + Math.floor(Math.random() * 200);
  const subnet = `10.231.${third}.0/24`;
  const base = `10.231.${third}`;
  const tag = `${process.pid % 10000}${third}`;
  const names = Array.from({ length: count }, (_, k) => `wbj${tag}n${k + 1}`);
  const made: string[] = [];
  let routeAdded = false;
  const rootLink = `wbj${tag}a0`;
  const removeAll = async (): Promise<void> => {
    for (const name of made.splice(0).reverse()) await ip(['netns', 'del', name]).catch(() => {});
    // Gone with its peer's namespace, unless a step failed before the peer moved there.
    await ip(['link', 'del', rootLink]).catch(() => {});
    if (routeAdded) {
      routeAdded = false;
      await ip(['route', 'del', 'unreachable', subnet]).catch(() => {});
    }
  };
  const cancelAtExit = atExit(() => {
    // Exit handlers are synchronous: best effort with the sync API.
    const commands = made.map((name) => ['netns', 'del', name]);
    if (routeAdded) commands.push(['route', 'del', 'unreachable', subnet]);
    for (const args of commands) {
      try {
        execFileSync('ip', args, { stdio: 'ignore' });
      } catch {
        // already gone
      }
    }
  });
  const remove = async (): Promise<void> => {
    await removeAll();
    cancelAtExit();
  };
  try {
    for (const name of names) {
      await ip(['netns', 'add', name]);
      made.push(name);
      await ip(['-n', name, 'link', 'set', 'lo', 'up']);
    }
    await ip(['route', 'add', 'unreachable', subnet]);
    routeAdded = true;
    const addresses: string[] = [];
    const farLinks: string[] = [];
    // Link k joins namespace k-1 (or this machine for k = 0) and namespace k, on base.(4k)/30.
    for (let k = 0; k < count; k++) {
      const near = `${base}.${4 * k + 1}`;
      const far = `${base}.${4 * k + 2}`;
      const left = `wbj${tag}a${k}`;
      const right = `wbj${tag}b${k}`;
      const farNs = names[k] as string;
      const nearNs = k === 0 ? undefined : names[k - 1];
      await ip(['link', 'add', left, 'type', 'veth', 'peer', 'name', right]);
      if (nearNs) await ip(['link', 'set', left, 'netns', nearNs]);
      await ip(['link', 'set', right, 'netns', farNs]);
      const inNear = nearNs ? ['-n', nearNs] : [];
      await ip([...inNear, 'addr', 'add', `${near}/30`, 'dev', left]);
      await ip([...inNear, 'link', 'set', left, 'up']);
      await ip(['-n', farNs, 'addr', 'add', `${far}/30`, 'dev', right]);
      await ip(['-n', farNs, 'link', 'set', right, 'up']);
      addresses.push(far);
      farLinks.push(right);
    }
    return { names, addresses, farLinks, subnet, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

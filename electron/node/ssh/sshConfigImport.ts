import { access } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { HostProfile, RequestArgs } from '../../../shared/contract/index';
import { parseProxyJump, type ResolvedSshHost } from '../../../shared/sshConfig/sshG';
import type { HostStore } from '../store/hostStore';
import {
  resolveSshAlias,
  sshClientFor,
  type ResolveOptions,
  type SshConfigResolver,
} from './sshConfigResolve';
import { ConfigScans } from './sshConfigScan';

/** A bound on ProxyJump chains nested through other hosts' ProxyJump, and on loops among them. */
const MAX_JUMP_DEPTH = 8;

export interface ImportFailure {
  alias: string;
  error: string;
  needsConsent: boolean;
}

type JumpHop = NonNullable<RequestArgs<'hosts.save'>['jump']>[number];

type Resolved<T> = { ok: true; value: T; notes: string[] } | { ok: false; failure: ImportFailure };

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * ssh tries IdentityFiles in order and skips those that do not exist (ssh -G lists the default
 * ones even when absent); the profile keeps those that exist here, in the same order.
 */
async function keyFields(
  host: ResolvedSshHost,
): Promise<{ keyPath?: string; extraKeyPaths?: string[]; identitiesOnly?: boolean }> {
  const existing: string[] = [];
  for (const file of host.identityFiles) if (await exists(file)) existing.push(file);
  const [keyPath, ...extra] = existing;
  return {
    ...(keyPath !== undefined ? { keyPath } : {}),
    ...(extra.length > 0 ? { extraKeyPaths: extra } : {}),
    ...(host.identitiesOnly ? { identitiesOnly: true } : {}),
  };
}

/**
 * The jump chain for a ProxyJump value, nearest first. Each hop is itself resolved with ssh -G
 * (its user and port as `-l`/`-p`, as OpenSSH does), and a hop's own ProxyJump comes before it.
 */
async function jumpChain(
  alias: string,
  proxyJump: string,
  options: ResolveOptions,
  depth: number,
): Promise<Resolved<JumpHop[]>> {
  const fail = (error: string, needsConsent = false): Resolved<JumpHop[]> => ({
    ok: false,
    failure: { alias, error, needsConsent },
  });
  if (depth > MAX_JUMP_DEPTH) {
    return fail(`ProxyJump of ${alias} nests more than ${MAX_JUMP_DEPTH} deep (a loop?).`);
  }
  const hops = parseProxyJump(proxyJump);
  if (!hops) return fail(`ProxyJump "${proxyJump}" of ${alias} cannot be read.`);
  const chain: JumpHop[] = [];
  const notes: string[] = [];
  for (const hop of hops) {
    const resolved = await resolveSshAlias(hop.host, {
      ...options,
      ...(hop.user !== null ? { user: hop.user } : {}),
      ...(hop.port !== null ? { port: hop.port } : {}),
    });
    if (!resolved.ok) {
      return fail(`jump host ${hop.host}: ${resolved.error}`, resolved.needsConsent === true);
    }
    const { host } = resolved;
    notes.push(...resolved.notes);
    if (host.proxyJump) {
      const before = await jumpChain(hop.host, host.proxyJump, options, depth + 1);
      if (!before.ok) return { ok: false, failure: { ...before.failure, alias } };
      chain.push(...before.value);
      notes.push(...before.notes);
    }
    chain.push({
      host: host.hostname,
      port: host.port,
      user: host.user,
      ...(await keyFields(host)),
    });
  }
  return { ok: true, value: chain, notes };
}

/** The profile an alias resolves to, with its jump chain. */
export async function profileFromAlias(
  alias: string,
  options: ResolveOptions,
): Promise<Resolved<RequestArgs<'hosts.save'>>> {
  const resolved = await resolveSshAlias(alias, options);
  if (!resolved.ok) {
    return {
      ok: false,
      failure: { alias, error: resolved.error, needsConsent: resolved.needsConsent === true },
    };
  }
  const { host } = resolved;
  let jump: JumpHop[] | undefined;
  const notes = [...resolved.notes];
  if (host.proxyJump) {
    const chain = await jumpChain(alias, host.proxyJump, options, 1);
    if (!chain.ok) return chain;
    jump = chain.value;
    notes.push(...chain.notes);
  }
  return {
    ok: true,
    notes,
    value: {
      label: alias,
      sshAlias: alias,
      sshAliasResolver: resolved.via,
      host: host.hostname,
      port: host.port,
      user: host.user,
      ...(await keyFields(host)),
      // ssh -G prints 0 for "not set": the app's own keepalive then applies.
      ...(host.serverAliveInterval > 0
        ? {
            serverAliveInterval: host.serverAliveInterval,
            serverAliveCountMax: host.serverAliveCountMax,
          }
        : {}),
      ...(jump ? { jump } : {}),
    },
  };
}

/**
 * Saves a profile for every Host alias of the ssh config that names one host (no wildcard),
 * each resolved with ssh -G, or the workbench's parser where no OpenSSH client is installed.
 * An alias imported before keeps its profile id (it is updated).
 */
export async function importSshConfig(
  store: HostStore,
  options: ResolveOptions,
): Promise<{
  resolver: SshConfigResolver;
  notes: string[];
  imported: HostProfile[];
  failed: ImportFailure[];
}> {
  // Chosen once for the whole import, so every alias is resolved the same way.
  const binary = await sshClientFor(options);
  const resolver: SshConfigResolver = binary ? 'ssh -G' : 'parser';
  // Each config file is scanned once: for the aliases here, for Match exec by every resolution.
  const scans = new ConfigScans();
  const chosen: ResolveOptions = {
    ...options,
    scans,
    ...(binary ? { sshBinary: binary } : {}),
  };
  const file = options.configFile ?? join(homedir(), '.ssh', 'config');
  const scan = await scans.scan(file, { optional: options.configFile === undefined });
  if (!scan.ok) {
    const failure = { alias: '*', error: scan.error, needsConsent: false };
    return { resolver, notes: [], imported: [], failed: [failure] };
  }
  const imported: HostProfile[] = [];
  const failed: ImportFailure[] = [];
  const notes = new Set<string>();
  // Aliases are distinct: a profile saved in this loop is never the one another alias updates.
  const savedBefore = new Map<string, HostProfile>();
  for (const saved of await store.list()) {
    if (saved.sshAlias && !savedBefore.has(saved.sshAlias)) savedBefore.set(saved.sshAlias, saved);
  }
  for (const alias of scan.aliases) {
    const profile = await profileFromAlias(alias, chosen);
    if (!profile.ok) {
      failed.push(profile.failure);
      continue;
    }
    for (const note of profile.notes) notes.add(note);
    const existing = savedBefore.get(alias);
    try {
      imported.push(
        await store.save({ ...profile.value, ...(existing ? { id: existing.id } : {}) }),
      );
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      failed.push({ alias, error: `Could not save ${alias}: ${why}`, needsConsent: false });
    }
  }
  return { resolver, notes: [...notes], imported, failed };
}

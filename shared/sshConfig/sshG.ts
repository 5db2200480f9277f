// Reading the output of OpenSSH's `ssh -G <alias>`: the client configuration it would use,
// one `keyword value` line per option after Include, Host, Match and HostName's % tokens
// (docs/tool-output-formats.md section 1.9). Pure: no Node, no throwing on bad input.

import type { JumpTarget } from './configOptions';

/** The options of one resolved host the workbench uses. */
export interface ResolvedSshHost {
  hostname: string;
  user: string;
  port: number;
  /** In the order ssh would try them, as written: `~` and % tokens not yet expanded. */
  identityFiles: string[];
  identitiesOnly: boolean;
  /** The ProxyJump value as written, or null for none. */
  proxyJump: string | null;
  serverAliveInterval: number;
  serverAliveCountMax: number;
}

export type SshGResult = { ok: true; host: ResolvedSshHost } | { ok: false; error: string };

const nonNegative = (text: string | undefined): number | null => {
  if (text === undefined || !/^\d{1,9}$/.test(text)) return null;
  return Number(text);
};

/** Parses `ssh -G` output. Unknown keywords are ignored; missing essentials are an error. */
export function parseSshG(text: string): SshGResult {
  const single = new Map<string, string>();
  const identityFiles: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    // ssh 9.x prints most keywords in lower case, but some (`User`) as written in the source.
    const keyword = line.slice(0, space).toLowerCase();
    const value = line.slice(space + 1).trim();
    if (keyword === 'identityfile') identityFiles.push(value);
    else if (!single.has(keyword)) single.set(keyword, value);
  }
  const hostname = single.get('hostname');
  const user = single.get('user');
  const port = nonNegative(single.get('port'));
  if (!hostname) return { ok: false, error: 'ssh -G printed no hostname line.' };
  if (!user) return { ok: false, error: 'ssh -G printed no user line.' };
  if (port === null || port < 1 || port > 65535) {
    return {
      ok: false,
      error: `ssh -G printed a port that is not one: ${single.get('port') ?? '(none)'}.`,
    };
  }
  const proxyJump = single.get('proxyjump');
  return {
    ok: true,
    host: {
      hostname,
      user,
      port,
      identityFiles,
      identitiesOnly: single.get('identitiesonly')?.toLowerCase() === 'yes',
      proxyJump: proxyJump && proxyJump.toLowerCase() !== 'none' ? proxyJump : null,
      serverAliveInterval: nonNegative(single.get('serveraliveinterval')) ?? 0,
      serverAliveCountMax: nonNegative(single.get('serveralivecountmax')) ?? 3,
    },
  };
}

/**
 * Splits a ProxyJump value (`[user@]host[:port]` or `ssh://[user@]host[:port]`, comma-separated)
 * into hops, nearest first; null if any hop cannot be read.
 */
export function parseProxyJump(value: string): JumpTarget[] | null {
  const hops: JumpTarget[] = [];
  for (const rawHop of value.split(',')) {
    const hop = rawHop.trim().replace(/^ssh:\/\//, '');
    // user may itself hold "@" (directory users): the host starts after the last one.
    const at = hop.lastIndexOf('@');
    const user = at >= 0 ? hop.slice(0, at) : null;
    const rest = at >= 0 ? hop.slice(at + 1) : hop;
    const match = /^(?:\[([^\]]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/.exec(rest);
    const host = match?.[1] ?? match?.[2];
    if (!match || !host || user === '') return null;
    const port = match[3] === undefined ? null : Number(match[3]);
    if (port !== null && (port < 1 || port > 65535)) return null;
    hops.push({ user, host, port });
  }
  return hops;
}

/** What the % tokens of an IdentityFile stand for (ssh_config(5) TOKENS). */
export interface IdentityTokens {
  /** Local home directory, for `~` and %d. */
  home: string;
  /** Local user name, %u. */
  localUser: string;
  /** The alias as typed, %n (and %k: no HostKeyAlias is read). */
  alias: string;
  hostname: string;
  port: number;
  user: string;
  /** The local host name, %l, and its first label, %L. */
  localHost: string;
  /** The local user id, %i. */
  uid: string;
  /** %C: SHA-1 of %l%h%p%r in hex, computed by the caller. */
  connectionHash: string;
}

/**
 * Expands `~` and the % tokens OpenSSH 9.2 allows in IdentityFile (%%, %C, %d, %h, %i, %k, %L,
 * %l, %n, %p, %r, %u). An unknown token leaves the path as an error, as ssh itself refuses it.
 */
export function expandIdentityFile(
  path: string,
  tokens: IdentityTokens,
): { ok: true; path: string } | { ok: false; error: string } {
  const values: Record<string, string> = {
    '%': '%',
    C: tokens.connectionHash,
    d: tokens.home,
    h: tokens.hostname,
    i: tokens.uid,
    k: tokens.alias,
    L: tokens.localHost.split('.')[0] ?? '',
    l: tokens.localHost,
    n: tokens.alias,
    p: String(tokens.port),
    r: tokens.user,
    u: tokens.localUser,
  };
  let unknown: string | null = null;
  const expanded = path.replace(/%(.?)/g, (whole, letter: string) => {
    const value = values[letter];
    if (value === undefined) unknown ??= whole;
    return value ?? whole;
  });
  if (unknown !== null) {
    return {
      ok: false,
      error: `IdentityFile ${path} uses ${unknown}, which is not supported here.`,
    };
  }
  const home =
    expanded === '~' || expanded.startsWith('~/') ? tokens.home + expanded.slice(1) : expanded;
  return { ok: true, path: home };
}

// The keywords OpenSSH 9.2's client knows and the value syntax of the options the workbench
// reads (readconf.c keywords[], parse_flag, parse_time, parse_int, a2port, parse_jump). Pure.

/** Every keyword of ssh 9.2's client: anything else is "Bad configuration option". */
const KNOWN = new Set(
  (
    'protocol gssapiauthentication gssapidelegatecredentials pkcs11provider smartcarddevice ' +
    'forwardagent forwardx11 forwardx11trusted forwardx11timeout exitonforwardfailure ' +
    'xauthlocation gatewayports passwordauthentication kbdinteractiveauthentication ' +
    'kbdinteractivedevices challengeresponseauthentication skeyauthentication ' +
    'tisauthentication pubkeyauthentication dsaauthentication hostbasedauthentication ' +
    'identityfile identityfile2 identitiesonly certificatefile addkeystoagent identityagent ' +
    'hostname hostkeyalias proxycommand port ciphers macs remoteforward localforward ' +
    'permitremoteopen user host match escapechar globalknownhostsfile userknownhostsfile ' +
    'connectionattempts batchmode checkhostip stricthostkeychecking compression tcpkeepalive ' +
    'keepalive numberofpasswordprompts syslogfacility loglevel logverbose dynamicforward ' +
    'preferredauthentications hostkeyalgorithms casignaturealgorithms bindaddress ' +
    'bindinterface clearallforwardings enablesshkeysign verifyhostkeydns ' +
    'nohostauthenticationforlocalhost rekeylimit connecttimeout addressfamily ' +
    'serveraliveinterval serveralivecountmax sendenv setenv controlpath controlmaster ' +
    'controlpersist hashknownhosts include tunnel tunneldevice localcommand ' +
    'permitlocalcommand remotecommand visualhostkey kexalgorithms ipqos requesttty ' +
    'sessiontype stdinnull forkafterauthentication proxyusefdpass canonicaldomains ' +
    'canonicalizefallbacklocal canonicalizehostname canonicalizemaxdots ' +
    'canonicalizepermittedcnames streamlocalbindmask streamlocalbindunlink revokedhostkeys ' +
    'fingerprinthash updatehostkeys hostbasedacceptedalgorithms hostbasedkeytypes ' +
    'pubkeyacceptedalgorithms pubkeyacceptedkeytypes ignoreunknown proxyjump ' +
    'securitykeyprovider knownhostscommand requiredrsasize enableescapecommandline ' +
    // Deprecated (ignored) and unsupported (warned about) ones are still not "bad".
    'cipher fallbacktorsh globalknownhostsfile2 rhostsauthentication userknownhostsfile2 ' +
    'useroaming usersh useprivilegedport afstokenpassing kerberosauthentication ' +
    'kerberostgtpassing rsaauthentication rhostsrsaauthentication compressionlevel'
  ).split(' '),
);

export const isKnownKeyword = (keyword: string): boolean => KNOWN.has(keyword);

/** parse_flag: yes/no/true/false in any case; null for anything else. */
export function parseFlag(text: string): boolean | null {
  const value = text.toLowerCase();
  if (value === 'yes' || value === 'true') return true;
  if (value === 'no' || value === 'false') return false;
  return null;
}

/** parse_multistate for CanonicalizeHostname: true when canonicalisation is on. */
export function parseCanonicalize(text: string): boolean | null {
  const value = text.toLowerCase();
  if (value === 'always') return true;
  return parseFlag(value);
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** misc.c convtime: "90", "1m30s", "2H"; null when not a time. */
export function parseTime(text: string): number | null {
  if (text === '') return null;
  let total = 0;
  for (const part of text.matchAll(/(\d+)([smhdwSMHDW]?)|(.)/g)) {
    if (part[3] !== undefined) return null;
    total += Number(part[1]) * (UNITS[(part[2] ?? '').toLowerCase()] ?? 1);
    if (total > 2_147_483_647) return null;
  }
  return total;
}

/** atoi_err: a decimal integer from 0 to INT_MAX. */
export function parseCount(text: string): number | null {
  if (!/^\d{1,10}$/.test(text) || Number(text) > 2_147_483_647) return null;
  return Number(text);
}

/** a2port: 1-65535 (0 is refused), or the "ssh" service's 22. */
export function parsePort(text: string): number | null {
  if (text === 'ssh') return 22;
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : null;
}

/** One ProxyJump hop as written: `[user@]host[:port]`; null where the hop leaves it to the config. */
export interface JumpTarget {
  user: string | null;
  host: string;
  port: number | null;
}

/** hpdelim + cleanhostname: `host`, `host:port` or `[v6]:port`. */
function hostAndPort(text: string): { host: string; port: number | null } | null {
  const match = /^(?:\[([^\]]*)\]|([^:/[\]]*))(?::([^:/]*))?$/.exec(text);
  const host = match?.[1] ?? match?.[2];
  if (!match || !host) return null;
  if (match[3] === undefined || match[3] === '') return { host, port: null };
  const port = parsePort(match[3]);
  return port === null ? null : { host, port };
}

/** misc.c valid_domain, which an ssh:// URI's host must pass (so no IPv6 literal there). */
const validDomain = (host: string): boolean =>
  /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(host) && !host.includes('..');

/** One ProxyJump hop: parse_ssh_uri or parse_user_host_port. */
function parseJumpHop(text: string): JumpTarget | null {
  if (text.startsWith('ssh://')) {
    const rest = text.slice(6);
    const at = rest.indexOf('@');
    const user = at >= 0 ? (rest.slice(0, at).split(';')[0] ?? '') : null;
    if (user === '') return null;
    const place = hostAndPort(at >= 0 ? rest.slice(at + 1) : rest);
    if (!place || !validDomain(place.host)) return null;
    // valid_domain drops one trailing dot.
    return { user, ...place, host: place.host.replace(/\.$/, '') };
  }
  const at = text.lastIndexOf('@');
  const user = at >= 0 ? text.slice(0, at) : null;
  if (user === '') return null;
  const place = hostAndPort(at >= 0 ? text.slice(at + 1) : text);
  return place && { user, ...place };
}

export type JumpValue = { kind: 'none' } | { kind: 'hops'; last: JumpTarget; extra: string | null };

/** parse_jump: "none", or hops separated by commas, each checked; the last one is kept apart. */
export function parseJumpValue(value: string): JumpValue | null {
  const text = value.replace(/#.*$/, '').trimEnd();
  if (text.toLowerCase() === 'none') return { kind: 'none' };
  const hops = text.split(',');
  let last: JumpTarget | null = null;
  for (const hop of hops) {
    last = parseJumpHop(hop);
    if (!last) return null;
  }
  if (!last) return null;
  const comma = text.lastIndexOf(',');
  return { kind: 'hops', last, extra: comma > 0 ? text.slice(0, comma) : null };
}

/** The ProxyJump line `ssh -G` prints: numeric hosts bracketed, the port only when given. */
export function formatJump(jump: { last: JumpTarget; extra: string | null }): string {
  const { user, host, port } = jump.last;
  const numeric = host.includes(':') || /^[0-9.]*$/.test(host);
  return (
    (jump.extra !== null ? `${jump.extra},` : '') +
    (user !== null ? `${user}@` : '') +
    (numeric ? `[${host}]` : host) +
    (port !== null ? `:${port}` : '')
  );
}

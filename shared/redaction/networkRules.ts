/** IP addresses and fully qualified host names in free text. */
import { pushValue } from './ruleHelpers';
import type { FoundValue } from './types';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
// Not part of a longer dotted number (versions like 3.11.2 have 3 parts; 1.2.3.4.5 is no address).
const IPV4 = new RegExp(`(?<![\\d.])${OCTET}(?:\\.${OCTET}){3}(?![\\d]|\\.\\d)`, 'g');

// Candidates: hex groups joined by 2 to 7 colons; validated by isIpv6 (times like 10:41:02 fail).
const IPV6_CANDIDATE =
  /(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:\.[\d.]{1,12})?(?![\w:.])/g;

// Last labels that are host name endings in practice; file extensions (py, so, sh…) and Python
// attribute names (info, app) are left out on purpose, see docs/redaction.md.
const TLDS = [
  'com',
  'net',
  'org',
  'io',
  'dev',
  'local',
  'localdomain',
  'internal',
  'intranet',
  'lan',
  'corp',
  'home',
  'arpa',
  'cloud',
  'ai',
  'co',
  'uk',
  'de',
  'fr',
  'eu',
  'us',
  'ca',
  'au',
  'jp',
  'cn',
  'ru',
  'nl',
  'se',
  'ch',
  'biz',
  'tech',
  'gov',
  'edu',
  'mil',
  'int',
  'example',
  'test',
  'invalid',
  'online',
  'site',
  'xyz',
  'me',
  'tv',
  'in',
  'it',
  'es',
  'pl',
  'br',
  'be',
  'at',
  'dk',
  'fi',
  'no',
];
const HOST = new RegExp(
  `(?<![\\w.-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.){1,10}(?:${TLDS.join('|')})(?![\\w-]|\\.[A-Za-z0-9])`,
  'gi',
);

export function findIpAddresses(text: string, out: FoundValue[]): void {
  for (const match of text.matchAll(IPV4)) pushValue(out, 'ip', 'ipv4', match[0]);
  for (const match of text.matchAll(IPV6_CANDIDATE)) {
    if (isIpv6(match[0])) pushValue(out, 'ip', 'ipv6', match[0]);
  }
}

export function findHostNames(text: string, out: FoundValue[]): void {
  for (const match of text.matchAll(HOST)) pushValue(out, 'host', 'fqdn', match[0]);
}

const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;
const IPV4_WHOLE = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);

/** RFC 4291 text forms: 8 groups, or fewer with one `::`, optionally ending in an IPv4 address. */
export function isIpv6(candidate: string): boolean {
  const halves = candidate.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  let width = 0;
  for (const [index, group] of groups.entries()) {
    if (HEX_GROUP.test(group)) width += 1;
    else if (index === groups.length - 1 && IPV4_WHOLE.test(group)) width += 2;
    else return false;
  }
  if (halves.length === 2)
    return width <= 7 && (width > 0 || candidate === '::') && candidate !== '::';
  return width === 8;
}

/** A context value that is an address, not a name. */
export function isIpAddress(value: string): boolean {
  return IPV4_WHOLE.test(value) || isIpv6(value);
}

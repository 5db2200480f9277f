import { createHash, createHmac, randomBytes } from 'node:crypto';

/** One usable line of an OpenSSH known_hosts file (man 8 sshd, "SSH_KNOWN_HOSTS FILE FORMAT"). */
export interface KnownHostEntry {
  file: string;
  line: number;
  marker: '' | '@revoked' | '@cert-authority';
  patterns: string;
  keyType: string;
  /** The key blob in canonical base64, so it compares equal to the server's. */
  keyBase64: string;
}

/** A line that does not parse: skipped, as OpenSSH does, but named so the user can fix it. */
export interface SkippedLine {
  file: string;
  line: number;
  reason: string;
}

export interface ParsedKnownHosts {
  entries: KnownHostEntry[];
  skipped: SkippedLine[];
}

/** `host` for port 22, `[host]:port` otherwise, as OpenSSH writes and looks them up. */
export function hostPattern(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** OpenSSH's fingerprint: SHA256 of the key blob, base64 without padding. */
export function fingerprintSha256(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type is the first string inside the SSH wire-format key blob. */
export function keyTypeOfBlob(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return 'unknown';
  const length = keyBlob.readUInt32BE(0);
  if (length > 64 || 4 + length > keyBlob.length) return 'unknown';
  return keyBlob.subarray(4, 4 + length).toString('latin1');
}

/** OpenSSH's HashKnownHosts: `|1|salt|HMAC-SHA1(salt, name)`, both base64, a 20-byte salt. */
export function hashedHostName(name: string, salt: Buffer = randomBytes(20)): string {
  const hash = createHmac('sha1', salt).update(name).digest('base64');
  return `|1|${salt.toString('base64')}|${hash}`;
}

const SHA1_LENGTH = 20;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Salt and hash of a `|1|…` field, or null when it is not one OpenSSH would accept. */
function hashedParts(patterns: string): { salt: Buffer; hash: string } | null {
  const [empty, magic, salt, hash, ...rest] = patterns.split('|');
  if (empty !== '' || magic !== '1' || !salt || !hash || rest.length > 0) return null;
  if (!BASE64.test(salt) || !BASE64.test(hash)) return null;
  const saltBytes = Buffer.from(salt, 'base64');
  const hashBytes = Buffer.from(hash, 'base64');
  if (saltBytes.length !== SHA1_LENGTH || hashBytes.length !== SHA1_LENGTH) return null;
  return { salt: saltBytes, hash: hashBytes.toString('base64') };
}

const MARKERS: ReadonlySet<string> = new Set(['@revoked', '@cert-authority']);

function isMarker(field: string): field is '@revoked' | '@cert-authority' {
  return MARKERS.has(field);
}

/** Why a line cannot be used, or its entry. */
function parseLine(line: string, file: string, number: number): KnownHostEntry | string {
  const fields = line.split(/\s+/);
  let marker: KnownHostEntry['marker'] = '';
  const first = fields[0] ?? '';
  if (first.startsWith('@')) {
    if (!isMarker(first)) return `unknown marker ${first}`;
    marker = first;
    fields.shift();
  }
  const [patterns, keyType, keyBase64] = fields;
  if (!patterns || !keyType || !keyBase64) return 'expected host patterns, key type and key';
  if (patterns.startsWith('|') && !hashedParts(patterns)) return 'malformed hashed host name';
  if (!BASE64.test(keyBase64)) return 'the key is not base64';
  const blob = Buffer.from(keyBase64, 'base64');
  if (keyTypeOfBlob(blob) !== keyType) return `the key is not a ${keyType} key`;
  return { file, line: number, marker, patterns, keyType, keyBase64: blob.toString('base64') };
}

/** Never throws: a line that does not parse is skipped and reported with its number. */
export function parseKnownHosts(text: string, file: string): ParsedKnownHosts {
  const parsed: ParsedKnownHosts = { entries: [], skipped: [] };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const result = parseLine(line, file, index + 1);
    if (typeof result === 'string') parsed.skipped.push({ file, line: index + 1, reason: result });
    else parsed.entries.push(result);
  });
  return parsed;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

/** Does one comma-separated pattern list name this host? Handles hashed names, globs and `!`. */
export function patternsMatch(patterns: string, host: string, port: number): boolean {
  const name = hostPattern(host, port);
  if (patterns.startsWith('|')) {
    const parts = hashedParts(patterns);
    if (!parts) return false;
    return createHmac('sha1', parts.salt).update(name).digest('base64') === parts.hash;
  }
  let matched = false;
  for (const pattern of patterns.split(',')) {
    const negated = pattern.startsWith('!');
    const body = negated ? pattern.slice(1) : pattern;
    if (globToRegExp(body).test(name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

export function describeEntry(entry: KnownHostEntry): string {
  const blob = Buffer.from(entry.keyBase64, 'base64');
  return `${entry.keyType} ${fingerprintSha256(blob)} (${entry.file}:${entry.line})`;
}

const SKIPPED_NAMED = 5;

export function describeSkipped(skipped: readonly SkippedLine[]): string {
  const named = skipped.slice(0, SKIPPED_NAMED).map((s) => `${s.file}:${s.line} (${s.reason})`);
  const more = skipped.length - named.length;
  const list = `${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  return skipped.length === 1
    ? `A known_hosts line was skipped because it does not parse: ${list}.`
    : `${skipped.length} known_hosts lines were skipped because they do not parse: ${list}.`;
}

import { createHash, createHmac } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** One usable line of an OpenSSH known_hosts file (man 8 sshd, "SSH_KNOWN_HOSTS FILE FORMAT"). */
export interface KnownHostEntry {
  file: string;
  line: number;
  marker: '' | '@revoked' | '@cert-authority';
  patterns: string;
  keyType: string;
  keyBase64: string;
}

export type HostKeyVerdict =
  | { status: 'trusted'; entry: KnownHostEntry }
  | { status: 'unknown' }
  | { status: 'revoked'; entry: KnownHostEntry }
  | { status: 'changed'; expected: KnownHostEntry[] };

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

export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    let marker: KnownHostEntry['marker'] = '';
    if (fields[0] === '@revoked' || fields[0] === '@cert-authority')
      marker = fields.shift() as KnownHostEntry['marker'];
    const [patterns, keyType, keyBase64] = fields;
    if (!patterns || !keyType || !keyBase64) return;
    entries.push({ file, line: index + 1, marker, patterns, keyType, keyBase64 });
  });
  return entries;
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
  if (patterns.startsWith('|1|')) {
    const [, , salt, hash] = patterns.split('|');
    if (!salt || !hash) return false;
    const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return digest === hash;
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

/**
 * Checks a server's key against known_hosts files. The first file is the one new keys are
 * appended to (the app's own); the others (the user's ~/.ssh/known_hosts) are trusted but not written.
 */
export class KnownHosts {
  constructor(private readonly files: readonly string[]) {
    if (files.length === 0) throw new Error('KnownHosts needs at least one file');
  }

  async entriesFor(host: string, port: number): Promise<KnownHostEntry[]> {
    const all: KnownHostEntry[] = [];
    for (const file of this.files) {
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return '';
        throw new Error(`Cannot read known_hosts file ${file}: ${error.message}`);
      });
      all.push(...parseKnownHosts(text, file).filter((e) => patternsMatch(e.patterns, host, port)));
    }
    return all.filter((e) => e.marker !== '@cert-authority');
  }

  async verify(host: string, port: number, keyBlob: Buffer): Promise<HostKeyVerdict> {
    const entries = await this.entriesFor(host, port);
    const keyBase64 = keyBlob.toString('base64');
    const revoked = entries.find((e) => e.marker === '@revoked' && e.keyBase64 === keyBase64);
    if (revoked) return { status: 'revoked', entry: revoked };
    const plain = entries.filter((e) => e.marker === '');
    const trusted = plain.find((e) => e.keyBase64 === keyBase64);
    if (trusted) return { status: 'trusted', entry: trusted };
    // Any other key on record for this host means the server is not the one we met before.
    if (plain.length > 0) return { status: 'changed', expected: plain };
    return { status: 'unknown' };
  }

  /** Key types on record for the host, so the client asks the server for one of those first. */
  async knownKeyTypes(host: string, port: number): Promise<string[]> {
    const entries = await this.entriesFor(host, port);
    return [...new Set(entries.filter((e) => e.marker === '').map((e) => e.keyType))];
  }

  async add(host: string, port: number, keyBlob: Buffer): Promise<void> {
    const file = this.files[0] as string;
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const line = `${hostPattern(host, port)} ${keyTypeOfBlob(keyBlob)} ${keyBlob.toString('base64')}\n`;
    await appendFile(file, line, { mode: 0o600 });
  }
}

export function describeEntry(entry: KnownHostEntry): string {
  const blob = Buffer.from(entry.keyBase64, 'base64');
  return `${entry.keyType} ${fingerprintSha256(blob)} (${entry.file}:${entry.line})`;
}

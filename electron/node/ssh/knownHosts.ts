import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  hashedHostName,
  hostPattern,
  keyTypeOfBlob,
  parseKnownHosts,
  patternsMatch,
  type KnownHostEntry,
  type ParsedKnownHosts,
  type SkippedLine,
} from './knownHostsFormat';

/** The machine-wide file OpenSSH reads after the user's (GlobalKnownHostsFile). */
export const SYSTEM_KNOWN_HOSTS = '/etc/ssh/ssh_known_hosts';

/** Read-only files trusted besides the app's own: the user's, then the system's, as OpenSSH. */
export function defaultTrustedKnownHosts(home: string = homedir()): string[] {
  return [join(home, '.ssh', 'known_hosts'), SYSTEM_KNOWN_HOSTS];
}

export type HostKeyVerdict = (
  | { status: 'trusted'; entry: KnownHostEntry }
  | { status: 'unknown' }
  | { status: 'revoked'; entry: KnownHostEntry }
  | { status: 'changed'; expected: KnownHostEntry[] }
  /** Only @cert-authority lines name the host: ssh2 cannot check a host certificate. */
  | { status: 'cert-authority'; authorities: KnownHostEntry[] }
) & {
  /** Lines of the files read that do not parse, so the user hears which to fix. */
  skipped: SkippedLine[];
};

/**
 * Checks a server's key against known_hosts files. The first file is the one new keys are
 * appended to (the app's own, hashed); the others (the user's ~/.ssh/known_hosts, the system's
 * /etc/ssh/ssh_known_hosts) are trusted but never written.
 */
export class KnownHosts {
  constructor(private readonly files: readonly string[]) {
    if (files.length === 0) throw new Error('KnownHosts needs at least one file');
  }

  private async read(): Promise<ParsedKnownHosts> {
    const all: ParsedKnownHosts = { entries: [], skipped: [] };
    for (const file of this.files) {
      const parsed = parseKnownHosts(await readOrEmpty(file), file);
      all.entries.push(...parsed.entries);
      all.skipped.push(...parsed.skipped);
    }
    return all;
  }

  /** Every line naming the host, @cert-authority and @revoked ones included, in file order. */
  async entriesFor(
    host: string,
    port: number,
  ): Promise<{ entries: KnownHostEntry[]; skipped: SkippedLine[] }> {
    const { entries, skipped } = await this.read();
    return { entries: entries.filter((e) => patternsMatch(e.patterns, host, port)), skipped };
  }

  async verify(host: string, port: number, keyBlob: Buffer): Promise<HostKeyVerdict> {
    const { entries, skipped } = await this.entriesFor(host, port);
    const keyBase64 = keyBlob.toString('base64');
    const revoked = entries.find((e) => e.marker === '@revoked' && e.keyBase64 === keyBase64);
    if (revoked) return { status: 'revoked', entry: revoked, skipped };
    const plain = entries.filter((e) => e.marker === '');
    const trusted = plain.find((e) => e.keyBase64 === keyBase64);
    if (trusted) return { status: 'trusted', entry: trusted, skipped };
    // Any other key on record for this host means the server is not the one we met before.
    if (plain.length > 0) return { status: 'changed', expected: plain, skipped };
    // Asking the user would let them trust a key the authority never signed.
    const authorities = entries.filter((e) => e.marker === '@cert-authority');
    if (authorities.length > 0) return { status: 'cert-authority', authorities, skipped };
    return { status: 'unknown', skipped };
  }

  /** Key types on record for the host, so the client asks the server for one of those first. */
  async knownKeyTypes(host: string, port: number): Promise<string[]> {
    const { entries } = await this.entriesFor(host, port);
    return [...new Set(entries.filter((e) => e.marker === '').map((e) => e.keyType))];
  }

  /** Appends to the app's own file with the name hashed, as OpenSSH's `HashKnownHosts yes`. */
  async add(host: string, port: number, keyBlob: Buffer): Promise<void> {
    const [file] = this.files;
    if (file === undefined) return;
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const before = await readOrEmpty(file);
    const separator = before === '' || before.endsWith('\n') ? '' : '\n';
    const name = hashedHostName(hostPattern(host, port));
    const line = `${separator}${name} ${keyTypeOfBlob(keyBlob)} ${keyBlob.toString('base64')}\n`;
    await appendFile(file, line, { mode: 0o600 });
  }
}

async function readOrEmpty(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw new Error(`Cannot read known_hosts file ${file}: ${error.message}`);
  });
}

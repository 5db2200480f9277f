import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import ssh2 from './ssh2';
import { SshConnectError } from './connectErrors';

export interface LoadedKey {
  data: Buffer;
  /** Kept only in memory for the life of the connection attempt; never logged or stored. */
  passphrase?: string;
}

export type AskPassphrase = (request: {
  keyPath: string;
  attempt: number;
  retryReason?: string;
}) => Promise<string | null>;

const MAX_PASSPHRASE_ATTEMPTS = 3;

export function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path;
}

async function readKeyFile(keyPath: string): Promise<Buffer> {
  try {
    return await readFile(keyPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'is not readable (permission denied)'
          : code === 'EISDIR'
            ? 'is a directory, not a key file'
            : `cannot be read (${code ?? 'unknown error'})`;
    throw new SshConnectError('key-file', `Key file ${keyPath} ${why}.`);
  }
}

const isEncryptedKeyError = (error: Error) => /encrypted|passphrase/i.test(error.message);

/** Reads a private key and, if it is encrypted, asks for its passphrase until it opens. */
export async function loadPrivateKey(rawPath: string, ask: AskPassphrase): Promise<LoadedKey> {
  const keyPath = expandHome(rawPath);
  const data = await readKeyFile(keyPath);
  const plain = ssh2.utils.parseKey(data);
  if (!(plain instanceof Error)) return { data };
  if (!isEncryptedKeyError(plain)) {
    throw new SshConnectError(
      'key-file',
      `Key file ${keyPath} is not a private key this app can read (${plain.message}).`,
    );
  }
  let retryReason: string | undefined;
  for (let attempt = 1; attempt <= MAX_PASSPHRASE_ATTEMPTS; attempt++) {
    const passphrase = await ask({ keyPath, attempt, ...(retryReason ? { retryReason } : {}) });
    if (passphrase === null) {
      throw new SshConnectError(
        'passphrase',
        `No passphrase given for ${keyPath}; connection cancelled.`,
      );
    }
    const parsed = ssh2.utils.parseKey(data, passphrase);
    if (!(parsed instanceof Error)) return { data, passphrase };
    retryReason = 'Wrong passphrase.';
  }
  throw new SshConnectError(
    'passphrase',
    `Wrong passphrase for ${keyPath} (${MAX_PASSPHRASE_ATTEMPTS} attempts).`,
  );
}

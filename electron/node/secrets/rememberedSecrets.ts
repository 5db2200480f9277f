import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PasswordMemory } from '../ssh/interactiveAuth';
import { writeFileAtomic } from '../store/atomicFile';

/**
 * The OS keychain as Electron's safeStorage offers it (the Electron main process makes one; the
 * browser mode has none). Only this thin layer touches safeStorage, so the logic around it can
 * be tested without Electron.
 */
export interface Keychain {
  /** null when secrets can be kept safely; otherwise why not, in a sentence. */
  unavailableReason(): Promise<string | null>;
  encrypt(plainText: string): Promise<Buffer>;
  decrypt(encrypted: Buffer): Promise<string>;
}

const NO_KEYCHAIN =
  'there is no OS keychain in the browser mode; passwords are kept for the connection attempt only.';

/**
 * Passwords the user asked to remember, each encrypted by the OS keychain and written to
 * `dir/<hash>.secret` (atomically; the name is a hash, so the folder does not list hosts).
 * Without a usable keychain nothing is written and remember() says why.
 */
export class RememberedSecrets {
  constructor(
    private readonly dir: string,
    private readonly keychain: Keychain | null,
  ) {}

  /** Why passwords cannot be remembered here, or null when they can. */
  async unavailableReason(): Promise<string | null> {
    if (!this.keychain) return NO_KEYCHAIN;
    return this.keychain.unavailableReason();
  }

  /** The password memory of one login (user@host:port). */
  forLogin(login: { host: string; port: number; user: string }): PasswordMemory {
    const path = join(this.dir, `${fileName(login)}.secret`);
    return {
      canRemember: async () => (await this.unavailableReason()) === null,
      recall: () => this.recall(path),
      remember: (password) => this.remember(path, password),
      forget: () => rm(path, { force: true }),
    };
  }

  private async recall(path: string): Promise<string | null> {
    if (!this.keychain || (await this.keychain.unavailableReason()) !== null) return null;
    const stored = await readFile(path, 'utf8').catch(() => null);
    if (stored === null) return null;
    try {
      return await this.keychain.decrypt(Buffer.from(stored.trim(), 'base64'));
    } catch {
      // Encrypted under another key (keyring reset, another machine): useless, so dropped.
      await rm(path, { force: true });
      return null;
    }
  }

  private async remember(path: string, password: string): Promise<string | null> {
    const reason = await this.unavailableReason();
    if (reason !== null || !this.keychain) return reason ?? NO_KEYCHAIN;
    const encrypted = await this.keychain.encrypt(password);
    await writeFileAtomic(path, `${encrypted.toString('base64')}\n`);
    return null;
  }
}

function fileName(login: { host: string; port: number; user: string }): string {
  return createHash('sha256')
    .update(`password\0${login.user}\0${login.host}\0${login.port}`)
    .digest('hex')
    .slice(0, 32);
}

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keychain } from '../../../electron/node/secrets/rememberedSecrets';

/**
 * A stand-in for Electron's safeStorage (which needs the Electron binary): real encryption
 * (AES-256-GCM under a key held in memory), so a test that greps files for a secret can fail.
 */
export class FakeKeychain implements Keychain {
  private key = randomBytes(32);
  /** Set to a sentence to behave like Linux without a keyring (backend basic_text). */
  unavailable: string | null = null;
  encryptCalls = 0;

  async unavailableReason(): Promise<string | null> {
    return this.unavailable;
  }

  async encrypt(plainText: string): Promise<Buffer> {
    this.encryptCalls += 1;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  async decrypt(encrypted: Buffer): Promise<string> {
    const decipher = createDecipheriv('aes-256-gcm', this.key, encrypted.subarray(0, 12));
    decipher.setAuthTag(encrypted.subarray(12, 28));
    return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString(
      'utf8',
    );
  }

  /** As after a keyring reset: blobs written before no longer decrypt. */
  rotateKey(): void {
    this.key = randomBytes(32);
  }
}

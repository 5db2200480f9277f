import { safeStorage } from 'electron';
import type { Keychain } from '../node/secrets/rememberedSecrets';

/**
 * The OS keychain through Electron's safeStorage, async API only. On Linux without a keyring
 * (backend `basic_text`) safeStorage would "encrypt" with a fixed, public key: refused.
 */
export function safeStorageKeychain(): Keychain {
  return {
    async unavailableReason() {
      if (process.platform === 'linux') {
        const backend = safeStorage.getSelectedStorageBackend();
        if (backend === 'basic_text' || backend === 'unknown') {
          return `no OS keyring was found (Electron's safeStorage backend is "${backend}"), so a remembered password would be stored in plain text; start a Secret Service (GNOME Keyring, KWallet) to use it.`;
        }
      }
      if (!(await safeStorage.isAsyncEncryptionAvailable())) {
        return "the OS keychain is not available (Electron's safeStorage says encryption is unavailable).";
      }
      return null;
    },
    encrypt: (plainText) => safeStorage.encryptStringAsync(plainText),
    decrypt: async (encrypted) => (await safeStorage.decryptStringAsync(encrypted)).result,
  };
}

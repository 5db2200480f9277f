import { afterEach, describe, expect, it, vi } from 'vitest';

// The Electron binary cannot run here: safeStorage is this fake, with what each platform returns.
const safeStorage = {
  backend: 'gnome_libsecret' as string,
  available: true,
  getSelectedStorageBackend: () => safeStorage.backend,
  isAsyncEncryptionAvailable: async () => safeStorage.available,
  encryptStringAsync: async (text: string) => Buffer.from(`enc:${text}`),
  decryptStringAsync: async (blob: Buffer) => ({
    result: blob.toString().replace(/^enc:/, ''),
    shouldReEncrypt: false,
  }),
};
vi.mock('electron', () => ({ safeStorage }));
const { safeStorageKeychain } = await import('../../../electron/main/safeStorageKeychain');

const onLinux = (run: () => Promise<void>) => async () => {
  const platform = Object.getOwnPropertyDescriptor(process, 'platform');
  Object.defineProperty(process, 'platform', { value: 'linux' });
  try {
    await run();
  } finally {
    if (platform) Object.defineProperty(process, 'platform', platform);
  }
};

afterEach(() => {
  safeStorage.backend = 'gnome_libsecret';
  safeStorage.available = true;
});

describe("the OS keychain through Electron's safeStorage", () => {
  it(
    'refuses on Linux when the backend is basic_text, saying why',
    onLinux(async () => {
      safeStorage.backend = 'basic_text';
      const reason = await safeStorageKeychain().unavailableReason();
      expect(reason).toMatch(/no OS keyring was found .*"basic_text".*plain text/);
    }),
  );

  it(
    'is used with a real keyring, through the async API',
    onLinux(async () => {
      const keychain = safeStorageKeychain();
      expect(await keychain.unavailableReason()).toBeNull();
      expect(await keychain.decrypt(await keychain.encrypt('pw'))).toBe('pw');
    }),
  );

  it('refuses where safeStorage says encryption is unavailable', async () => {
    safeStorage.available = false;
    expect(await safeStorageKeychain().unavailableReason()).toMatch(/not available/);
  });
});

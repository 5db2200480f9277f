import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RememberedSecrets } from '../../../electron/node/secrets/rememberedSecrets';
import { FakeKeychain } from './fakeKeychain';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wb-keychain-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const login = { host: 'db1.example', port: 22, user: 'ops' };
const PASSWORD = 'correct horse battery staple';

describe('passwords remembered in the OS keychain', () => {
  it('keeps only the keychain-encrypted blob, under a name that does not list the host', async () => {
    const keychain = new FakeKeychain();
    const memory = new RememberedSecrets(dir, keychain).forLogin(login);
    expect(await memory.canRemember()).toBe(true);
    expect(await memory.remember(PASSWORD)).toBeNull();
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{32}\.secret$/);
    const stored = readFileSync(join(dir, files[0] ?? ''), 'utf8');
    expect(stored).not.toContain(PASSWORD);
    expect(stored).not.toContain('db1');
    expect(await memory.recall()).toBe(PASSWORD);
    // Another login has nothing remembered.
    const other = new RememberedSecrets(dir, keychain).forLogin({ ...login, user: 'root' });
    expect(await other.recall()).toBeNull();
  });

  it('refuses, saying why, where the keychain would store plain text (Linux basic_text)', async () => {
    const keychain = new FakeKeychain();
    keychain.unavailable = 'no OS keyring was found (backend "basic_text")';
    const memory = new RememberedSecrets(dir, keychain).forLogin(login);
    expect(await memory.canRemember()).toBe(false);
    expect(await memory.remember(PASSWORD)).toContain('basic_text');
    expect(keychain.encryptCalls).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses in the browser mode, which has no keychain', async () => {
    const memory = new RememberedSecrets(dir, null).forLogin(login);
    expect(await memory.canRemember()).toBe(false);
    expect(await memory.remember(PASSWORD)).toMatch(/no OS keychain in the browser mode/);
    expect(await memory.recall()).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('drops a blob the keychain can no longer open, and one that was forgotten', async () => {
    const keychain = new FakeKeychain();
    const memory = new RememberedSecrets(dir, keychain).forLogin(login);
    await memory.remember(PASSWORD);
    keychain.rotateKey();
    expect(await memory.recall()).toBeNull();
    expect(readdirSync(dir)).toEqual([]);

    await memory.remember(PASSWORD);
    await memory.forget();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('replaces a blob atomically: no temp file is left, garbage is not decrypted', async () => {
    const keychain = new FakeKeychain();
    const memory = new RememberedSecrets(dir, keychain).forLogin(login);
    await memory.remember('first');
    await memory.remember(PASSWORD);
    expect(readdirSync(dir)).toHaveLength(1);
    expect(await memory.recall()).toBe(PASSWORD);
    const [file = ''] = readdirSync(dir);
    writeFileSync(join(dir, file), 'not base64 at all!');
    expect(await memory.recall()).toBeNull();
  });
});

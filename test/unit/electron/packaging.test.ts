import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../fixturePath';

describe('packaging (build/electron-builder.yml, read by electron-builder itself)', () => {
  it('flips the Electron fuses that close local code injection, in a config electron-builder accepts', async () => {
    const config = await getConfig(repoRoot, 'build/electron-builder.yml', null);
    // Its own schema check: a misspelt or unknown fuse would throw here.
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    // The integrity fuse means something only with an app.asar whose hash is embedded.
    expect(config.asar).not.toBe(false);
  });
});

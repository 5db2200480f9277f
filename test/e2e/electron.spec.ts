import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary } from '../../scripts/electronBinary.mjs';

const binary = electronBinary();

test('the desktop app opens its window with the sandboxed renderer', async () => {
  if (!binary) {
    const reason =
      'SKIPPED: the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD, or its download is blocked here); the UI is covered through the browser mode instead.';
    console.log(reason);
    test.skip(true, reason);
    return;
  }
  const app = await electron.launch({ executablePath: binary, args: ['.', '--no-sandbox'] });
  const window = await app.firstWindow();
  await expect(window.getByRole('heading', { name: 'Incident workbench' })).toBeVisible();
  // The page has the bridge and nothing of Node.
  expect(
    await window.evaluate(() => typeof (window as unknown as { workbench?: unknown }).workbench),
  ).toBe('object');
  expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
    'undefined',
  );
  await app.close();
});

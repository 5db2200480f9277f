import { app, BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWorkbench, SAMPLE_ARCHIVE } from '../node/workbench';
import { wireIpc } from './ipc';
import { createMainWindow, defaultUrls, lockDownSession } from './window';
import { safeStorageKeychain } from './safeStorageKeychain';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.enableSandbox();
  let disposing: Promise<void> | null = null;
  void app.whenReady().then(() => {
    lockDownSession();
    const workbench = createWorkbench({
      dataDir: process.env.WORKBENCH_DATA_DIR ?? app.getPath('userData'),
      keychain: safeStorageKeychain(),
      // Packaged: copied beside app.asar (build/electron-builder.yml, extraResources).
      sampleArchive: app.isPackaged
        ? join(process.resourcesPath, SAMPLE_ARCHIVE)
        : join(outDir, '..', 'build', SAMPLE_ARCHIVE),
    });
    const urls = defaultUrls(outDir);
    const window = createMainWindow(urls);
    const unwire = wireIpc(workbench, window, urls);
    window.on('closed', () => {
      unwire();
      disposing = workbench.dispose();
    });
  });
  // Quit once the capture logs are on disk (dispose gives up on them after 2 s).
  app.on(
    'window-all-closed',
    () => void (disposing ?? Promise.resolve()).finally(() => app.quit()),
  );
}

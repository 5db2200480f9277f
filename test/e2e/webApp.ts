import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';
import { createWorkbench, SAMPLE_ARCHIVE, type Workbench } from '../../electron/node/workbench';
import { startWebServer, type WebServer } from '../../electron/server/webServer';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The real browser-mode server and Node side, on a throwaway data dir, serving the built renderer. */
export class WebApp {
  private constructor(
    readonly server: WebServer,
    private readonly workbench: Workbench,
    private readonly dataDir: string,
  ) {}

  /** `dataDir`: a folder an earlier instance used (a restart); a new throwaway one otherwise. */
  /** `sshConfigFile`: what "Import from ~/.ssh/config" reads instead of the user's own. */
  /** `sshSearchPath`: where the import looks for OpenSSH's ssh instead of PATH. */
  static async start(
    dataDir = mkdtempSync(join(tmpdir(), 'wb-e2e-')),
    sshConfigFile?: string,
    sshSearchPath?: string,
  ): Promise<WebApp> {
    const workbench = createWorkbench({
      dataDir,
      trustedKnownHosts: [],
      ...(sshConfigFile ? { sshConfigFile } : {}),
      ...(sshSearchPath !== undefined ? { sshSearchPath } : {}),
      sampleArchive: join(repoRoot, 'build', SAMPLE_ARCHIVE),
    });
    const server = await startWebServer({
      workbench,
      staticDir: join(repoRoot, 'out', 'renderer'),
    });
    return new WebApp(server, workbench, dataDir);
  }

  /**
   * Closes every terminal, as quitting would. Run after each test of a file that shares one app:
   * terminals outlive their page, so the next test's page would otherwise take them over.
   */
  async closeTerminals(): Promise<void> {
    await this.workbench.terminals.disposeAll();
  }

  async stop({ keepData = false } = {}): Promise<void> {
    await this.workbench.dispose();
    await this.server.close();
    if (!keepData) rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** The app quit and started again on the same data (a new port, a new token). */
  async restart(): Promise<WebApp> {
    await this.stop({ keepData: true });
    return WebApp.start(this.dataDir);
  }
}

/** Fails the test if the page threw or logged an error: a broken app must not pass quietly. */
export function watchForFatalErrors(page: Page): () => void {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return () => expect(errors, 'errors logged by the app').toEqual([]);
}

export async function addHost(
  page: Page,
  host: { port: number; user: string; keyPath: string; label: string; address?: string },
): Promise<void> {
  await page.getByRole('button', { name: '+ Add host' }).click();
  await page.getByLabel('Address').fill(host.address ?? '127.0.0.1');
  await page.getByLabel('User').fill(host.user);
  await page.getByLabel('Port').fill(String(host.port));
  await page.getByLabel('Private key file').fill(host.keyPath);
  await page.getByLabel(/^Label/).fill(host.label);
  await page.getByRole('button', { name: 'Save host' }).click();
}

/** Types into the active terminal through xterm.js's own input, as a user would. */
export async function typeInTerminal(page: Page, text: string): Promise<void> {
  await page.locator('.tab-view:not([hidden]) .xterm').first().click();
  await page.keyboard.type(text);
}

/** The rows xterm.js has rendered in the visible pane (the DOM renderer writes them as text). */
export function terminalText(page: Page) {
  return page.locator('.tab-view:not([hidden]) .xterm-rows');
}

/**
 * Opens a shell on a saved host: Connect, or + Shell when the Node side still holds the
 * connection an earlier page opened (a connection outlives the page; its terminals do not).
 */
export async function openShellOn(page: Page, label: string): Promise<void> {
  const host = page.getByRole('listitem', { name: `Host ${label}` });
  const connect = host.getByRole('button', { name: 'Connect', exact: true });
  const newShell = host.getByRole('button', { name: '+ Shell' });
  await expect(connect.or(newShell)).toBeVisible();
  await ((await newShell.isVisible()) ? newShell : connect).click();
}

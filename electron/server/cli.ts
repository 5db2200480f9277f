import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWorkbench, SAMPLE_ARCHIVE } from '../node/workbench';
import { startWebServer } from './webServer';

/** `npm run web`: serves the built renderer and the Node side on 127.0.0.1, prints the URL. */
async function main(): Promise<void> {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const dataDir =
    process.env.WORKBENCH_DATA_DIR ??
    join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'incident-workbench');
  const portArg = process.argv.indexOf('--port');
  const port = Number(portArg > 0 ? process.argv[portArg + 1] : (process.env.WORKBENCH_PORT ?? 0));
  const workbench = createWorkbench({
    dataDir,
    sampleArchive: join(repoRoot, 'build', SAMPLE_ARCHIVE),
  });
  const server = await startWebServer({
    workbench,
    staticDir: join(repoRoot, 'out', 'renderer'),
    port: Number.isInteger(port) ? port : 0,
    ...(process.env.WORKBENCH_TOKEN ? { token: process.env.WORKBENCH_TOKEN } : {}),
  });
  process.stdout.write(
    `Incident workbench (browser mode) on loopback only.\nOpen: ${server.url}\nData: ${dataDir}\n`,
  );
  // Exit once the capture logs are on disk (dispose gives up on them after 2 s).
  const stop = () => {
    void Promise.all([workbench.dispose(), server.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});

// `npm start`: the desktop app when Electron's binary is installed, otherwise the browser mode,
// so that `npm install && npm start` always gives a working workbench.
import { spawn, spawnSync } from 'node:child_process';
import { electronBinary } from './electronBinary.mjs';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const binary = electronBinary();
if (!binary) {
  console.log(
    'The Electron binary is not installed here (its download was skipped or failed), so the desktop app cannot start.\n' +
      'Starting the browser mode instead: open the URL printed below in Chromium or Chrome.\n' +
      'For the desktop app, reinstall Electron where its download is allowed: npm rebuild electron\n',
  );
  const web = spawn('npm', ['run', 'web'], { stdio: 'inherit' });
  web.on('exit', (code) => process.exit(code ?? 0));
} else {
  const build = spawnSync(npx, ['electron-vite', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const app = spawn(binary, ['.'], { stdio: 'inherit' });
  app.on('exit', (code) => process.exit(code ?? 0));
}

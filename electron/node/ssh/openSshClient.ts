import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

const VERSION_TIMEOUT_MS = 5_000;

const executable = (path: string): Promise<boolean> =>
  access(path, constants.X_OK).then(
    () => true,
    () => false,
  );

/** `ssh -V` prints "OpenSSH_9.2p1 …" on stderr; other clients named ssh have no `-G`. */
function isOpenSsh(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(path, ['-V'], { timeout: VERSION_TIMEOUT_MS, windowsHide: true }, (_e, out, err) =>
      resolve(/^OpenSSH_/m.test(`${err}\n${out}`)),
    );
  });
}

const found = new Map<string, Promise<string | null>>();

/**
 * The OpenSSH client `ssh` on `searchPath` (a PATH value), or null when there is none: the
 * workbench's own parser resolves the config then. Looked up once per PATH value.
 */
export function findOpenSsh(searchPath: string): Promise<string | null> {
  let lookup = found.get(searchPath);
  if (!lookup) {
    lookup = (async () => {
      for (const dir of searchPath.split(delimiter)) {
        if (dir === '') continue;
        const candidate = join(dir, 'ssh');
        if (await executable(candidate)) return (await isOpenSsh(candidate)) ? candidate : null;
      }
      return null;
    })();
    found.set(searchPath, lookup);
  }
  return lookup;
}

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConfigFiles } from '../../../shared/sshConfig/resolveConfig';

/** One path component of a glob(3) pattern: `*`, `?` and `[…]` (`[!…]`); never throws. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i += 1) {
    const c = glob[i] ?? '';
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[') {
      // A "]" right after "[" or "[!" belongs to the class; an unclosed "[" is itself.
      let end = i + 1;
      if (glob[end] === '!' || glob[end] === '^') end += 1;
      if (glob[end] === ']') end += 1;
      end = glob.indexOf(']', end);
      if (end < 0) {
        source += '\\[';
        continue;
      }
      const body = glob.slice(i + 1, end).replace(/^[!^]/, '^');
      source += `[${body.replace(/[\\\]]/g, '\\$&')}]`;
      i = end;
    } else source += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  try {
    return new RegExp(`^${source}$`);
  } catch {
    // A class such as [z-a]: glob(3) matches nothing with it.
    return /(?!)/;
  }
}

/** Expands a glob the way glob(3) does for Include: wildcards in any path component, sorted. */
export async function expandGlob(pattern: string): Promise<string[]> {
  const parts = pattern.split('/').filter((part) => part !== '');
  let paths = ['/'];
  for (const part of parts) {
    const next: string[] = [];
    for (const base of paths) {
      if (!/[*?[]/.test(part)) {
        next.push(join(base, part));
        continue;
      }
      const names = await readdir(base).catch(() => []);
      const test = globToRegExp(part);
      // glob(3) skips dot files unless the pattern itself starts with a dot.
      for (const name of names.sort()) {
        if (test.test(name) && (part.startsWith('.') || !name.startsWith('.'))) {
          next.push(join(base, name));
        }
      }
    }
    paths = next;
  }
  return paths;
}

/**
 * ssh_config files as ssh opens them: a missing file is no error (ssh skips it), and where ssh
 * checks, a file another user owns or anyone may write is refused ("Bad owner or permissions").
 * A group-writable file passes, as Debian's ssh lets it pass for the user's own group (upstream
 * refuses it; telling the two apart needs the group's members).
 */
export const nodeConfigFiles: ConfigFiles = {
  async read(path, checkPermissions) {
    try {
      const info = await stat(path);
      const uid = process.getuid?.() ?? 0;
      const foreign = info.uid !== 0 && info.uid !== uid;
      if (checkPermissions && (foreign || (info.mode & 0o002) !== 0)) {
        return { ok: false, error: `Bad owner or permissions on ${path}` };
      }
      return { ok: true, text: await readFile(path, 'utf8') };
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? error.code : null;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: true, text: null };
      const why = error instanceof Error ? error.message : String(error);
      return { ok: false, error: `Can't open ssh config file ${path}: ${why}` };
    }
  },
  glob: expandGlob,
};

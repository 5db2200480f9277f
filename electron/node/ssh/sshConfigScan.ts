import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { expandGlob } from './sshConfigFiles';

/** OpenSSH's own bound on nested Include (readconf.c READCONF_MAX_DEPTH). */
const MAX_INCLUDE_DEPTH = 16;

export interface ConfigPlace {
  file: string;
  line: number;
}

export type ScanResult =
  | {
      ok: true;
      /** The first `Match exec` line, if any. */
      matchExec: ConfigPlace | null;
      /** Names of `Host` lines with no wildcard or negation, in file order, once each. */
      aliases: string[];
      files: string[];
    }
  | { ok: false; error: string };

/** Splits a config line into words, honouring double quotes; `keyword=value` counts as two. */
function words(line: string): string[] {
  const found = line.match(/"[^"]*"|[^\s="]+/g) ?? [];
  return found.map((word) => word.replace(/^"|"$/g, ''));
}

/**
 * Reads an ssh_config file and everything it Includes for the host aliases it names and for a
 * `Match exec` line, which `ssh -G` would run as a shell command: no option stops it. Every
 * Include is followed whatever Host or Match block it sits in, so the answer errs on the side
 * of finding one.
 * `userDir` is where relative Include paths start (~/.ssh for a user's file, /etc/ssh for the
 * system's).
 */
export async function scanSshConfig(
  file: string,
  userDir?: string,
  /** A missing `file` is not an error (ssh's default files need not exist). */
  optional = false,
): Promise<ScanResult> {
  const base = userDir ?? join(homedir(), '.ssh');
  const files: string[] = [];
  const aliases = new Set<string>();
  let matchExec: ConfigPlace | null = null;
  const visit = async (
    path: string,
    depth: number,
    from: ConfigPlace | null,
  ): Promise<string | null> => {
    if (depth > MAX_INCLUDE_DEPTH) {
      const where = from ? ` (${from.file} line ${from.line})` : '';
      return `Include nested more than ${MAX_INCLUDE_DEPTH} deep at ${path}${where}: an Include loop?`;
    }
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      // ssh itself skips a missing included file; a missing top file has no options at all.
      if (error.code === 'ENOENT' && (from || optional)) return '';
      return new Error(`Cannot read ssh config ${path}: ${error.message}`);
    });
    if (text instanceof Error) return text.message;
    files.push(path);
    const lines = text.split(/\r?\n/);
    for (const [index, raw] of lines.entries()) {
      const place = { file: path, line: index + 1 };
      const [keyword, ...args] = words(raw.replace(/#.*$/, ''));
      const key = keyword?.toLowerCase();
      if (key === 'match' && args.some((arg) => /^!?exec$/i.test(arg))) matchExec ??= place;
      if (key === 'host') {
        for (const name of args) if (!/[*?!]/.test(name)) aliases.add(name);
      }
      if (key !== 'include') continue;
      for (const arg of args) {
        const expanded = arg.startsWith('~/') ? join(homedir(), arg.slice(2)) : arg;
        const pattern = isAbsolute(expanded) ? expanded : join(base, expanded);
        for (const included of await expandGlob(pattern)) {
          const error = await visit(included, depth + 1, place);
          if (error) return error;
        }
      }
    }
    return null;
  };
  const error = await visit(file, 0, null);
  if (error) return { ok: false, error };
  return { ok: true, matchExec, aliases: [...aliases], files };
}

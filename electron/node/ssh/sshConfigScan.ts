import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { splitConfigLine } from '../../../shared/sshConfig/configLine';
import { includePattern, MAX_INCLUDE_DEPTH } from '../../../shared/sshConfig/includePath';
import { expandGlob } from './sshConfigFiles';

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

/**
 * Reads an ssh_config file and everything it Includes for the host aliases it names and for a
 * `Match exec` line, which `ssh -G` would run as a shell command: no option stops it. Every
 * Include is followed whatever Host or Match block it sits in, so the answer errs on the side
 * of finding one. Lines are split as ssh splits them (a line ssh cannot split says nothing).
 */
export async function scanSshConfig(
  file: string,
  how: {
    /** /etc/ssh/ssh_config: relative Includes start in /etc/ssh, not ~/.ssh; no `~`. */
    systemFile?: boolean;
    /** A missing `file` is not an error (ssh's default files need not exist). */
    optional?: boolean;
  } = {},
): Promise<ScanResult> {
  const home = homedir();
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
      if (error.code === 'ENOENT' && (from || how.optional === true)) return '';
      return new Error(`Cannot read ssh config ${path}: ${error.message}`);
    });
    if (text instanceof Error) return text.message;
    files.push(path);
    const lines = text.split(/\r?\n/);
    for (const [index, raw] of lines.entries()) {
      const place = { file: path, line: index + 1 };
      const line = splitConfigLine(raw, `${path} line ${index + 1}`);
      if (line.kind !== 'option') continue;
      const { keyword, args } = line;
      if (keyword === 'match' && args.some((arg) => /^!?exec$/i.test(arg))) matchExec ??= place;
      if (keyword === 'host') {
        for (const name of args) if (!/[*?!]/.test(name)) aliases.add(name);
      }
      if (keyword !== 'include') continue;
      for (const arg of args) {
        const pattern = includePattern(arg, home, how.systemFile !== true);
        // ssh stops at a `~` in the system's file; the rest of the line is still looked at.
        if (pattern === null) continue;
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

type ScanHow = NonNullable<Parameters<typeof scanSshConfig>[1]>;

/**
 * Scans made once and kept: an import resolves every alias and every jump hop against the same
 * files, so each file (with what it Includes) is read once per import, not once per alias.
 */
export class ConfigScans {
  private readonly made = new Map<string, Promise<ScanResult>>();

  scan(file: string, how: ScanHow = {}): Promise<ScanResult> {
    const key = JSON.stringify([file, how.systemFile === true, how.optional === true]);
    const known = this.made.get(key);
    if (known) return known;
    const scanned = scanSshConfig(file, how);
    this.made.set(key, scanned);
    return scanned;
  }
}

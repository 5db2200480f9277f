// Where an ssh_config `Include` points, as OpenSSH 9.2's readconf.c finds it. Pure; never throws.

/** readconf.c READCONF_MAX_DEPTH: nested Include deeper than this is an error. */
export const MAX_INCLUDE_DEPTH = 16;

/** `~` and `~/…` as glob(3)'s GLOB_TILDE reads them, with the user's home. */
function expandTilde(path: string, home: string): string {
  if (path === '~') return home;
  return path.startsWith('~/') ? `${home}${path.slice(1)}` : path;
}

/**
 * The glob pattern of one Include argument: absolute as written, `~` in the user's home, else
 * relative to ~/.ssh in a user's file and /etc/ssh in the system's. null for `~` in the
 * system's file, which ssh refuses ("bad include path").
 */
export function includePattern(arg: string, home: string, userFile: boolean): string | null {
  if (arg.startsWith('/')) return arg;
  if (arg.startsWith('~')) return userFile ? expandTilde(arg, home) : null;
  return `${userFile ? `${home}/.ssh` : '/etc/ssh'}/${arg}`;
}

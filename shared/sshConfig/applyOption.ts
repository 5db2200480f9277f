// One option line applied as OpenSSH 9.2's readconf.c applies it: the first value given wins
// (IdentityFile accumulates), values are checked even where the line is not active. Pure.

import { matchPatternList } from './configLine';
import {
  isKnownKeyword,
  parseCanonicalize,
  parseCount,
  parseFlag,
  parseJumpValue,
  parsePort,
  parseTime,
  type JumpValue,
} from './configOptions';

/** ssh's SSH_MAX_IDENTITY_FILES. */
const MAX_IDENTITY_FILES = 100;

/** The options read so far; absent = not set yet. */
export interface ConfigOptions {
  user?: string;
  hostname?: string;
  port?: number;
  identityFiles: { path: string; userProvided: boolean }[];
  identitiesOnly?: boolean;
  proxyCommand?: string;
  jump?: JumpValue;
  serverAliveInterval?: number;
  serverAliveCountMax?: number;
  canonicalize?: boolean;
  ignoreUnknown?: string;
}

export interface OptionLine {
  keyword: string;
  args: readonly string[];
  /** The text after the keyword, for the options that take it whole (ProxyJump). */
  rest: string;
  /** "FILE line N", for messages. */
  where: string;
  /** Inside a Host or Match block that applies. */
  active: boolean;
  /** From a user's file (IdentityFile duplicates are counted per kind of file). */
  userFile: boolean;
}

/** Applies one option line; returns ssh's complaint about it, or null. */
export function applyOption(o: ConfigOptions, line: OptionLine): string | null {
  const { keyword, args, rest, where, active } = line;
  if (!isKnownKeyword(keyword)) {
    if (o.ignoreUnknown !== undefined && matchPatternList(keyword, o.ignoreUnknown, true) === 1) {
      return null;
    }
    return `${where}: Bad configuration option: ${keyword}`;
  }
  const arg = args[0] ?? '';
  const single = (): string | null => {
    if (arg === '') return `${where}: Missing argument.`;
    if (args.length > 1) return `${where}: keyword ${keyword} extra arguments at end of line`;
    return null;
  };
  switch (keyword) {
    case 'user':
    case 'hostname':
    case 'ignoreunknown':
      if (single()) return single();
      if (active && keyword === 'user') o.user ??= arg;
      if (active && keyword === 'hostname') o.hostname ??= arg;
      if (active && keyword === 'ignoreunknown') o.ignoreUnknown ??= arg;
      return null;
    case 'port': {
      if (single()) return single();
      const port = parsePort(arg);
      if (port === null) return `${where}: Bad port '${arg}'.`;
      if (active) o.port ??= port;
      return null;
    }
    case 'identityfile':
    case 'identityfile2': {
      if (single()) return single();
      if (!active) return null;
      if (o.identityFiles.length >= MAX_IDENTITY_FILES) {
        return `${where}: Too many identity files specified (max ${MAX_IDENTITY_FILES}).`;
      }
      const userProvided = line.userFile;
      if (!o.identityFiles.some((f) => f.path === arg && f.userProvided === userProvided)) {
        o.identityFiles.push({ path: arg, userProvided });
      }
      return null;
    }
    case 'identitiesonly':
    case 'canonicalizehostname': {
      if (single()) return single();
      const value = keyword === 'identitiesonly' ? parseFlag(arg) : parseCanonicalize(arg);
      if (value === null) return `${where}: unsupported option "${arg}".`;
      if (active && keyword === 'identitiesonly') o.identitiesOnly ??= value;
      if (active && keyword === 'canonicalizehostname') o.canonicalize ??= value;
      return null;
    }
    case 'serveraliveinterval': {
      if (single()) return single();
      // "none" is parse_time's -1, which leaves it unset: a later line may still set it.
      const seconds = arg === 'none' ? null : parseTime(arg);
      if (seconds === null && arg !== 'none') return `${where}: invalid time value.`;
      if (active && seconds !== null) o.serverAliveInterval ??= seconds;
      return null;
    }
    case 'serveralivecountmax': {
      if (single()) return single();
      const count = parseCount(arg);
      if (count === null) return `${where}: integer value ${arg} is invalid.`;
      if (active) o.serverAliveCountMax ??= count;
      return null;
    }
    case 'proxyjump': {
      const jump = parseJumpValue(rest);
      if (jump === null) return `${where}: Invalid ProxyJump "${rest}"`;
      if (active && o.proxyCommand === undefined && o.jump === undefined) o.jump = jump;
      return null;
    }
    case 'proxycommand':
      // Ignored once ProxyJump is set, and it blocks a later ProxyJump (readconf.c).
      if (active && o.proxyCommand === undefined && o.jump === undefined) o.proxyCommand = rest;
      return null;
    default:
      // Known options the workbench does not use: their values are not checked here.
      return null;
  }
}

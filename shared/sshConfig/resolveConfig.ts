// The workbench's own ssh_config resolver, for machines without an OpenSSH client: what
// `ssh -G alias` would print for the options the workbench uses, following OpenSSH 9.2's
// readconf.c and ssh.c (first value wins, IdentityFile accumulates, Host/Match/Include, the
// `Match final` second pass, HostName's %h, the defaults). File reading is injected; pure;
// never throws. Differences from ssh are reported as notes (`Match exec` is never run).

import { matchPattern, splitConfigLine } from './configLine';
import { applyOption, type ConfigOptions } from './applyOption';
import { formatJump } from './configOptions';
import { includePattern, MAX_INCLUDE_DEPTH } from './includePath';
import { judgeMatch } from './matchCriteria';
import type { ResolvedSshHost } from './sshG';

export interface ConfigFiles {
  /**
   * A file's text; null when it does not exist; an error when it cannot be read, or when
   * `checkPermissions` and others may write it (ssh's "Bad owner or permissions").
   */
  read(
    path: string,
    checkPermissions: boolean,
  ): Promise<{ ok: true; text: string | null } | { ok: false; error: string }>;
  /** Include's glob(3): matching paths, sorted; none when nothing matches. */
  glob(pattern: string): Promise<string[]>;
}

export interface ConfigSource {
  path: string;
  /** A user's file (~/.ssh/config or -F): `~` allowed in Include, relative to ~/.ssh. */
  user: boolean;
  /** Must exist (a file named with -F). */
  required: boolean;
  /** ssh checks owner and mode of ~/.ssh/config (not of a -F file or the system's). */
  checkPermissions: boolean;
}

export interface ParserRequest {
  alias: string;
  /** In the order ssh reads them: the user's file, then /etc/ssh/ssh_config. */
  sources: ConfigSource[];
  home: string;
  localUser: string;
  /** As `ssh -l` / `-p`: set before any file, so no file overrides them. */
  user?: string;
  port?: number;
}

export type ParserResult =
  | {
      ok: true;
      host: ResolvedSshHost;
      /** Where the result may differ from ssh's ("FILE line N: …"). */
      notes: string[];
    }
  | { ok: false; error: string };

/** fill_default_options, with ECDSA compiled in, in OpenSSH's order. */
const DEFAULT_IDENTITY_FILES = [
  'id_rsa',
  'id_ecdsa',
  'id_ecdsa_sk',
  'id_ed25519',
  'id_ed25519_sk',
  'id_xmss',
  'id_dsa',
].map((name) => `~/.ssh/${name}`);

interface Pass {
  /** What Host patterns see: the alias, or in the final pass the HostName. */
  host: string;
  final: boolean;
  wantsFinalPass: boolean;
}

interface FileFlags {
  user: boolean;
  neverMatch: boolean;
}

/** Where a line is read: its file's flags, the pass, the Host/Match state, the Include chain. */
interface Reading {
  where: string;
  flags: FileFlags;
  pass: Pass;
  /** Shared with the including file, as ssh shares it; restored after each Include. */
  active: { value: boolean };
  depth: number;
  /** The files being read, outermost first (an Include loop names them). */
  stack: readonly string[];
}

class Resolver {
  readonly options: ConfigOptions = { identityFiles: [] };
  /** "FILE line N: …", once each (the second pass reads the same lines again). */
  readonly notes = new Set<string>();

  constructor(
    private readonly request: ParserRequest,
    private readonly files: ConfigFiles,
  ) {
    if (request.user !== undefined) this.options.user = request.user;
    if (request.port !== undefined) this.options.port = request.port;
  }

  /** Reads every source in order; an error names the file and line. */
  async readAll(pass: Pass): Promise<string | null> {
    for (const source of this.request.sources) {
      const active = { value: true };
      const flags = {
        user: source.user,
        neverMatch: false,
        required: source.required,
        checkPermissions: source.checkPermissions,
      };
      const error = await this.readFile(source.path, flags, pass, active, 0, [], null);
      if (error) return error;
    }
    return null;
  }

  private async readFile(
    path: string,
    flags: FileFlags & { required?: boolean; checkPermissions?: boolean },
    pass: Pass,
    active: { value: boolean },
    depth: number,
    stack: readonly string[],
    from: string | null,
  ): Promise<string | null> {
    if (depth > MAX_INCLUDE_DEPTH) {
      return `${from ?? path}: Include nested more than ${MAX_INCLUDE_DEPTH} deep (${path})`;
    }
    // Every included file is checked (readconf.c adds SSHCONF_CHECKPERM to Include).
    const read = await this.files.read(path, flags.checkPermissions ?? true);
    if (!read.ok) return read.error;
    if (read.text === null) {
      return flags.required ? `Can't open user config file ${path}: it does not exist` : null;
    }
    const lines = read.text.split('\n');
    for (const [index, raw] of lines.entries()) {
      const where = `${path} line ${index + 1}`;
      const reading = { where, flags, pass, active, depth, stack: [...stack, path] };
      const error = await this.line(raw, reading);
      if (error) return error;
    }
    return null;
  }

  private async line(raw: string, at: Reading): Promise<string | null> {
    const { where, flags, pass, active } = at;
    const parsed = splitConfigLine(raw, where);
    if (parsed.kind === 'blank') return null;
    if (parsed.kind === 'error') return parsed.error;
    const { keyword, args, rest } = parsed;
    if (keyword === 'host') {
      active.value = false;
      for (const word of args) {
        if (word === '') return `${where}: keyword host empty argument`;
        if (flags.neverMatch) break;
        const negated = word.startsWith('!');
        if (matchPattern(pass.host, negated ? word.slice(1) : word)) {
          // A negated pattern that matches ends the line: the block does not apply.
          active.value = !negated;
          if (negated) break;
        }
      }
      return null;
    }
    if (keyword === 'match') return this.match(args, at);
    if (keyword === 'include') return this.include(args, at);
    return applyOption(this.options, {
      keyword,
      args,
      rest,
      where,
      active: active.value,
      userFile: flags.user,
    });
  }

  private match(args: readonly string[], { where, flags, pass, active }: Reading): string | null {
    const o = this.options;
    const { alias, localUser } = this.request;
    // match_cfg_line: in the first pass Match host sees HostName with %h expanded, if set.
    const host = pass.final
      ? (o.hostname ?? pass.host)
      : o.hostname !== undefined
        ? (expandHostname(o.hostname, alias) ?? o.hostname)
        : alias;
    const verdict = judgeMatch(
      args,
      {
        host,
        originalHost: alias,
        remoteUser: o.user ?? localUser,
        localUser,
        finalPass: pass.final,
      },
      where,
    );
    if (!verdict.ok) return `${verdict.error} (Bad Match condition)`;
    if (verdict.wantsFinalPass) pass.wantsFinalPass = true;
    if (verdict.execNotRun !== null) {
      this.notes.add(
        `${where}: Match exec "${verdict.execNotRun}" was not run (the workbench never runs a ` +
          "config's commands); its block was taken as not matching, so the result may differ from ssh's.",
      );
    }
    active.value = flags.neverMatch ? false : verdict.matched;
    return null;
  }

  private async include(args: readonly string[], at: Reading): Promise<string | null> {
    const { where, flags, pass, active, depth, stack } = at;
    for (const arg of args) {
      if (arg === '') return `${where}: keyword include empty argument`;
      const pattern = includePattern(arg, this.request.home, flags.user);
      if (pattern === null) return `${where}: bad include path ${arg}.`;
      const outer = active.value;
      const files = await this.files.glob(pattern).catch((error: unknown) => String(error));
      if (typeof files === 'string') return `${where}: glob failed for ${pattern}: ${files}`;
      for (const file of files) {
        if (stack.includes(file)) {
          return `${where}: Include loop: ${file} is already being read (${stack.join(' → ')})`;
        }
        const error = await this.readFile(
          file,
          { user: flags.user, neverMatch: flags.neverMatch || !outer },
          pass,
          active,
          depth + 1,
          stack,
          where,
        );
        if (error) return error;
        // A Match inside an included file does not change the including file's state.
        active.value = outer;
      }
    }
    return null;
  }
}

/** HostName takes only %h (the alias) and %%; null for another token, an error in ssh. */
function expandHostname(hostname: string, host: string): string | null {
  let bad = false;
  const expanded = hostname.replace(/%(.?)/g, (whole, letter: string) => {
    if (letter === 'h') return host;
    if (letter === '%') return '%';
    bad = true;
    return whole;
  });
  return bad ? null : expanded;
}

/** ssh.c is_addr_fast: an address is not lower-cased. */
const isAddress = (host: string): boolean =>
  host.includes('%') || host.includes(':') || /^[0-9.]*$/.test(host);

/** Resolves `alias` as `ssh -G alias` would print it (the fields the workbench reads). */
export async function resolveWithParser(
  request: ParserRequest,
  files: ConfigFiles,
): Promise<ParserResult> {
  const resolver = new Resolver(request, files);
  const first: Pass = { host: request.alias, final: false, wantsFinalPass: false };
  const firstError = await resolver.readAll(first);
  if (firstError) return { ok: false, error: firstError };
  const o = resolver.options;
  let host = request.alias;
  if (o.hostname !== undefined) {
    const expanded = expandHostname(o.hostname, request.alias);
    if (expanded === null) {
      return { ok: false, error: `HostName ${o.hostname}: only %h and %% may be used in it.` };
    }
    host = expanded;
  }
  if (!isAddress(host)) host = host.toLowerCase();
  o.hostname = host;
  if (o.canonicalize === true) {
    resolver.notes.add(
      'CanonicalizeHostname is on: the workbench does not look names up in DNS, so the host name is used as written.',
    );
  }
  if (first.wantsFinalPass || o.canonicalize === true) {
    const second: Pass = { host, final: true, wantsFinalPass: false };
    const secondError = await resolver.readAll(second);
    if (secondError) return { ok: false, error: secondError };
  }
  const identityFiles =
    o.identityFiles.length > 0 ? o.identityFiles.map((file) => file.path) : DEFAULT_IDENTITY_FILES;
  return {
    ok: true,
    notes: [...resolver.notes],
    host: {
      hostname: host,
      user: o.user ?? request.localUser,
      port: o.port ?? 22,
      identityFiles,
      identitiesOnly: o.identitiesOnly ?? false,
      proxyJump: o.jump?.kind === 'hops' ? formatJump(o.jump) : null,
      serverAliveInterval: o.serverAliveInterval ?? 0,
      serverAliveCountMax: o.serverAliveCountMax ?? 3,
    },
  };
}

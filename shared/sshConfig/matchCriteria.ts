// A `Match` line judged as OpenSSH 9.2's match_cfg_line judges it, except `exec`: the
// workbench never runs a config's command, so an `exec` criterion counts as not matched and is
// reported. Pure; never throws.

import { matchHostname, matchPatternList } from './configLine';

export interface MatchFacts {
  /** What `Match host` sees: the HostName (its %h expanded) or the alias. */
  host: string;
  /** The alias as typed. */
  originalHost: string;
  /** The remote user so far (User, `-l`) or the local one. */
  remoteUser: string;
  localUser: string;
  /** The second pass (`Match final` / `canonical` are true only there). */
  finalPass: boolean;
}

export type MatchVerdict =
  | { ok: true; matched: boolean; wantsFinalPass: boolean; execNotRun: string | null }
  | { ok: false; error: string };

/** Criteria newer OpenSSH versions have, or that need the local network: not checked here. */
const UNCHECKABLE = new Set(['localnetwork', 'tagged', 'version', 'sessiontype', 'command']);

export function judgeMatch(
  args: readonly string[],
  facts: MatchFacts,
  where: string,
): MatchVerdict {
  let result = true;
  let attributes = 0;
  let wantsFinalPass = false;
  let execNotRun: string | null = null;
  const bad = (why: string): MatchVerdict => ({ ok: false, error: `${where}: ${why}` });
  for (let i = 0; i < args.length; i += 1) {
    const word = args[i] ?? '';
    const negate = word.startsWith('!');
    const attribute = (negate ? word.slice(1) : word).toLowerCase();
    if (attribute === 'all') {
      if (attributes > 1 || i + 1 < args.length) {
        return bad(`'${word}' cannot be combined with other Match attributes`);
      }
      if (result) result = !negate;
      return { ok: true, matched: result, wantsFinalPass, execNotRun };
    }
    attributes += 1;
    if (attribute === 'canonical' || attribute === 'final') {
      if (attribute === 'final') wantsFinalPass = true;
      if (facts.finalPass === negate) result = false;
      continue;
    }
    const arg = args[i + 1];
    i += 1;
    if (arg === undefined || arg === '') return bad(`Missing Match criteria for ${attribute}`);
    let hit: boolean;
    if (attribute === 'host') hit = matchHostname(facts.host, arg);
    else if (attribute === 'originalhost') hit = matchHostname(facts.originalHost, arg);
    else if (attribute === 'user') hit = matchPatternList(facts.remoteUser, arg, false) === 1;
    else if (attribute === 'localuser') hit = matchPatternList(facts.localUser, arg, false) === 1;
    else if (attribute === 'exec') {
      // ssh runs the command only while every criterion before it matched.
      if (result) {
        execNotRun ??= arg;
        result = false;
      }
      continue;
    } else if (UNCHECKABLE.has(attribute)) {
      return bad(
        `Match ${attribute} cannot be checked by the workbench's parser; ` +
          'install an OpenSSH client to resolve this config.',
      );
    } else return bad(`Unsupported Match attribute ${attribute}`);
    if (hit === negate) result = false;
  }
  if (attributes === 0) return bad('One or more attributes required for Match');
  return { ok: true, matched: result, wantsFinalPass, execNotRun };
}

import type { HostInput, HostProfile } from '../../../shared/contract/index';

/** The add-host form's agent, key and keepalive fields, as typed. */
export interface KeyOptions {
  /** "auto": when SSH_AUTH_SOCK is set (the profile leaves `agent` out). */
  agent: 'auto' | 'yes' | 'no';
  identitiesOnly: boolean;
  /** Tried in order after the private key file; empty rows are dropped on save. */
  extraKeyPaths: string[];
  /** Seconds and probes; empty = the app's default (every 15 s, 4 probes). */
  interval: string;
  count: string;
}

export function keyOptionsOf(profile: HostProfile | undefined): KeyOptions {
  return {
    agent: profile?.agent === undefined ? 'auto' : profile.agent ? 'yes' : 'no',
    identitiesOnly: profile?.identitiesOnly ?? false,
    extraKeyPaths: profile?.extraKeyPaths ?? [],
    interval: profile?.serverAliveInterval ? String(profile.serverAliveInterval) : '',
    count: profile?.serverAliveCountMax ? String(profile.serverAliveCountMax) : '',
  };
}

type KeyFields = Pick<
  HostInput,
  'agent' | 'identitiesOnly' | 'extraKeyPaths' | 'serverAliveInterval' | 'serverAliveCountMax'
>;

/** The profile fields the options give; a field left at its default is left out. */
export function keyFieldsOf(options: KeyOptions): KeyFields {
  const extra = options.extraKeyPaths.map((path) => path.trim()).filter(Boolean);
  const interval = Number(options.interval);
  const count = Number(options.count);
  return {
    ...(options.agent !== 'auto' ? { agent: options.agent === 'yes' } : {}),
    ...(options.identitiesOnly ? { identitiesOnly: true } : {}),
    ...(extra.length > 0 ? { extraKeyPaths: extra } : {}),
    ...(options.interval.trim() !== '' && interval > 0 ? { serverAliveInterval: interval } : {}),
    ...(options.count.trim() !== '' && count > 0 ? { serverAliveCountMax: count } : {}),
  };
}

/** A profile without the fields the options edit, so that cleared ones do not come back. */
export function withoutKeyFields<T extends KeyFields>(profile: T): Omit<T, keyof KeyFields> {
  const {
    agent: _agent,
    identitiesOnly: _identitiesOnly,
    extraKeyPaths: _extraKeyPaths,
    serverAliveInterval: _interval,
    serverAliveCountMax: _count,
    ...rest
  } = profile;
  return rest;
}

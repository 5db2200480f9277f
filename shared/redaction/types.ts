/** Kinds of sensitive values the redaction engine finds; each can be switched on or off. */
export const REDACTION_KINDS = ['ip', 'host', 'user', 'homePath', 'secret'] as const;
export type RedactionKind = (typeof REDACTION_KINDS)[number];

/** Which kinds to redact. A kind left out counts as on: redaction errs towards hiding. */
export interface RedactionOptions {
  readonly kinds?: Partial<Record<RedactionKind, boolean>>;
}

/** What the app already knows is sensitive (host profiles, logins), or knows is harmless. */
export interface RedactionContext {
  /** Host names and addresses from host profiles (labels too); addresses count as `ip`. */
  readonly hostNames?: readonly string[];
  readonly userNames?: readonly string[];
  /** Values never redacted, e.g. `127.0.0.1` if the team agrees it says nothing. */
  readonly keep?: readonly string[];
}

/** One value a rule found, before placeholders are given out. */
export interface FoundValue {
  readonly kind: RedactionKind;
  /** The rule that found it, for the preview (`ipv4`, `aws-access-key`, `strace-authorization`…). */
  readonly rule: string;
  readonly value: string;
}

/** One replacement in a plan: every occurrence of `value` becomes `placeholder`. */
export interface RedactionEntry {
  readonly kind: RedactionKind;
  readonly rule: string;
  readonly value: string;
  readonly placeholder: string;
  /** Occurrences across all texts. */
  readonly count: number;
  /** Start offsets (UTF-16 code units) of the occurrences, one array per input text. */
  readonly positions: readonly (readonly number[])[];
}

export interface RedactionPlan {
  /** Longest value first, the order replacements are tried in. */
  readonly entries: readonly RedactionEntry[];
}

const PLACEHOLDER_PREFIX: Record<RedactionKind, string> = {
  ip: 'ip',
  host: 'host',
  user: 'user',
  homePath: 'home',
  secret: 'secret',
};

export function placeholderFor(kind: RedactionKind, ordinal: number): string {
  return `<${PLACEHOLDER_PREFIX[kind]}-${String(ordinal)}>`;
}

/** A placeholder as it appears in text; rules and the scanner treat these spans as opaque. */
export const PLACEHOLDER_PATTERN = /<(?:ip|host|user|home|secret)-\d{1,9}>/g;

export function isKindOn(options: RedactionOptions, kind: RedactionKind): boolean {
  return options.kinds?.[kind] ?? true;
}

import { fail, ok, type Result } from '../util/result';

/**
 * Facts read from a host by one shell script, in a form no remote text can forge. Each fact is
 * printed as `key NUL value NUL`: a shell value cannot hold a NUL byte, so whatever a value
 * says (a process named "x\npath=/tmp/ev") it stays one value. The reader takes only the keys
 * it asked for, each exactly once, and refuses the whole answer on anything else: never a guess.
 */

export interface ProbeField<K extends string> {
  key: K;
  /** A shell command list whose standard output (trailing newlines dropped) is the value. */
  command: string;
}

/** Printed first: what comes before it is the login shell's own noise (an rc file that echoes). */
const BEGIN = 'workbench-probe-begin';

/** The script: `setup` lines (assignments, helpers), then one delimited pair per field. */
export function probeScript<K extends string>(
  setup: readonly string[],
  fields: readonly ProbeField<K>[],
): string {
  return [
    `echo ${BEGIN}`,
    ...setup,
    ...fields.map((f) => `printf '%s\\0%s\\0' ${f.key} "$(${f.command})"`),
  ].join('\n');
}

/** The decoded values; readers of a subset of the keys accept it too. */
export interface ProbeValues<K extends string> {
  get(key: K): string | undefined;
}

/** The values of `keys`, or why the answer cannot be trusted. */
export function readProbe<K extends string>(
  stdout: string,
  keys: readonly K[],
): Result<ProbeValues<K>> {
  const begin = stdout.indexOf(`${BEGIN}\n`);
  if (begin < 0 || (begin > 0 && stdout[begin - 1] !== '\n'))
    return fail('it did not run the checks (no start line)');
  const parts = stdout.slice(begin + BEGIN.length + 1).split('\0');
  if (parts.pop() !== '') return fail('it printed something after the last value');
  if (parts.length % 2 !== 0) return fail('a value has no key');
  const values = new Map<K, string>();
  for (let i = 0; i < parts.length; i += 2) {
    const name = parts[i] ?? '';
    const key = keys.find((k) => k === name);
    if (key === undefined)
      return fail(`it printed an unknown key ${JSON.stringify(name.slice(0, 40))}`);
    if (values.has(key)) return fail(`it printed "${key}" twice`);
    values.set(key, parts[i + 1] ?? '');
  }
  const missing = keys.filter((k) => !values.has(k));
  if (missing.length > 0) return fail(`it left out ${missing.join(', ')}`);
  return ok(values);
}

/**
 * Host text made safe to show: control characters (a newline, an escape sequence) appear as
 * visible escapes, and the length is bounded. For display only, never for a command.
 */
export function displayText(text: string, maxLength = 200): string {
  const shown = text.replace(
    // eslint-disable-next-line no-control-regex -- control characters are what is replaced
    /[\u0000-\u001f\u007f-\u009f\ud800-\udfff]/gu,
    (c) => (c === '\n' ? '\\n' : `\\x${(c.charCodeAt(0) & 0xff).toString(16).padStart(2, '0')}`),
  );
  return shown.length > maxLength ? `${shown.slice(0, maxLength)}…` : shown;
}

import type { RecipeId } from '../../../shared/captures/recipes';
import type { CaptureFormValues } from './captureForm';

type TextKey = {
  [K in keyof CaptureFormValues]: CaptureFormValues[K] extends string ? K : never;
}[Exclude<keyof CaptureFormValues, 'recipe' | 'pid'>];
type FlagKey = {
  [K in keyof CaptureFormValues]: CaptureFormValues[K] extends boolean ? K : never;
}[keyof CaptureFormValues];

/** One option of a recipe: a number, a flag, a path or a block of text, and what it is called. */
type Option =
  | { kind: 'number' | 'path' | 'text'; key: TextKey; label: string; hint?: string }
  | { kind: 'flag'; key: FlagKey; label: string };

/** The few options each recipe has (the tools' own defaults are in captureForm.ts). */
const OPTIONS: Partial<Record<RecipeId, readonly Option[]>> = {
  'host-overview': [{ kind: 'number', key: 'interval', label: 'Every (s)' }],
  threads: [{ kind: 'number', key: 'interval', label: 'Every (s)' }],
  'pyspy-dump': [
    { kind: 'number', key: 'every', label: 'Repeat every (s)' },
    { kind: 'flag', key: 'locals', label: 'Local variables (--locals)' },
  ],
  'pyspy-record': [
    { kind: 'number', key: 'duration', label: 'Seconds' },
    { kind: 'number', key: 'rate', label: 'Rate (Hz)' },
    { kind: 'flag', key: 'gil', label: 'Only with GIL' },
    { kind: 'flag', key: 'idle', label: 'Idle too' },
  ],
  strace: [
    { kind: 'number', key: 'stringLimit', label: 'String limit (-s)' },
    { kind: 'flag', key: 'followThreads', label: 'All threads (-f)' },
  ],
  'strace-summary': [{ kind: 'number', key: 'seconds', label: 'Seconds' }],
  ps: [{ kind: 'flag', key: 'threads', label: 'One line per thread (ps -eLf)' }],
  'nginx-access': [
    { kind: 'path', key: 'path', label: 'Log file' },
    {
      kind: 'text',
      key: 'logFormat',
      label: 'log_format',
      hint: '(paste it from nginx.conf; empty = combined)',
    },
  ],
  'nginx-error': [{ kind: 'path', key: 'path', label: 'Log file' }],
};

interface Props {
  values: CaptureFormValues;
  update(patch: Partial<CaptureFormValues>): void;
}

function Field({ option, values, update }: Props & { option: Option }) {
  if (option.kind === 'flag')
    return (
      <label className="check">
        <input
          type="checkbox"
          checked={values[option.key]}
          onChange={(e) => update({ [option.key]: e.target.checked })}
        />
        {option.label}
      </label>
    );
  const value = values[option.key];
  const change = (text: string) => update({ [option.key]: text });
  if (option.kind === 'number')
    return (
      <label className="port">
        {option.label}
        <input inputMode="decimal" value={value} onChange={(e) => change(e.target.value)} />
      </label>
    );
  return (
    <label>
      {option.label} {option.hint && <span className="quiet">{option.hint}</span>}
      {option.kind === 'path' ? (
        <input value={value} onChange={(e) => change(e.target.value)} spellCheck={false} />
      ) : (
        <textarea
          rows={2}
          value={value}
          onChange={(e) => change(e.target.value)}
          spellCheck={false}
        />
      )}
    </label>
  );
}

/** The options of the chosen recipe, from the table above: short ones on one row. */
export function RecipeOptions({ values, update }: Props) {
  const options = OPTIONS[values.recipe] ?? [];
  if (options.length === 0) return null;
  const fields = options.map((option) => (
    <Field key={option.key} option={option} values={values} update={update} />
  ));
  const short = options.every((o) => o.kind === 'number' || o.kind === 'flag');
  return short ? <div className="row">{fields}</div> : <>{fields}</>;
}

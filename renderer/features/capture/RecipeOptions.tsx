import type { CaptureFormValues } from './captureForm';

interface Props {
  values: CaptureFormValues;
  update(patch: Partial<CaptureFormValues>): void;
}

function NumberField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange(v: string): void;
}) {
  return (
    <label className="port">
      {label}
      <input inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

function Check({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange(v: boolean): void;
}) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

/** The few options each recipe has, with the tools' own defaults. */
export function RecipeOptions({ values, update }: Props) {
  switch (values.recipe) {
    case 'host-overview':
    case 'threads':
      return (
        <div className="row">
          <NumberField
            label="Every (s)"
            value={values.interval}
            onChange={(interval) => update({ interval })}
          />
        </div>
      );
    case 'pyspy-dump':
      return (
        <div className="row">
          <NumberField
            label="Repeat every (s)"
            value={values.every}
            onChange={(every) => update({ every })}
          />
          <Check
            label="Local variables (--locals)"
            checked={values.locals}
            onChange={(locals) => update({ locals })}
          />
        </div>
      );
    case 'pyspy-record':
      return (
        <div className="row">
          <NumberField
            label="Seconds"
            value={values.duration}
            onChange={(duration) => update({ duration })}
          />
          <NumberField
            label="Rate (Hz)"
            value={values.rate}
            onChange={(rate) => update({ rate })}
          />
          <Check label="Only with GIL" checked={values.gil} onChange={(gil) => update({ gil })} />
          <Check label="Idle too" checked={values.idle} onChange={(idle) => update({ idle })} />
        </div>
      );
    case 'strace':
      return (
        <div className="row">
          <NumberField
            label="String limit (-s)"
            value={values.stringLimit}
            onChange={(stringLimit) => update({ stringLimit })}
          />
          <Check
            label="All threads (-f)"
            checked={values.followThreads}
            onChange={(followThreads) => update({ followThreads })}
          />
        </div>
      );
    case 'strace-summary':
      return (
        <div className="row">
          <NumberField
            label="Seconds"
            value={values.seconds}
            onChange={(seconds) => update({ seconds })}
          />
        </div>
      );
    case 'ps':
      return (
        <Check
          label="One line per thread (ps -eLf)"
          checked={values.threads}
          onChange={(threads) => update({ threads })}
        />
      );
    case 'nginx-access':
      return (
        <>
          <label>
            Log file
            <input
              value={values.path}
              onChange={(e) => update({ path: e.target.value })}
              spellCheck={false}
            />
          </label>
          <label>
            log_format <span className="quiet">(paste it from nginx.conf; empty = combined)</span>
            <textarea
              rows={2}
              value={values.logFormat}
              onChange={(e) => update({ logFormat: e.target.value })}
              spellCheck={false}
            />
          </label>
        </>
      );
    case 'nginx-error':
      return (
        <label>
          Log file
          <input
            value={values.path}
            onChange={(e) => update({ path: e.target.value })}
            spellCheck={false}
          />
        </label>
      );
    default:
      return null;
  }
}

import { BATCH_RELAY } from '../../shared/captures/outputBatches';
import { shellQuote } from '../../shared/util/shellQuote';

/** The relay argument exactly as it stands in a strace capture's command line. */
const RELAY_ARGUMENT = shellQuote(`|${BATCH_RELAY}`);

const RELAY_WHY =
  "strace's trace goes through this relay, which sends it on every 20 ms in one write. " +
  'Printed line by line into SSH, strace slowed the traced process by half.';

/**
 * A remote command as it runs, every character of it; the batching relay, when present, is
 * dimmed and explained, so the tool's own arguments read first.
 */
export function CommandText({ command }: { command: string }) {
  const at = command.indexOf(RELAY_ARGUMENT);
  if (at < 0) return <>{command}</>;
  return (
    <>
      {command.slice(0, at)}
      <span className="command-relay" title={RELAY_WHY}>
        {RELAY_ARGUMENT}
      </span>
      {command.slice(at + RELAY_ARGUMENT.length)}
    </>
  );
}

/**
 * What the diagnosis engine reads: the parsed models of the captures of one process on one host,
 * as the capture registry types them (`ModelOf<K>`). Nothing here reparses text.
 */
import type { ModelOf } from '../captures/captureKinds';

/** The kinds the engine reads facts from (terminal text and flame trees carry none it uses). */
export const FACT_KINDS = [
  'top',
  'pyspy-dump',
  'gdb-pybt',
  'pyspy-top-screen',
  'strace',
  'strace-summary',
  'ss',
  'ps',
  'nginx-access',
  'nginx-error',
  'collapsed',
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export const isFactKind = (kind: string): kind is FactKind =>
  (FACT_KINDS as readonly string[]).includes(kind);

/** One capture: its id (for evidence links), its kind and its model at the time. */
export type DiagnosisCapture<K extends FactKind = FactKind> = {
  [P in K]: {
    /** The capture's id in the workbench: evidence refers to it. */
    id: string;
    kind: P;
    model: ModelOf<P>;
    /** When the capture started, ms since the epoch. */
    startedAt: number;
    /**
     * For repeated dumps: when each dump run was taken (ms since the epoch), by run index. Without
     * it, runs are assumed `everySeconds` apart, or their spacing is unknown.
     */
    dumpTimes?: readonly number[];
    /** For `py-spy dump` every N seconds. */
    everySeconds?: number | null;
    /** For `top`: it lists the threads of this process (`top -H -p PID`), not the host's processes. */
    threadsOf?: number;
    /** For `py-spy record`: recorded with `--gil` (only samples of the GIL holder). */
    gilOnly?: boolean;
    /** For `strace -c`: how long it traced (the recipe's seconds); the table does not print it. */
    tracedSeconds?: number;
  };
}[K];

/** Everything captured about one process on one host. */
export interface CaptureSet {
  host: string;
  pid: number;
  captures: readonly DiagnosisCapture[];
  /** The host's CPU count, when known otherwise (a host probe): top's per-CPU lines also give it. */
  cpuCount?: number;
}

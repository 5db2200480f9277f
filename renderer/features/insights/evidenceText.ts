/** What one piece of evidence is, in a few words, for its link in a finding. */
import type { EvidenceRef } from '../../../shared/diagnosis';

const threadName = (tid: number | null, threadId: string): string =>
  tid !== null ? `thread ${tid}` : `thread ${threadId}`;

export function evidenceText(ref: EvidenceRef): string {
  switch (ref.kind) {
    case 'top-row':
      return `row ${ref.pid}`;
    case 'top-summary':
      return 'CPU summary';
    case 'thread':
      return `${threadName(ref.tid, ref.threadId)} (dump ${ref.dump + 1})`;
    case 'frame':
      return `${threadName(ref.tid, ref.threadId)} frame ${ref.frame + 1} (dump ${ref.dump + 1})`;
    case 'pyspy-top-summary':
      return 'GIL / Active';
    case 'pyspy-top-row':
      return `row ${ref.row + 1}`;
    case 'profile-function':
      return ref.function;
    case 'strace-loop':
      return 'the loop';
    case 'strace-syscall':
      return ref.errno ? `${ref.syscall} ${ref.errno}` : ref.syscall;
    case 'strace-summary-row':
      return ref.syscall;
    case 'socket':
      return `socket ${ref.index + 1}`;
    case 'listener':
      return `listener ${ref.index + 1}`;
    case 'ps-row':
      return ref.tid !== null ? `${ref.pid}/${ref.tid}` : `row ${ref.pid}`;
    case 'upstream':
      return ref.upstream;
    case 'nginx-error-kind':
      return `${ref.level} ${ref.errorKind}`;
    case 'log-line':
      return `line ${ref.line}`;
  }
}

/** The thread a piece of evidence points at, for the view to focus. */
export function evidenceTid(ref: EvidenceRef): number | null {
  if (ref.kind === 'thread' || ref.kind === 'frame') return ref.tid;
  if (ref.kind === 'top-row') return ref.pid;
  return null;
}

export interface EvidenceGroup {
  capture: string;
  refs: EvidenceRef[];
}

/** Evidence grouped by capture, in the order the finding cites them: one capture named once. */
export function evidenceByCapture(refs: readonly EvidenceRef[]): EvidenceGroup[] {
  const groups = new Map<string, EvidenceRef[]>();
  for (const ref of refs) groups.set(ref.capture, [...(groups.get(ref.capture) ?? []), ref]);
  return [...groups].map(([capture, grouped]) => ({ capture, refs: grouped }));
}

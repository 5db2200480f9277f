/** What one piece of evidence is, in a few words, for its link in a finding. */
import type { DiagnosisCapture, EvidenceRef } from '../../../shared/diagnosis';
import { describeFrame } from '../../../shared/insights/stacks';
import { visibleControls } from '../../../shared/notebook/markdownText';
import type { PyFrame } from '../../../shared/parsers/pyspy/dumpModel';

const threadName = (tid: number | null, threadId: string): string =>
  tid !== null ? `thread ${tid}` : `thread ${threadId}`;

type FrameEvidence = Extract<EvidenceRef, { kind: 'frame' }>;

/** The frame a reference points at, from the captures the findings were drawn from. */
export type FrameLookup = (ref: FrameEvidence) => PyFrame | undefined;

export function frameLookup(captures: readonly DiagnosisCapture[]): FrameLookup {
  return (ref) => {
    const capture = captures.find((c) => c.id === ref.capture);
    if (capture?.kind !== 'pyspy-dump' && capture?.kind !== 'gdb-pybt') return undefined;
    const thread = capture.model.dumps[ref.dump]?.threads.find((t) => t.threadId === ref.threadId);
    return thread?.frames[ref.frame];
  };
}

/** Longest frame text in a link: a process can name its functions and files anything. */
const FRAME_CHARS = 60;

/** "search (app.py:40)", control characters shown as ^X, clipped to FRAME_CHARS. */
export function frameWords(frame: PyFrame): string {
  const text = visibleControls(describeFrame(frame));
  return text.length > FRAME_CHARS ? `${text.slice(0, FRAME_CHARS - 1)}…` : text;
}

const noFrames: FrameLookup = () => undefined;

export function evidenceText(ref: EvidenceRef, frameOf: FrameLookup = noFrames): string {
  switch (ref.kind) {
    case 'top-row':
      return `row ${ref.pid}`;
    case 'top-summary':
      return 'CPU summary';
    case 'thread':
      return `${threadName(ref.tid, ref.threadId)}, dump ${ref.dump + 1}`;
    case 'frame': {
      // The frame by its name, as the stacks view shows it; by its index when its tab is gone.
      const frame = frameOf(ref);
      const where = frame === undefined ? `frame ${ref.frame + 1}` : frameWords(frame);
      return `${threadName(ref.tid, ref.threadId)} · ${where}, dump ${ref.dump + 1}`;
    }
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

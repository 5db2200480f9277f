/** What one piece of evidence is, in a few words, for its link in a finding. */
import type { DiagnosisCapture, EvidenceRef } from '../../../shared/diagnosis';
import { describeFrame } from '../../../shared/insights/stacks';
import { serverText } from '../../../shared/util/serverText';
import type { PyFrame } from '../../../shared/parsers/pyspy/dumpModel';
import type { SsModel } from '../../../shared/parsers/ss/ssModel';

const threadName = (tid: number | null, threadId: string): string =>
  tid !== null ? `thread ${tid}` : `thread ${threadId}`;

type ThreadEvidence = Extract<EvidenceRef, { kind: 'thread' | 'frame' }>;

/** The frames of the thread a reference points at, in the captures the findings were drawn from. */
function framesOf(
  ref: ThreadEvidence,
  captures: readonly DiagnosisCapture[],
): readonly PyFrame[] | undefined {
  const capture = captures.find((c) => c.id === ref.capture);
  if (capture?.kind !== 'pyspy-dump' && capture?.kind !== 'gdb-pybt') return undefined;
  return capture.model.dumps[ref.dump]?.threads.find((t) => t.threadId === ref.threadId)?.frames;
}

function ssOf(id: string, captures: readonly DiagnosisCapture[]): SsModel | undefined {
  const capture = captures.find((c) => c.id === id);
  return capture?.kind === 'ss' ? capture.model : undefined;
}

/** Longest host text in a link: a process can name its functions and files anything. */
const SHOWN_CHARS = 60;

/**
 * Host text on one line: control characters as ^X, bidi controls dropped (a crafted name could
 * otherwise reverse how the rest of the line reads), clipped to SHOWN_CHARS.
 */
const shown = (text: string): string => serverText(text, SHOWN_CHARS - 1); // with its "…"

/** "search (app.py:40)", as the stacks view names a frame, shown safely. */
export const frameWords = (frame: PyFrame): string => shown(describeFrame(frame));

/**
 * What one reference names, in words; `captures` (those the findings were drawn from) give a
 * frame its function and file:line and a socket its addresses, else they go by their index.
 */
export function evidenceText(ref: EvidenceRef, captures: readonly DiagnosisCapture[] = []): string {
  switch (ref.kind) {
    case 'top-row':
      return `row ${ref.pid}`;
    case 'top-summary':
      return 'CPU summary';
    case 'thread': {
      // A thread by where it is: its innermost Python frame.
      const leaf = framesOf(ref, captures)?.find((f) => f.native !== true);
      const where = leaf === undefined ? '' : ` · ${frameWords(leaf)}`;
      return `${threadName(ref.tid, ref.threadId)}${where}, dump ${ref.dump + 1}`;
    }
    case 'frame': {
      const frame = framesOf(ref, captures)?.[ref.frame];
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
    case 'socket': {
      const socket = ssOf(ref.capture, captures)?.sockets[ref.index];
      return socket === undefined
        ? `socket ${ref.index + 1}`
        : `${shown(socket.local.text)} → ${shown(socket.peer.text)}`;
    }
    case 'listener': {
      const listener = ssOf(ref.capture, captures)?.listening[ref.index];
      if (listener === undefined) return `listener ${ref.index + 1}`;
      const queued = listener.acceptQueue > 0 ? `, ${listener.acceptQueue} queued` : '';
      return `listening ${shown(listener.local.text)}${queued}`;
    }
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

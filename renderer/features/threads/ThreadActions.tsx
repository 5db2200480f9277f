import { useAppStore } from '../../state/store';

interface Props {
  connectionId: string;
  /** The process; null in the host overview, where the row itself is a process. */
  pid: number | null;
  tid: number;
}

/**
 * The TID is the join key between top -H, py-spy and strace: from a thread row to its Python
 * stack (the process is dumped, the thread shown first) or to tracing that thread alone.
 */
export function ThreadActions({ connectionId, pid, tid }: Props) {
  const request = useAppStore((s) => s.captureRequested);
  const process = pid ?? tid;
  return (
    <div className="thread-actions" role="toolbar" aria-label={`Actions for thread ${tid}`}>
      <span className="quiet mono">{pid === null ? `PID ${tid}` : `TID ${tid}`}</span>
      <button
        type="button"
        title="py-spy dump of the process, this thread first (S)"
        onClick={() => request({ recipe: 'pyspy-dump', pid: process, focusTid: tid, connectionId })}
      >
        Python stack
      </button>
      <button
        type="button"
        title="gdb py-bt, where py-spy is missing (G)"
        onClick={() => request({ recipe: 'gdb-pybt', pid: process, focusTid: tid, connectionId })}
      >
        gdb py-bt
      </button>
      <button
        type="button"
        title={`strace -p ${tid}: this thread alone (T)`}
        onClick={() => request({ recipe: 'strace', pid: tid, followThreads: false, connectionId })}
      >
        Trace syscalls
      </button>
      {pid === null && (
        <button
          type="button"
          title="top -H -p PID"
          onClick={() => request({ recipe: 'threads', pid: tid, connectionId })}
        >
          Threads
        </button>
      )}
    </div>
  );
}

import type { ParserKind } from './captureKinds';

/** A structural signature of a tool's output, tested on its first lines (colours removed). */
export interface OutputSignature {
  /** What the output is called when this signature matched ("py-spy dump --json"). */
  label: string;
  test(head: string): boolean;
}

/** Each kind's signatures, most specific first; the kinds are tried in PARSER_KINDS order. */
export const OUTPUT_SIGNATURES: { readonly [K in ParserKind]: readonly OutputSignature[] } = {
  'pyspy-top-screen': [
    { label: 'py-spy top', test: (t) => /Total Samples \d+/.test(t) && /%Own\s+%Total/.test(t) },
  ],
  'pyspy-dump': [
    {
      label: 'py-spy dump --json',
      test: (t) => /^\s*\[\s*\{\s*"pid":\s*\d+,\s*"thread_id":\s*\d+/m.test(t),
    },
    {
      label: 'py-spy dump',
      test: (t) =>
        /^Thread (?:(0x[0-9A-Fa-f]+|\d+) )?\((active|idle)/m.test(t) || /^Process \d+: /m.test(t),
    },
  ],
  'gdb-pybt': [
    { label: 'gdb py-bt', test: (t) => /^Thread \d+ \(Thread 0x[0-9a-f]+ \(LWP \d+\)/m.test(t) },
  ],
  top: [
    {
      label: 'top',
      test: (t) =>
        /^top - \d/m.test(t) ||
        /^\s*(PID|TID) USER\s+PR\s+NI\s+VIRT/m.test(t) ||
        /^\d+%cpu +\d+%user/m.test(t) || // Android's toybox top
        /^Mem: \d+K used/m.test(t),
    },
  ],
  'strace-summary': [
    { label: 'strace -c', test: (t) => /^% time\s+seconds\s+usecs\/call/m.test(t) },
  ],
  strace: [
    {
      label: 'strace',
      test: (t) =>
        /^(\[pid\s+\d+\] |\d+ )?(\d\d:\d\d:\d\d(\.\d+)? |\d+\.\d+ )?[a-z_0-9]+\(.*\) += /m.test(t),
    },
  ],
  'nginx-error': [
    {
      label: 'nginx error log',
      test: (t) =>
        /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[(emerg|alert|crit|error|warn|notice|info|debug)\]/m.test(
          t,
        ),
    },
  ],
  'nginx-access': [
    {
      label: 'nginx access log',
      test: (t) => /^\S+ \S+ \S+ \[\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\] "/m.test(t),
    },
  ],
  ss: [{ label: 'ss', test: (t) => /^(Netid\s+)?State\s+Recv-Q\s+Send-Q/m.test(t) }],
  ps: [
    {
      label: 'ps',
      test: (t) => /^\s*(USER|UID)\s+PID\s/m.test(t) || /^\s*PID\s+PPID\s/m.test(t),
    },
  ],
  collapsed: [{ label: 'collapsed stacks', test: (t) => /^[^\s;][^\n]*;[^\n]* \d+$/m.test(t) }],
  // A pinned terminal selection is plain text: nothing pasted is ever taken for it.
  text: [],
};

import { z } from 'zod';
import { ConnectionId } from './ssh';

export const ProcessRow = z.object({
  pid: z.number().int(),
  ppid: z.number().int().nullable(),
  user: z.string().nullable(),
  cpuPercent: z.number().nullable(),
  memPercent: z.number().nullable(),
  threads: z.number().int().nullable(),
  stat: z.string().nullable(),
  elapsedSeconds: z.number().nullable(),
  name: z.string(),
  command: z.string(),
  /** uvicorn, gunicorn, celery… when the process is Python; null otherwise. */
  python: z.string().nullable(),
});
export type ProcessRow = z.infer<typeof ProcessRow>;

export const processesRequests = {
  /** A fresh `ps` listing of the host, Python processes first, then by %CPU. */
  'processes.list': {
    input: z.object({ connectionId: ConnectionId }),
    output: z.object({
      rows: z.array(ProcessRow),
      total: z.number().int(),
      unparsedLines: z.number().int(),
    }),
  },
} as const;

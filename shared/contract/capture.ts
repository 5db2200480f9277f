import { z } from 'zod';
import { ConnectionId } from './ssh';
import { TerminalInfo, TerminalSize } from './terminal';

export const Pid = z.number().int().min(1).max(4_194_304);

export const ThreadsCaptureInput = TerminalSize.extend({
  connectionId: ConnectionId,
  pid: Pid,
  intervalSeconds: z.number().min(0.5).max(60).default(1),
});

export const CaptureKind = z.enum(['threads']);
export type CaptureKind = z.infer<typeof CaptureKind>;

export const CaptureInfo = TerminalInfo.extend({
  kind: CaptureKind,
  pid: Pid,
  command: z.string(),
});
export type CaptureInfo = z.infer<typeof CaptureInfo>;

export const captureRequests = {
  /** `top -b -H -d N -p PID` in its own PTY; the renderer parses the same bytes. */
  'capture.startThreads': { input: ThreadsCaptureInput, output: CaptureInfo },
} as const;

import { z } from 'zod';
import { CaptureParams, Pid } from '../captures/recipes';
import { ConnectionId } from './ssh';
import { TerminalInfo, TerminalSize } from './terminal';

export { Pid };

/** Run the capture as root through sudo, its password asked in the app (shared/captures/sudo.ts). */
const AsRoot = z.boolean().optional();

export const CaptureStartInput = TerminalSize.extend({
  connectionId: ConnectionId,
  params: CaptureParams,
  sudo: AsRoot,
});

export const CaptureInfo = TerminalInfo.extend({
  recipe: z.string(),
  params: CaptureParams,
  pid: Pid.nullable(),
  command: z.string(),
  sudo: z.boolean().optional(),
});
export type CaptureInfo = z.infer<typeof CaptureInfo>;

export const PreflightReport = z.object({
  tool: z.string(),
  toolPath: z.string().nullable(),
  version: z.string().nullable(),
  ready: z.boolean(),
  problems: z.array(z.string()),
  warnings: z.array(z.string()),
  fixes: z.array(z.object({ label: z.string(), command: z.string() })),
  targetState: z.string().nullable(),
  targetName: z.string().nullable(),
});
export type PreflightReport = z.infer<typeof PreflightReport>;

const TargetInput = z.object({ connectionId: ConnectionId, pid: Pid });
export const TargetState = z.object({
  exists: z.boolean(),
  state: z.string().nullable(),
  /** Display text (host output, control characters escaped). */
  name: z.string().nullable(),
  /** The process tracing it (strace, gdb, py-spy…): TracerPid and that process's name. */
  tracer: z.object({ pid: Pid, name: z.string() }).nullable(),
});
export type TargetState = z.infer<typeof TargetState>;

export const captureRequests = {
  /** Is the tool there and allowed? What would fix it? Runs nothing but checks. */
  'capture.preflight': {
    input: z.object({ connectionId: ConnectionId, params: CaptureParams, sudo: AsRoot }),
    output: PreflightReport,
  },
  /** Runs the recipe's command in its own PTY after a passing preflight; the renderer parses the same bytes. */
  'capture.start': { input: CaptureStartInput, output: CaptureInfo },
  /** Runs fix N of the recipe's preflight in a terminal tab (the user confirmed the exact command first). */
  'capture.runFix': {
    input: TerminalSize.extend({
      connectionId: ConnectionId,
      params: CaptureParams,
      fixIndex: z.number().int().min(0).max(10),
    }),
    output: TerminalInfo,
  },
  /** After py-spy or strace: is the target running, or left stopped (T)? */
  'capture.targetState': { input: TargetInput, output: TargetState },
  'capture.continueTarget': { input: TargetInput, output: TargetState },
} as const;

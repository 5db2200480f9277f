import { z } from 'zod';
import { ConnectionRecord } from './connectionRecord';
import { HostProfile } from './hosts';

export const ConnectionId = z.string().regex(/^c_[a-z0-9]{6,32}$/);
export const PromptId = z.string().regex(/^p_[a-z0-9]{6,32}$/);

export const ConnectionState = z.enum([
  'connecting',
  'connected',
  /** The link dropped on its own (not a user's disconnect): trying again with backoff. */
  'reconnecting',
  'closed',
  'failed',
]);
export type ConnectionState = z.infer<typeof ConnectionState>;

/** Why a connection failed, so the UI can say the cause in plain words. */
export const ConnectFailure = z.enum([
  'refused',
  'timeout',
  'unreachable',
  'dns',
  'auth',
  'key-file',
  'passphrase',
  /** The user cancelled a password or keyboard-interactive prompt. */
  'cancelled',
  'host-key-rejected',
  'host-key-changed',
  'protocol',
  'closed',
]);
export type ConnectFailure = z.infer<typeof ConnectFailure>;

export const ConnectionInfo = z.object({
  connectionId: ConnectionId,
  hostId: HostProfile.shape.id,
  state: ConnectionState,
  /** Online CPUs of the remote host (`nproc`), null until known. */
  cores: z.number().int().positive().nullable(),
  failure: ConnectFailure.optional(),
  message: z.string().optional(),
  /** Set while reconnecting: which attempt, and when the next one starts. */
  reconnect: z
    .object({
      attempt: z.number().int().min(1),
      /** When the connection dropped (ms since the epoch). */
      lostAt: z.number(),
      /** When the next attempt starts (ms since the epoch); null while one is under way. */
      nextTryAt: z.number().nullable(),
      /** Why the last attempt failed, if one did. */
      lastError: z.string().optional(),
    })
    .optional(),
  /** What was connected to (host keys, user, uname, clock), once connected. */
  record: ConnectionRecord.optional(),
});
export type ConnectionInfo = z.infer<typeof ConnectionInfo>;

export const HostKeyPrompt = z.object({
  promptId: PromptId,
  kind: z.literal('host-key'),
  host: z.string(),
  port: z.number().int(),
  algorithm: z.string(),
  fingerprint: z.string(),
  /** known_hosts lines that were skipped because they do not parse, named by file and line. */
  warnings: z.array(z.string()).optional(),
});
export const PassphrasePrompt = z.object({
  promptId: PromptId,
  kind: z.literal('passphrase'),
  keyPath: z.string(),
  attempt: z.number().int().min(1),
  /** Set when the previous passphrase was wrong. */
  retryReason: z.string().optional(),
});
/** The longest server prompt text and field count shown (the server's text is hostile input). */
export const MAX_PROMPT_TEXT = 200;
export const MAX_PROMPT_FIELDS = 8;

/**
 * A password, or one keyboard-interactive round (several fields: "Password:", then
 * "Verification code:"). Texts are the server's own, control characters already made visible
 * and clipped by the Node side.
 */
export const SecretPrompt = z.object({
  promptId: PromptId,
  kind: z.literal('secret'),
  method: z.enum(['password', 'keyboard-interactive']),
  /** `user@host[:port]` being logged in to. */
  where: z.string(),
  /** Which hop of a jump chain ("Jump host 1 of 2"); absent for a direct connection. */
  hop: z.string().optional(),
  /** The server's round name and instructions (keyboard-interactive), clipped. */
  title: z.string().optional(),
  instructions: z.string().optional(),
  fields: z
    .array(z.object({ text: z.string().max(MAX_PROMPT_TEXT + 1), echo: z.boolean() }))
    .min(1)
    .max(MAX_PROMPT_FIELDS),
  attempt: z.number().int().min(1),
  /** Set when the server refused the previous answer. */
  retryReason: z.string().optional(),
  /** The "remember in the OS keychain" box is offered (Electron with a real keyring only). */
  canRemember: z.boolean(),
});
/** sudo asks for the user's password in a capture's terminal (see electron/node/capture/sudoAnswer.ts). */
export const SudoPasswordPrompt = z.object({
  promptId: PromptId,
  kind: z.literal('sudo-password'),
  /** `user@host[:port]` of the connection. */
  host: z.string(),
  /** sudo's own prompt, as it printed it (control characters shown as ^X, bidi controls dropped). */
  promptText: z.string(),
  /** The tab of the capture that asks. */
  title: z.string(),
  attempt: z.number().int().min(1),
  /** Set when sudo refused the previous password. */
  retryReason: z.string().optional(),
});
export const Prompt = z.discriminatedUnion('kind', [
  HostKeyPrompt,
  PassphrasePrompt,
  SecretPrompt,
  SudoPasswordPrompt,
]);
export type Prompt = z.infer<typeof Prompt>;

export const PromptAnswer = z.discriminatedUnion('kind', [
  z.object({ promptId: PromptId, kind: z.literal('host-key'), accept: z.boolean() }),
  z.object({
    promptId: PromptId,
    kind: z.literal('passphrase'),
    /** null = the user cancelled. */
    secret: z.string().max(1024).nullable(),
  }),
  z.object({
    promptId: PromptId,
    kind: z.literal('secret'),
    /** One answer per field, in order; null = the user cancelled. */
    answers: z.array(z.string().max(1024)).max(MAX_PROMPT_FIELDS).nullable(),
    /** Keep the password in the OS keychain (refused where that is not safe). */
    remember: z.boolean().optional(),
  }),
  z.object({
    promptId: PromptId,
    kind: z.literal('sudo-password'),
    /** null = the user cancelled. */
    secret: z.string().max(1024).nullable(),
  }),
]);

export const sshRequests = {
  'ssh.connect': { input: z.object({ hostId: HostProfile.shape.id }), output: ConnectionInfo },
  'ssh.disconnect': {
    input: z.object({ connectionId: ConnectionId }),
    output: z.object({ closed: z.boolean() }),
  },
  'ssh.answerPrompt': { input: PromptAnswer, output: z.object({ accepted: z.boolean() }) },
  /** Stops reconnecting: the connection closes, and its terminals end. */
  'ssh.cancelReconnect': {
    input: z.object({ connectionId: ConnectionId }),
    output: z.object({ cancelled: z.boolean() }),
  },
  /** Skips the rest of the backoff wait and tries at once. */
  'ssh.reconnectNow': {
    input: z.object({ connectionId: ConnectionId }),
    output: z.object({ trying: z.boolean() }),
  },
  /** Connections open or opening now, whichever page opened them (asked when a page loads). */
  'ssh.listConnections': { input: z.object({}), output: z.array(ConnectionInfo) },
} as const;

export const sshEvents = {
  'ssh.onConnectionChanged': ConnectionInfo,
  'ssh.onPrompt': Prompt,
  /** A prompt that timed out or whose connection ended before it was answered. */
  'ssh.onPromptWithdrawn': z.object({ promptId: PromptId }),
} as const;

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import {
  ConnectionInfo,
  type EventName,
  type EventPayload,
  type HostInput,
  type HostProfile,
  type Prompt,
  type TerminalInfo,
} from '../../shared/contract/index';
import type { ByteSink, TerminalSession } from '../../electron/node/terminals/terminalSession';
import {
  createWorkbench,
  type Workbench,
  type WorkbenchOptions,
} from '../../electron/node/workbench';
import { SshConnectError } from '../../electron/node/ssh/connectErrors';
import { startLabSshd, type LabSshd } from '../lab/sshd';

export interface PromptAnswers {
  /** Answer to an unknown host key; undefined = fail the test if asked. */
  hostKey?: boolean;
  /** Passphrases given in order; null = cancel. */
  passphrases?: (string | null)[];
  /**
   * Password and keyboard-interactive prompts, answered in order: the answers, or null = cancel;
   * a function is called with the prompt (a one-time code computed when it is asked for).
   */
  secrets?: (SecretReply | ((prompt: Extract<Prompt, { kind: 'secret' }>) => SecretReply))[];
  /** sudo passwords given in order; null = cancel. */
  sudoPasswords?: (string | null)[];
}

/** One reply to a secret prompt; `remember` ticks "remember in the OS keychain". */
export type SecretReply = { answers: string[]; remember?: boolean } | null;

/** A real Node-side workbench on a temp data dir, answering prompts as a scripted user. */
export class TestWorkbench {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'wb-test-'));
  readonly workbench: Workbench;
  readonly prompts: Prompt[] = [];
  readonly events: { name: EventName; payload: unknown }[] = [];
  answers: PromptAnswers = {};

  /** `agentSocket`: the ssh-agent the workbench may use; none unless given (SSH_AUTH_SOCK is ignored). */
  constructor(
    handshakeTimeoutMs?: number,
    agentSocket?: string,
    sshConfigFile?: string,
    /** `agentSocket: undefined` here: found as the app finds it (SSH_AUTH_SOCK, then HOME). */
    more: Pick<WorkbenchOptions, 'keychain' | 'agentSocket'> = {},
  ) {
    this.workbench = createWorkbench({
      dataDir: this.dataDir,
      trustedKnownHosts: [],
      agentSocket: agentSocket ?? null,
      ...more,
      ...(sshConfigFile ? { sshConfigFile } : {}),
      ...(handshakeTimeoutMs ? { handshakeTimeoutMs } : {}),
    });
    this.workbench.events.attach((name, payload) => {
      this.events.push({ name, payload });
      if (name === 'ssh.onPrompt') void this.answer(payload as EventPayload<'ssh.onPrompt'>);
    });
  }

  private async answer(prompt: Prompt): Promise<void> {
    this.prompts.push(prompt);
    const call = this.workbench.handlers['ssh.answerPrompt'];
    if (prompt.kind === 'host-key') {
      if (this.answers.hostKey === undefined)
        throw new Error(`unexpected host key prompt ${prompt.fingerprint}`);
      await call({ promptId: prompt.promptId, kind: 'host-key', accept: this.answers.hostKey });
    } else if (prompt.kind === 'secret') {
      const next = this.answers.secrets?.shift();
      if (next === undefined) throw new Error(`unexpected login prompt ${JSON.stringify(prompt)}`);
      const reply = typeof next === 'function' ? next(prompt) : next;
      await call({
        promptId: prompt.promptId,
        kind: 'secret',
        answers: reply?.answers ?? null,
        ...(reply?.remember ? { remember: true } : {}),
      });
    } else {
      const queue =
        prompt.kind === 'passphrase' ? this.answers.passphrases : this.answers.sudoPasswords;
      const secret = queue?.shift();
      await call({ promptId: prompt.promptId, kind: prompt.kind, secret: secret ?? null });
    }
  }

  addHost(
    lab: { host: string; port: number; user: string },
    keyPath: string | undefined,
    more: Pick<HostInput, 'agent' | 'identitiesOnly' | 'authMethods'> = {},
  ): Promise<HostProfile> {
    return this.workbench.handlers['hosts.save']({
      host: lab.host,
      port: lab.port,
      user: lab.user,
      ...(keyPath !== undefined ? { keyPath } : {}),
      ...more,
    });
  }

  async connect(host: HostProfile, answers: PromptAnswers = {}): Promise<ConnectionInfo> {
    this.answers = answers;
    return this.workbench.handlers['ssh.connect']({ hostId: host.id });
  }

  async connectLab(lab: LabSshd): Promise<ConnectionInfo> {
    const host = await this.addHost(lab, lab.keys.ed25519);
    return this.connect(host, { hostKey: true });
  }

  /** Runs `command` in an 80×24 PTY; its session is returned before any renderer attaches. */
  async runCommand(
    connectionId: string,
    title: string,
    command: string,
  ): Promise<{ info: TerminalInfo; session: TerminalSession }> {
    const info = await this.workbench.terminals.open({
      connectionId,
      cols: 80,
      rows: 24,
      title,
      command,
    });
    return { info, session: terminal(this.workbench, info.terminalId) };
  }

  /** Every state the connection went through, in order, from the events emitted. */
  connectionStates(connectionId: string): ConnectionInfo[] {
    return this.events
      .filter((event) => event.name === 'ssh.onConnectionChanged')
      .map((event) => ConnectionInfo.parse(event.payload))
      .filter((info) => info.connectionId === connectionId);
  }

  /** A login shell in a 100×30 PTY, read and acknowledged by a sink as a page would. */
  async openShell(
    connectionId: string,
  ): Promise<{ info: TerminalInfo; session: TerminalSession; sink: CollectingSink }> {
    const info = await this.workbench.terminals.open({
      connectionId,
      cols: 100,
      rows: 30,
      title: 'shell',
    });
    return { info, ...attachCollector(this.workbench, info.terminalId) };
  }

  async dispose(): Promise<void> {
    await this.workbench.dispose();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** The SshConnectError a connection attempt fails with (the test fails if it succeeds). */
export async function failureOf(promise: Promise<unknown>): Promise<SshConnectError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof SshConnectError)) throw new Error(`expected SshConnectError: ${error}`);
  return error;
}

/** Collects a terminal's output as a renderer would, acknowledging it after a delay of `ackDelayMs`. */
export class CollectingSink implements ByteSink {
  private chunks: Buffer[] = [];
  bytes = 0;
  acking = true;
  private waiters: { match: (text: string) => boolean; resolve: () => void }[] = [];

  constructor(
    private readonly session: TerminalSession,
    private readonly options: {
      keep?: boolean;
      ackDelayMs?: number;
      onChunk?: (chunk: Uint8Array) => void;
    } = {},
  ) {}

  send(bytes: Uint8Array): void {
    if (this.ends > 0) this.bytesAfterEnd += bytes.length;
    this.bytes += bytes.length;
    this.options.onChunk?.(bytes);
    if (this.options.keep !== false) this.chunks.push(Buffer.from(bytes));
    const ack = () => this.session.receive({ t: 'ack', bytes: bytes.length });
    if (this.acking) {
      if (this.options.ackDelayMs) setTimeout(ack, this.options.ackDelayMs);
      else setImmediate(ack);
    } else this.heldAcks += bytes.length;
    this.settleWaiters();
  }

  private settleWaiters(): void {
    if (this.waiters.length === 0) return;
    const text = this.text();
    this.waiters = this.waiters.filter((w) => (w.match(text) ? (w.resolve(), false) : true));
  }

  /** Calls of end(), and the bytes received before the first and after it. */
  ends = 0;
  bytesAtEnd = -1;
  bytesAfterEnd = 0;

  end(): void {
    if (this.ends++ === 0) this.bytesAtEnd = this.bytes;
  }

  /** The workbench's own lines, in order; text() shows them where they came, as `[note: …]`. */
  notes: string[] = [];
  note(text: string): void {
    this.notes.push(text);
    this.chunks.push(Buffer.from(`[note: ${text}]`));
    this.settleWaiters();
  }

  heldAcks = 0;
  releaseAcks(): void {
    this.acking = true;
    this.session.receive({ t: 'ack', bytes: this.heldAcks });
    this.heldAcks = 0;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }

  waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<void> {
    if (pattern.test(this.text())) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`timed out waiting for ${pattern}; got: ${this.text().slice(-500)}`)),
        timeoutMs,
      );
      this.waiters.push({
        match: (t) => pattern.test(t),
        resolve: () => (clearTimeout(timer), resolve()),
      });
    });
  }
}

export function terminal(workbench: Workbench, terminalId: string): TerminalSession {
  const session = workbench.terminals.get(terminalId);
  if (!session) throw new Error(`no terminal ${terminalId}`);
  return session;
}

/** A terminal of `workbench` with a CollectingSink attached, as a page attaches to it. */
export function attachCollector(
  workbench: Workbench,
  terminalId: string,
): { session: TerminalSession; sink: CollectingSink } {
  const session = terminal(workbench, terminalId);
  const sink = new CollectingSink(session);
  session.attach(sink);
  return { session, sink };
}

/** For a test file: a lab sshd and a workbench connected to it, started once and stopped after. */
export function labConnection(): { lab: LabSshd; bench: TestWorkbench; connectionId: string } {
  const state: Partial<{ lab: LabSshd; bench: TestWorkbench; connectionId: string }> = {};
  beforeAll(async () => {
    state.lab = await startLabSshd();
    state.bench = new TestWorkbench();
    state.connectionId = (await state.bench.connectLab(state.lab)).connectionId;
  });
  afterAll(async () => {
    await state.bench?.dispose();
    await state.lab?.stop();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the lab connection is used before beforeAll ran');
    return value;
  };
  return {
    get lab() {
      return ready(state.lab);
    },
    get bench() {
      return ready(state.bench);
    },
    get connectionId() {
      return ready(state.connectionId);
    },
  };
}

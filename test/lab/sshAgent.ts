// A real OpenSSH ssh-agent for tests, on its own socket, holding only the keys a test adds.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitUntil } from './net';
import { spawnLab } from './procs';

const run = promisify(execFile);

export interface LabAgent {
  readonly socket: string;
  /** `ssh-add` the key (unencrypted) to this agent. */
  add(keyPath: string): Promise<void>;
  stop(): Promise<void>;
}

/** `socket`: where it listens (default: in a temp dir of its own), as 1Password's agent would. */
export async function startLabAgent(opts: { socket?: string } = {}): Promise<LabAgent> {
  const dir = mkdtempSync(join(tmpdir(), 'wb-agent-'));
  const socket = opts.socket ?? join(dir, 'agent.sock');
  // -D: stays in the foreground, so stop() ends it by its own pid.
  const agent = spawnLab('ssh-agent', ['-D', '-a', socket]);
  const stop = async (): Promise<void> => {
    await agent.stop();
    rmSync(dir, { recursive: true, force: true });
    if (opts.socket) rmSync(opts.socket, { force: true });
  };
  try {
    await waitUntil(
      'lab ssh-agent',
      () => {
        if (!existsSync(socket)) throw new Error('no socket yet');
      },
      { timeoutMs: 5_000, gaveUp: () => agent.exited(), describe: () => agent.output() },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    socket,
    add: async (keyPath) => {
      await run('ssh-add', ['-q', keyPath], { env: { ...process.env, SSH_AUTH_SOCK: socket } });
    },
    stop,
  };
}

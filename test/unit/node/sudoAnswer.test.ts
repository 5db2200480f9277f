import { describe, expect, it } from 'vitest';
import type { Prompt } from '../../../shared/contract/index';
import { answerSudoPrompts } from '../../../electron/node/capture/sudoAnswer';
import { PromptBroker } from '../../../electron/node/ssh/promptBroker';

/** The part of a terminal session the sudo answerer uses: its output, and a private write. */
function fakeSession() {
  const listeners: ((data: Buffer) => void)[] = [];
  const sent: string[] = [];
  return {
    sent,
    print: (text: string) => listeners.forEach((l) => l(Buffer.from(text))),
    onOutput(listener: (data: Buffer) => void) {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    },
    sendPrivately: (text: string) => sent.push(text),
    logClosed: new Promise<void>(() => undefined),
  };
}

describe('answering a sudo prompt from the app', () => {
  it('shows the prompt with bidi controls dropped and control characters made visible', async () => {
    const shown: Prompt[] = [];
    const broker = new PromptBroker(
      (prompt) => shown.push(prompt),
      () => undefined,
    );
    const session = fakeSession();
    const stop = answerSudoPrompts({ session, prompts: broker, host: 'ops@db1', title: 'strace' });
    const marker = '0123456789abcdef0123456789abcdef';
    // A user name is the host's to choose: here it reverses what follows it and rings the bell.
    session.print(`workbench-sudo ${marker}\r\n`);
    session.print(`[sudo] password for op\u202es\u0007 (workbench ${marker}): `);
    const [prompt] = shown;
    expect(prompt?.kind).toBe('sudo-password');
    const text = prompt?.kind === 'sudo-password' ? prompt.promptText : '';
    expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('for ops^G (workbench');
    broker.answer(prompt?.promptId ?? '', { kind: 'sudo-password', secret: 'pw' });
    await expect.poll(() => session.sent).toEqual(['pw\n']);
    stop();
  });
});

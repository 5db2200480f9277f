import { describe, expect, it } from 'vitest';
import { Prompt, PromptAnswer } from '../../../shared/contract/index';
import { PromptBroker } from '../../../electron/node/ssh/promptBroker';

describe('the sudo password prompt', () => {
  it('is shown as a valid prompt and answered only by an answer of its own kind', async () => {
    const shown: Prompt[] = [];
    const broker = new PromptBroker(
      (prompt) => shown.push(Prompt.parse(prompt)),
      () => undefined,
    );
    const asked = broker.ask({
      kind: 'sudo-password',
      host: 'ops@db1',
      promptText: '[sudo] password for ops: ',
      title: 'strace',
      attempt: 1,
    });
    const [prompt] = shown;
    expect(prompt?.kind).toBe('sudo-password');
    const promptId = prompt?.promptId ?? '';
    expect(broker.answer(promptId, { kind: 'passphrase', secret: 'x' })).toBe(false);
    const answer = PromptAnswer.parse({ promptId, kind: 'sudo-password', secret: 'pw' });
    expect(broker.answer(promptId, answer)).toBe(true);
    expect(await asked).toMatchObject({ kind: 'sudo-password', secret: 'pw' });
  });

  it('is withdrawn, counting as cancelled, when its terminal ends first', async () => {
    const withdrawn: string[] = [];
    const shown: Prompt[] = [];
    const broker = new PromptBroker(
      (prompt) => shown.push(prompt),
      (promptId) => withdrawn.push(promptId),
    );
    const ended = new AbortController();
    const asked = broker.ask(
      { kind: 'sudo-password', host: 'ops@db1', promptText: 'p', title: 't', attempt: 1 },
      ended.signal,
    );
    ended.abort();
    expect(await asked).toEqual({ kind: 'sudo-password', secret: null });
    expect(withdrawn).toEqual([shown[0]?.promptId]);
    // A late answer finds nothing to answer.
    expect(broker.answer(shown[0]?.promptId ?? '', { kind: 'sudo-password', secret: 'x' })).toBe(
      false,
    );
  });
});

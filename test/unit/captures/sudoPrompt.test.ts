import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SudoPromptScanner, sudoCommand, type SudoEvent } from '../../../shared/captures/sudo';

const M = '0123456789abcdef0123456789abcdef';
const MARKER = `workbench-sudo ${M}\r\n`;
const PROMPT = `[sudo] password for ops (workbench ${M}): `;

function scan(...chunks: string[]): { scanner: SudoPromptScanner; events: SudoEvent[] } {
  const scanner = new SudoPromptScanner();
  const events = chunks.flatMap((chunk) => scanner.push(chunk));
  return { scanner, events };
}

describe('the sudo command', () => {
  it('quotes the capture as one argument of the root shell, the marker kept out of argv', () => {
    const command = sudoCommand("LC_ALL=C strace -p 42 'x'");
    expect(command).toContain(`exec sudo -S -- sh -c `);
    expect(command).toContain(`'LC_ALL=C strace -p 42 '\\''x'\\'''`);
    // The marker reaches sudo in its environment, never on a command line.
    expect(command).toContain('SUDO_PROMPT="[sudo] password for %p (workbench $m): " exec sudo');
    expect(command.split('exec sudo')[1]).not.toContain('$m');
  });
});

describe('recognising the sudo prompt', () => {
  it('asks once for a prompt that ends the output, after the marker line', () => {
    const { scanner, events } = scan(MARKER, PROMPT);
    expect(events).toEqual([{ type: 'prompt', promptText: PROMPT, attempt: 1 }]);
    expect(scanner.waitingForAnswer).toBe(true);
    expect(scanner.push('')).toEqual([]);
  });

  it('finds the prompt however the output is cut', () => {
    const whole = `Welcome\r\n${MARKER}${PROMPT}`;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: whole.length }), { maxLength: 6 }), (cuts) => {
        const at = [0, ...cuts.sort((a, b) => a - b), whole.length];
        const chunks = at.slice(1).map((end, i) => whole.slice(at[i], end));
        const prompts = scan(...chunks).events.filter((e) => e.type === 'prompt');
        expect(prompts).toHaveLength(1);
      }),
    );
  });

  it('asks again after "Sorry, try again.", saying why, and stops at the start line', () => {
    const { scanner, events } = scan(
      MARKER,
      PROMPT,
      '\r\nSorry, try again.\r\n',
      PROMPT,
      '\r\nworkbench-sudo: running as uid 0\r\n',
      // The program's own output: never read as a prompt, whatever it holds.
      `${MARKER}${PROMPT}`,
    );
    expect(events).toEqual([
      { type: 'prompt', promptText: PROMPT, attempt: 1 },
      {
        type: 'prompt',
        promptText: PROMPT,
        attempt: 2,
        retryReason: 'sudo refused the password: Sorry, try again.',
      },
      { type: 'started', uid: 0 },
    ]);
    expect(scanner.waitingForAnswer).toBe(false);
  });

  it('is not fooled: no marker yet, another marker, text before or after the prompt', () => {
    const other = `[sudo] password for ops (workbench ${'f'.repeat(32)}): `;
    for (const chunks of [
      [PROMPT],
      [MARKER, other],
      [MARKER, `wall: ${PROMPT}`],
      [MARKER, `${PROMPT}more`],
      [MARKER, `${PROMPT}\r\n`],
    ])
      expect(scan(...chunks).events).toEqual([]);
    const { scanner } = scan(MARKER, PROMPT, 'x');
    expect(scanner.waitingForAnswer).toBe(false);
  });

  it('stops answering when a second marker line appears (something else writes here)', () => {
    const { scanner, events } = scan(MARKER, `workbench-sudo ${'e'.repeat(32)}\r\n`, PROMPT);
    expect(events).toEqual([{ type: 'refused', reason: expect.stringContaining('second') }]);
    expect(scanner.waitingForAnswer).toBe(false);
  });

  it('keeps memory bounded and never throws on a flood without line ends', () => {
    const scanner = new SudoPromptScanner();
    scanner.push(MARKER);
    for (let i = 0; i < 100; i++) expect(scanner.push('x'.repeat(100_000))).toEqual([]);
    expect(scanner.push(`\r\n${PROMPT}`)).toHaveLength(1);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        new SudoPromptScanner().push(text);
      }),
    );
  });
});

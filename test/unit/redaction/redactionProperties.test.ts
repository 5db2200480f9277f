import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRedactions, findRedactions, type RedactionPlan } from '../../../shared/redaction';

const PLACEHOLDER = /<(?:ip|host|user|home|secret)-\d{1,9}>/;
const PLACEHOLDERS = new RegExp(PLACEHOLDER.source, 'g');

/** The guarantee: outside placeholders, no redacted value is left anywhere in the output. */
function leftovers(output: string, plan: RedactionPlan): string[] {
  const segments = output.split(PLACEHOLDER);
  return plan.entries
    .filter((entry) => segments.some((segment) => segment.includes(entry.value)))
    .map((entry) => entry.value);
}

// Text built from pieces the rules react to, glued with noise, so matches overlap and nest.
const piece = fc.constantFrom(
  '10.0.0.1',
  '10.0.0.12',
  '0.0.1',
  '::1',
  'fe80::1',
  'a.example.com',
  'example.com',
  'alice',
  'alice@',
  '@db.internal',
  '/home/',
  '/home/alice',
  'token=',
  'password: ',
  "'",
  '"',
  '\\r\\n',
  'Authorization: Bearer ',
  'Cookie: a=',
  '; b=',
  'ghp_',
  'A'.repeat(36),
  'AKIA',
  'ABCDEFGHIJKLMNOP',
  '-----BEGIN RSA PRIVATE KEY-----',
  '\n',
  '\u001b[31m',
  '\uFFFD',
  '<ip-1>',
  '<user-',
  '>',
  ' ',
);
const text = fc
  .array(
    fc.oneof(piece, fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 4 })),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));
const contextNames = fc.array(
  fc.oneof(
    fc.constantFrom('alice', 'ali', 'lice', 'web', 'ip', 'user-1'),
    fc.string({ minLength: 1, maxLength: 5 }),
  ),
  { maxLength: 4 },
);

describe('redaction guarantees', () => {
  it('leaves no redacted value outside placeholders, overlaps and substrings included', () => {
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 3 }),
        contextNames,
        contextNames,
        (texts, hosts, users) => {
          const plan = findRedactions(texts, {}, { hostNames: hosts, userNames: users });
          for (const each of texts)
            expect(leftovers(applyRedactions(each, plan), plan)).toEqual([]);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never matches its own placeholders again', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 3 }), (texts) => {
        const plan = findRedactions(texts);
        const redacted = texts.map((each) => applyRedactions(each, plan));
        const again = findRedactions(redacted);
        // A second pass may find a value newly next to a placeholder, never in one.
        for (const entry of again.entries) {
          for (const [index, starts] of entry.positions.entries()) {
            const spans = [...(redacted[index] ?? '').matchAll(PLACEHOLDERS)].map((m) => [
              m.index,
              m.index + m[0].length,
            ]);
            for (const start of starts) {
              const end = start + entry.value.length;
              expect(spans.filter(([from = 0, to = 0]) => start < to && from < end)).toEqual([]);
            }
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('gives one placeholder per value and one value per placeholder', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 3 }), (texts) => {
        const plan = findRedactions(texts);
        expect(new Set(plan.entries.map((entry) => entry.placeholder)).size).toBe(
          plan.entries.length,
        );
        expect(new Set(plan.entries.map((entry) => entry.value)).size).toBe(plan.entries.length);
      }),
    );
  });

  it('never throws on any input', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.array(fc.string(), { maxLength: 3 }),
        (input, names) => {
          const plan = findRedactions(
            [input],
            {},
            { hostNames: names, userNames: names, keep: names },
          );
          applyRedactions(input, plan);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never throws on a huge line of pathological repeats', () => {
    const hugeLine =
      'a.'.repeat(200_000) +
      '1.'.repeat(200_000) +
      ':'.repeat(100_000) +
      'password: ' +
      'x'.repeat(100_000);
    expect(() => applyRedactions(hugeLine, findRedactions([hugeLine]))).not.toThrow();
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISOLATED_UNIT_TESTS } from '../../vitest.config';

const root = join(__dirname, '..', '..');
// Calls whose effect outlives the file that makes them when files share a module graph.
const LEAKY = /\bvi\.(mock|doMock|stubGlobal|stubEnv|useFakeTimers|spyOn)\(/;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [relative(root, path)] : [];
  });
}

describe('unit test isolation', () => {
  it('runs every file that mocks, stubs or fakes timers in the isolated project', () => {
    const leaky = testFiles(join(root, 'test', 'unit'))
      .filter((file) => file !== 'test/unit/isolatedUnitTests.test.ts')
      .filter((file) => LEAKY.test(readFileSync(join(root, file), 'utf8')))
      .sort();
    expect(leaky).toEqual([...ISOLATED_UNIT_TESTS].sort());
  });
});

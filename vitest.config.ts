import { defineConfig } from 'vitest/config';

/**
 * Unit test files that change what other files would see (vi.mock, vi.stubGlobal/stubEnv,
 * fake timers, spies on shared objects): they run each in a fresh module graph (the
 * `unit-isolated` project); every other unit file shares one per worker.
 * `test/unit/isolatedUnitTests.test.ts` fails when a file that does such things is missing here.
 */
export const ISOLATED_UNIT_TESTS = [
  'test/unit/captures/terminalFeed.test.ts',
  'test/unit/electron/mainWiring.test.ts',
  'test/unit/electron/preload.test.ts',
  'test/unit/electron/safeStorageKeychain.test.ts',
  'test/unit/node/keptAppTabs.test.ts',
  'test/unit/node/reconnector.test.ts',
  'test/unit/state/notices.test.ts',
] as const;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          exclude: [...ISOLATED_UNIT_TESTS],
          environment: 'node',
          // Pure tests share one module graph per worker: re-importing every module for each of
          // 130 files was most of the suite's time (113 s → under 30 s on 2 cores). Files that
          // mock modules, stub globals or fake timers run in `unit-isolated` below.
          isolate: false,
          maxWorkers: 2,
          // Property tests run hundreds of cases: 5 s (the default) is not enough when the
          // machine's two cores are busy. A hang still fails; speed is measured in the bench.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'unit-isolated',
          include: [...ISOLATED_UNIT_TESTS],
          environment: 'node',
          maxWorkers: 2,
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          // One lab sshd per file; the machine has two cores.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

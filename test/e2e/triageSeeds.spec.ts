// Issue 12, per lab service: triage through the lab sshd, the expected finding ranks first and its
// evidence names the right thing (seed 000 is triage.spec.ts, the healthy control
// triageHealthy.spec.ts). Each test starts its service and stops it: one seed at a time, since a
// seed burning a core beside another would starve it.

import { expect, test, type Locator, type Page } from '@playwright/test';
import { startSeed001 } from '../lab/seed001';
import type { LabService } from '../lab/service';
import { LAB_SERVICES } from '../lab/services';
import { activePanel, connected } from './captureSteps';
import { withLabApp } from './labApp';
import { evidenceLinks, findingLines, triageFirstFinding, type ExpectedFirst } from './triageSteps';
import { watchForFatalErrors } from './webApp';

const env = withLabApp();

test.setTimeout(240_000);

interface SeedCase {
  name: string;
  /** The service, and the process triage picks in it. */
  start(): Promise<{ service: LabService; pid: number }>;
  first: ExpectedFirst;
  /** What the first finding must name: in its title, and in its evidence links. */
  names(first: Locator, on: { page: Page; pid: number; service: LabService }): Promise<void>;
}

const labService = (name: 'seed002' | 'seed003' | 'seed004') => async () => {
  const service = await LAB_SERVICES[name].start({});
  return { service, pid: service.pid };
};

const CASES: SeedCase[] = [
  {
    name: 'seed001',
    // gunicorn's 30 s worker timeout keeps the worker (the default 3 s replaces it mid-triage).
    start: async () => {
      const service = await startSeed001({ workerTimeoutSeconds: 30 });
      await service.hung();
      return { service, pid: service.workerPid() ?? service.pid };
    },
    first: { kind: 'gil-hog', severity: 'critical' },
    names: async (first) => {
      await expect(first.locator('.finding-title')).toContainText(
        /"health-sync" holds the GIL at validate \(app\.py:\d+\)/,
      );
      await expect(
        evidenceLinks(first)
          .filter({ hasText: /· validate \(app\.py:\d+\), dump \d/ })
          .first(),
      ).toBeVisible();
    },
  },
  {
    name: 'seed002',
    start: labService('seed002'),
    first: { kind: 'event-loop-blocked', severity: 'critical' },
    names: async (first) => {
      // The app's coroutine, not uvicorn's run_asgi: blocked in its sync read, or on the CPU in
      // it in every dump (building a new client per request, hashing), whichever the dumps caught.
      const title = first.locator('.finding-title');
      await expect(title).toContainText(
        /blocked in search \(app\.py:\d+\) calling \S+ \([^)]+\): it waits in \w+|runs CPU work in search \(app\.py(:\d+)?\)/,
      );
      await expect(title).not.toContainText('run_asgi');
      await expect(
        evidenceLinks(first)
          .filter({ hasText: /· search \(app\.py:\d+\), dump \d/ })
          .first(),
      ).toBeVisible();
    },
  },
  {
    name: 'seed003',
    start: labService('seed003'),
    // Triage's strace -c: rename fails on every call, thousands a second over its 3 s...
    first: { kind: 'syscall-loop', severity: 'critical' },
    names: async (first, { page, pid }) => {
      // Names from the host show as code, without their backticks.
      const title = first.locator('.finding-title');
      await expect(title).toContainText(/^rename failed [\d ]+ of [\d ]+ calls/);
      await expect(title.locator('code')).toHaveText(['rename']);
      await expect(evidenceLinks(first).filter({ hasText: /^rename$/ })).toHaveCount(1);
      // ...whose next step (Enter) traces the calls in order: the loop, its errno and its rate.
      await runFirstNextStep(page, pid);
      await expect(title).toContainText(
        // The lab's loop sleeps every 50 rounds: "N times in B bursts (R rounds/s sustained)".
        /repeats .*rename = -1 ENOENT.* [\d ]+ times( in [\d ]+ bursts)? \([\d ]+ rounds\/s( sustained)?\)/,
        { timeout: 60_000 },
      );
      console.log(`seed003 after strace: ${await findingLines(page)}`);
      await expect(evidenceLinks(first).filter({ hasText: 'rename ENOENT' })).toHaveCount(1);
      await page.screenshot({ path: test.info().outputPath('seed003-strace-insights.png') });
    },
  },
  {
    name: 'seed004',
    start: labService('seed004'),
    first: { kind: 'sync-workers-exhausted', severity: 'critical' },
    names: async (first, { service }) => {
      // The worker's connection to its own listening port, and that port's queue, from ss.
      const own = `127.0.0.1:${service.port}`;
      await expect(first.locator('.finding-title')).toContainText(
        `waits on a request to its own server (port ${service.port}): it calls itself`,
      );
      await expect(
        evidenceLinks(first)
          .filter({ hasText: `→ ${own}` })
          .first(),
      ).toBeVisible();
      await expect(evidenceLinks(first).filter({ hasText: `listening ${own}` })).toHaveCount(1);
      await expect(
        evidenceLinks(first)
          .filter({ hasText: /· call_api \(app\.py:\d+\), dump \d/ })
          .first(),
      ).toBeVisible();
    },
  },
];

/** Runs the selected finding's first next step (Enter), then brings the Insights tab back. */
async function runFirstNextStep(page: Page, pid: number): Promise<void> {
  const insightsTab = page.getByRole('tab', { name: new RegExp(`insights · ${pid}\\b`) });
  await activePanel(page).getByRole('list', { name: 'Findings' }).focus();
  await page.keyboard.press('Enter');
  await expect(insightsTab).toHaveAttribute('aria-selected', 'false');
  await insightsTab.click();
  await expect(insightsTab).toHaveAttribute('aria-selected', 'true');
}

for (const seed of CASES) {
  test(`triage of ${seed.name}: ${seed.first.severity} ${seed.first.kind} first, naming its evidence`, async ({
    page,
  }) => {
    const checkErrors = watchForFatalErrors(page);
    const { service, pid } = await seed.start();
    try {
      await connected(page, env.app, env.lab);
      const first = await triageFirstFinding(page, pid, seed.first, seed.name);
      await seed.names(first, { page, pid, service });
      checkErrors();
    } finally {
      await service.stop();
    }
  });
}

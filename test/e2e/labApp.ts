import { test } from '@playwright/test';
import { startSeed000, type Seed000 } from '../lab/seed000';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { WebApp } from './webApp';

/** The lab sshd and the browser-mode app, started before a spec file's tests and stopped after. */
export function withLabApp(): { readonly lab: LabSshd; readonly app: WebApp } {
  let lab: LabSshd | undefined;
  let app: WebApp | undefined;
  test.beforeAll(async () => {
    lab = await startLabSshd();
    app = await WebApp.start();
  });
  test.afterEach(async () => {
    await app?.closeTerminals();
  });
  test.afterAll(async () => {
    await app?.stop();
    await lab?.stop();
  });
  return {
    get lab() {
      if (!lab) throw new Error('the lab sshd is not started');
      return lab;
    },
    get app() {
      if (!app) throw new Error('the app is not started');
      return app;
    },
  };
}

/** withLabApp, plus the seed-000 service under load on the lab host. */
export function withSeed000App(): {
  readonly lab: LabSshd;
  readonly app: WebApp;
  readonly seed: Seed000;
} {
  const env = withLabApp();
  let seed: Seed000 | undefined;
  test.beforeAll(async () => {
    seed = await startSeed000();
  });
  test.afterAll(async () => {
    await seed?.stop();
  });
  return {
    get lab() {
      return env.lab;
    },
    get app() {
      return env.app;
    },
    get seed() {
      if (!seed) throw new Error('seed 000 is not started');
      return seed;
    },
  };
}

import { test } from '@playwright/test';
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

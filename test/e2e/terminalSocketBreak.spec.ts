// A terminal's byte socket that breaks (a bad frame makes the server close it with 1009, 1007 or
// 1002) says why where its output stopped, in that terminal only; the other terminals go on.
import { expect, test, type WebSocketRoute } from '@playwright/test';
import { connected } from './captureSteps';
import { withLabApp } from './labApp';
import { terminalText, typeInTerminal, watchForFatalErrors } from './webApp';

const env = withLabApp();

test('a broken terminal socket says why in that terminal; the other shell goes on', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const checkErrors = watchForFatalErrors(page);
  // Every terminal socket goes through the test, which passes it on to the real server and can
  // close the page's side as the server does after a bad frame.
  const routes: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/ws\/terminal\//, (route) => {
    route.connectToServer();
    routes.push(route);
  });
  await connected(page, env.app, env.lab);
  await typeInTerminal(page, 'echo first-$((40+2))\n');
  await expect(terminalText(page)).toContainText('first-42');

  await page.keyboard.press('Control+Shift+T');
  await expect(page.getByRole('tab', { name: /shell/ })).toHaveCount(2);
  await expect.poll(() => routes.length).toBe(2);
  await typeInTerminal(page, 'echo second-$((50+5))\n');
  await expect(terminalText(page)).toContainText('second-55');

  // The second shell's socket closes as after an oversized frame.
  await routes[1]?.close({ code: 1009, reason: '' });
  await expect(terminalText(page)).toContainText(
    "[output stopped: the terminal's socket closed: a message too big (code 1009)]",
  );

  // The first shell still answers.
  await page.getByRole('tab', { name: /shell/ }).first().click();
  await typeInTerminal(page, 'echo still-$((60+6))\n');
  await expect(terminalText(page)).toContainText('still-66');
  await expect(terminalText(page)).not.toContainText('output stopped');
  checkErrors();
});

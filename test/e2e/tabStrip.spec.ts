import { expect, test, type Locator, type Page } from '@playwright/test';
import { connected } from './captureSteps';
import { withLabApp } from './labApp';
import { watchForFatalErrors } from './webApp';

// More tabs than the strip holds: the active one is always in view, the strip says how many are
// hidden on each side, and the keyboard reaches every tab.

const started = withLabApp();

test.describe.configure({ timeout: 300_000 });

/** True when `tab` lies wholly inside the visible part of the tab strip. */
async function wholeInStrip(page: Page, tab: Locator): Promise<boolean> {
  const strip = await page.getByRole('tablist', { name: 'Terminals' }).boundingBox();
  const box = await tab.boundingBox();
  if (!strip || !box) return false;
  return box.x >= strip.x - 1 && box.x + box.width <= strip.x + strip.width + 1;
}

test('twelve tabs: each new one is in view, the overflow is counted, Alt keys reach them all', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await connected(page, started.app, started.lab);
  const tabs = page.getByRole('tab');
  const selected = page.getByRole('tab', { selected: true });
  for (let count = 2; count <= 12; count++) {
    await page.keyboard.press('Control+Shift+T');
    await expect(tabs).toHaveCount(count, { timeout: 30_000 });
    await expect(tabs.nth(count - 1)).toHaveAttribute('aria-selected', 'true');
    await expect.poll(() => wholeInStrip(page, selected)).toBe(true);
  }
  const left = page.getByRole('button', { name: /more tabs to the left/ });
  const right = page.getByRole('button', { name: /more tabs to the right/ });
  await expect(left).toBeVisible();
  await expect(right).toBeHidden();
  const hiddenLeft = Number(/^(\d+)/.exec((await left.getAttribute('aria-label')) ?? '')?.[1]);
  expect(hiddenLeft).toBeGreaterThan(0);
  expect(hiddenLeft).toBeLessThan(12);
  await page.screenshot({ path: test.info().outputPath('tab-strip-12.png'), clip: stripClip });

  // Alt+1: the first tab, scrolled into view; now the tabs on the right are counted.
  await page.keyboard.press('Alt+1');
  await expect(tabs.first()).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => wholeInStrip(page, tabs.first())).toBe(true);
  await expect(right).toBeVisible();
  await expect(left).toBeHidden();
  await page.screenshot({ path: test.info().outputPath('tab-strip-first.png'), clip: stripClip });
  // Alt+PageUp from the first wraps to the last; Alt+9 is the last too; Alt+PageDown goes on.
  await page.keyboard.press('Alt+PageUp');
  await expect(tabs.nth(11)).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => wholeInStrip(page, tabs.nth(11))).toBe(true);
  await page.keyboard.press('Alt+1');
  await page.keyboard.press('Alt+9');
  await expect(tabs.nth(11)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Alt+PageDown');
  await expect(tabs.first()).toHaveAttribute('aria-selected', 'true');

  // The count button scrolls the strip.
  await right.click();
  await expect(left).toBeVisible();
  checkErrors();
});

const stripClip = { x: 240, y: 0, width: 1200, height: 40 };

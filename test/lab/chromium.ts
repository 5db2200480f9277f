import { chromium, type Browser } from '@playwright/test';

/** Debian's Chromium (package `chromium`), never a downloaded browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags that keep it off the closed network and runnable as root. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Chromium for the benchmarks (the e2e tests launch it through playwright.config.ts). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

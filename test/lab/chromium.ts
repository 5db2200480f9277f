import { chromium, type Browser } from '@playwright/test';

/** Debian's Chromium (package `chromium`), never a downloaded browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Flags that keep it off the closed network and runnable as root, and one that keeps Chromium's own
 * browser UI out of the measurements: headless Chromium (156 here) builds each new window's omnibox
 * popup, a WebUI page (chrome://omnibox-popup.top-chrome), in a renderer of its own, ~1.2 s of CPU
 * in the second after every page opens. On 2 cores that competes with the page under test (a file
 * picked then took ~1.65 s to draw instead of ~1.25). Neither the app (Electron) nor a test has an
 * omnibox.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
];

/** Headless Chromium for the benchmarks (the e2e tests launch it through playwright.config.ts). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

import { defineConfig } from '@playwright/test';
import base from '../e2e/playwright.config';

/** `npm run sample:record`: drives the app on the lab to record the first-run sample. Not a test. */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: 'recordSample.ts',
  timeout: 300_000,
  outputDir: '../../test-results/sample',
});

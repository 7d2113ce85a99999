// Shared helpers of the browser tests: the system Chromium, driven by playwright-core.
import { chromium } from 'playwright-core';

/** The flags every Chromium of the tests runs with (headless, no sandbox for root, no background traffic). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Starts Chromium (env CHROMIUM, default /usr/bin/chromium) with a fresh profile; close it when done. */
export function launch(options = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    ...options,
  });
}

/** The address of the site under test (env REPLICA_URL), with a trailing slash. */
export function baseUrl() {
  const url = process.env.REPLICA_URL;
  if (!url) {
    throw new Error('REPLICA_URL is not set: run the browser tests with `cargo xtask test`');
  }
  return url.endsWith('/') ? url : `${url}/`;
}

/** Records the page's console errors and uncaught exceptions, as strings, into the returned array. */
export function collectErrors(page) {
  const errors = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url } = message.location();
    errors.push(`console: ${message.text()}${url ? ` (${url})` : ''}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return errors;
}

/** A fresh page in its own context (no shared storage) that records console errors; `init` runs
 * in the page before its scripts (e.g. to observe long tasks from the start). */
export async function open(browser, path, init = null) {
  const context = await browser.newContext({ viewport: { width: 1300, height: 1000 } });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(new URL(path, baseUrl()).href);
  // The page is built once its family's core has loaded (www/app.js marks it).
  await page.waitForFunction(() => performance.getEntriesByName('replica:routed').length > 0);
  return { page, errors, close: () => context.close() };
}

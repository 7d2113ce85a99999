// Sweeps in the page: a sweep link opens the page with its sweep run in the workers, with the
// fingerprint `replica sweep` computes natively, without a long task on the main thread; the panel
// validates what is typed, puts the sweep in the address, forgets a sweep of an old link, and cancels.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { launch, open as openPage } from './lib/browser.mjs';
import { cli } from './lib/cli.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A fresh page that records console errors and main-thread tasks longer than 50 ms. */
const open = (path) =>
  openPage(browser, path, () => {
    window.longTasks = [];
    new PerformanceObserver((list) => window.longTasks.push(...list.getEntries())).observe({ type: 'longtask', buffered: true });
  });

/** The longest main-thread task that started after `since` (ms), or 0. */
const longestTaskSince = (page, since) => page.evaluate((t) => Math.max(0, ...window.longTasks.filter((e) => e.startTime >= t).map((e) => e.duration)), since);

const sweepDone = (page, timeout = 90_000) =>
  page.waitForFunction(() => document.querySelector('#sweep-status')?.textContent.startsWith('Done'), null, { timeout });

for (const link of [
  '#/perceptron?seed=7&rule=online&N=200&alpha_max=5&seeds=3&sweep=alpha_max:0.5:8:7',
  '#/two-layer-sgd?seed=3&N=100&K=2&M=2&t_max=20&sweep=lr:0.2:1.6:4:linear',
]) {
  test(`a sweep link runs in the page with the fingerprint of replica sweep: ${link}`, async () => {
    const { page, errors, close } = await open(link);
    await sweepDone(page);
    const native = JSON.parse(cli('sweep', link, '--json'));
    assert.equal(await page.locator('#sweep-fingerprint').textContent(), native.fingerprint);
    assert.equal(new URL(page.url()).hash, native.link, 'the address is the canonical sweep link');
    // The page's own run goes on beside the sweep, and the figures of both are drawn.
    await page.waitForFunction(() => document.querySelector('#replica-status')?.textContent.startsWith('Done'), null, { timeout: 60_000 });
    assert.equal(await page.locator('#sweep-figures canvas').count(), native.figures.length);
    assert.equal(await page.locator('#sweep-param').inputValue(), native.param);
    // Loading a page has its long tasks (compiling, the first drawing, and on a busy machine more;
    // tests/e2e/perceptron.test.mjs also measures after the load). Run the sweep again from its
    // panel: the same fingerprint, and no main-thread task over 100 ms from start to drawn figures.
    const loaded = await page.evaluate(() => performance.now());
    await page.click('#sweep-run'); // sets the status to 'Running' before it returns
    await sweepDone(page);
    await page.waitForTimeout(200); // the figures are drawn one per animation frame
    assert.equal(await page.locator('#sweep-fingerprint').textContent(), native.fingerprint, 'run again');
    const longest = await longestTaskSince(page, loaded);
    console.log(`longest main-thread task during the sweep: ${longest.toFixed(0)} ms`);
    assert.ok(longest < 100, `a main-thread task took ${longest} ms`);
    assert.deepEqual(errors, []);
    await close();
  });
}

test('the panel validates its fields with the core’s messages, runs, puts the sweep in the address, and cancels', async () => {
  const { page, errors, close } = await open('#/perceptron?N=100&alpha_max=3&seeds=2');
  await page.waitForFunction(() => document.querySelector('#replica-status')?.textContent.startsWith('Done'));
  await page.selectOption('#sweep-param', 'alpha_max');
  assert.equal(await page.locator('#sweep-scale').inputValue(), 'log', 'the parameter’s own scale');
  await page.fill('#sweep-from', '0');
  await page.press('#sweep-from', 'Enter');
  await page.locator('#sweep-error', { hasText: 'sweep from: alpha_max must be in [0.1, 200], got 0' }).waitFor();
  assert.ok(await page.locator('#sweep-figures').isHidden(), 'nothing runs');
  await page.fill('#sweep-from', '1');
  await page.fill('#sweep-to', '4');
  await page.fill('#sweep-steps', '4');
  const loaded = await page.evaluate(() => performance.now());
  await page.click('#sweep-run');
  await sweepDone(page);
  await page.waitForTimeout(200); // the figures are drawn one per animation frame
  const longest = await longestTaskSince(page, loaded);
  console.log(`longest main-thread task during the sweep: ${longest.toFixed(0)} ms`);
  assert.ok(longest < 100, `a main-thread task took ${longest} ms`);
  assert.equal(await page.locator('#sweep-figures canvas').count(), 2);
  assert.ok(await page.locator('#sweep-error').isHidden());
  const hash = new URL(page.url()).hash;
  assert.equal(hash, '#/perceptron?v=2&seed=1&rule=hebb&N=100&alpha_max=3&seeds=2&sweep=alpha_max:1:4:4:log');
  assert.equal(await page.locator('#sweep-fingerprint').textContent(), cli('sweep', hash).split(' ')[0]);
  // A control changes the page's link: the sweep of the old one goes, and so does its part of the address.
  await page.fill('input#N', '120');
  await page.press('input#N', 'Enter');
  await page.waitForURL(/N=120&alpha_max=3&seeds=2$/);
  assert.ok(await page.locator('#sweep-figures').isHidden());
  assert.deepEqual(errors, []);
  await close();
});

test('a long sweep is cancelled at once, and the panel can run again', async () => {
  const { page, errors, close } = await open('#/perceptron?N=2000&seeds=5&sweep=alpha_max:20:100:6');
  await page.locator('#sweep-status', { hasText: 'Running' }).waitFor();
  await page.click('#sweep-cancel');
  assert.equal(await page.locator('#sweep-status').textContent(), 'Cancelled');
  assert.ok(await page.locator('#sweep-run').isEnabled());
  assert.ok(await page.locator('#sweep-cancel').isDisabled());
  await page.fill('#sweep-to', '25');
  await page.fill('#sweep-steps', '2');
  await page.click('#sweep-run');
  await sweepDone(page);
  assert.deepEqual(errors, []);
  await close();
});

// The perceptron page end to end in Chromium: gallery, page, controls, links, fingerprints, bad
// links, pause and cancel, keyboard, and a main thread that never blocks during a long run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { baseUrl, launch, open as openPage } from './lib/browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A fresh page (own context: no shared storage) that records console errors. */
const open = (path) => openPage(browser, path);

const status = (page) => page.locator('#replica-status');
const fingerprint = (page) => page.locator('#replica-fingerprint');

/** Wait until the run ends; return its fingerprint. */
async function finished(page, timeout = 60_000) {
  await page.waitForFunction(() => document.querySelector('#replica-status')?.textContent.startsWith('Done'), null, { timeout });
  const fp = await fingerprint(page).textContent();
  assert.match(fp, /^[0-9a-f]{16}$/);
  return fp;
}

const draws = (page) => page.locator('#replica-figures').evaluate((e) => Number(e.dataset.draws ?? 0));

test('the gallery shows a card per model, with a drawn thumbnail, linking to its page', async () => {
  const { page, errors, close } = await open('');
  const cards = page.locator('.card');
  await cards.first().waitFor();
  assert.ok((await cards.count()) >= 1);
  const link = cards.first().locator('a.card-link');
  assert.equal(await link.getAttribute('href'), '#/perceptron');
  // The thumbnail, made at build time, has loaded and has ink on it (not a blank image).
  const inked = await page.locator('img.thumb').first().evaluate(async (img) => {
    await img.decode();
    const canvas = Object.assign(document.createElement('canvas'), { width: img.naturalWidth, height: img.naturalHeight });
    const context = canvas.getContext('2d');
    context.drawImage(img, 0, 0);
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i] < 128) dark += 1;
    return dark;
  });
  assert.ok(inked > 100, `thumbnail looks blank (${inked} dark pixels)`);
  await link.click();
  await page.waitForURL(/#\/perceptron\?v=2&seed=1&rule=hebb&N=500&alpha_max=20&seeds=5$/);
  await finished(page);
  assert.deepEqual(errors, []);
  await close();
});

test('the page is built from the spec: citation, controls named as in links, equations, figures', async () => {
  const { page, errors, close } = await open('#/perceptron');
  await finished(page);
  assert.match(await page.locator('h1').textContent(), /Teacher–student perceptron/);
  assert.match(await page.locator('.citations').textContent(), /Engel, C\. Van den Broeck \(2001\)/);
  for (const id of ['N', 'alpha_max', 'seeds', 'seed']) assert.equal(await page.locator(`input#${id}`).count(), 1, id);
  assert.equal(await page.locator('fieldset#rule input[type=radio]').count(), 3);
  assert.ok((await page.locator('.equations math').count()) >= 5);
  assert.equal(await page.locator('#replica-figures canvas').count(), 2);
  for (const label of await page.locator('#replica-figures canvas').evaluateAll((cs) => cs.map((c) => c.getAttribute('aria-label')))) {
    assert.match(label, /theory/);
  }
  assert.deepEqual(errors, []);
  await close();
});

test('a control changes the link, redraws the plot and changes the fingerprint; the link reproduces it', async () => {
  const { page, errors, close } = await open('#/perceptron?N=200&alpha_max=5');
  const before = await finished(page);
  const drawsBefore = await draws(page);
  await page.fill('input#N', '300');
  await page.press('input#N', 'Enter');
  await page.waitForURL(/[?&]N=300(&|$)/);
  await page.waitForFunction((fp) => {
    const s = document.querySelector('#replica-status').textContent;
    return s.startsWith('Done') && document.querySelector('#replica-fingerprint').textContent !== fp;
  }, before);
  const after = await fingerprint(page).textContent();
  assert.notEqual(after, before);
  assert.ok((await draws(page)) > drawsBefore, 'the figures were redrawn');
  const url = page.url();
  assert.match(url, /#\/perceptron\?v=2&seed=1&rule=hebb&N=300&alpha_max=5&seeds=5$/);

  // "Copy link" puts exactly this link on the clipboard.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl()).origin });
  await page.click('#replica-copy');
  await page.locator('.copied', { hasText: 'Link copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url);

  // The same link in a fresh browser context gives the same fingerprint.
  const again = await open(url);
  assert.equal(await finished(again.page), after);
  assert.deepEqual(again.errors, []);
  await again.close();
  assert.deepEqual(errors, []);
  await close();
});

test('a bad link shows what is wrong, falls back to defaults, and the page keeps working', async () => {
  const { page, errors, close } = await open('#/perceptron?N=abc&alpha_max=1e9&seeds=3&bogus=1');
  const banner = page.locator('#replica-messages');
  await banner.waitFor();
  const text = await banner.textContent();
  assert.match(text, /N must be a whole number in \[10, 5000\], got 'abc'/);
  assert.match(text, /alpha_max must be in \[0\.1, 200\], got 1e9/);
  assert.match(text, /unknown parameter 'bogus' for model perceptron/);
  // Valid parts are kept, invalid ones take their defaults, and the link is rewritten canonically.
  await page.waitForURL(/#\/perceptron\?v=2&seed=1&rule=hebb&N=500&alpha_max=20&seeds=3$/);
  await finished(page);
  // A value out of range typed into a control: its message under the control, no run, no lost state.
  const url = page.url();
  await page.fill('input#N', '99999');
  await page.press('input#N', 'Enter');
  await page.locator('#N-error').waitFor();
  assert.equal(await page.locator('#N-error').textContent(), 'N must be in [10, 5000], got 99999');
  assert.equal(page.url(), url);
  await page.fill('input#N', '100');
  await page.press('input#N', 'Enter');
  await page.waitForURL(/[?&]N=100(&|$)/);
  assert.equal(await page.locator('#N-error').isHidden(), true);
  await finished(page);
  // Garbage and unknown models leave the tab alive, on the gallery, with a message.
  for (const bad of ['#/nosuch?x=1', '#/perceptron?%zz', `#/${'x'.repeat(5000)}`]) {
    await page.goto(new URL(bad, baseUrl()).href);
    await page.locator('#replica-messages').waitFor();
  }
  assert.match(await page.locator('#replica-messages').textContent(), /characters long/);
  assert.deepEqual(errors, []);
  await close();
});

test('a budget too large is refused with a message naming the parameters; the values stay', async () => {
  const { page, errors, close } = await open('#/perceptron?N=5000&alpha_max=20');
  await finished(page, 120_000);
  await page.fill('input#alpha_max', '200');
  await page.press('input#alpha_max', 'Enter');
  const banner = page.locator('#replica-messages');
  await banner.waitFor();
  assert.match(await banner.textContent(), /Not run: rule=hebb with N=5000, alpha_max=200 and seeds=5 needs .* lower N, alpha_max or seeds/);
  assert.equal(await page.locator('input#alpha_max').inputValue(), '200');
  assert.match(page.url(), /alpha_max=20&/);
  assert.deepEqual(errors, []);
  await close();
});

test('keyboard: the slider and the rule move with arrow keys', async () => {
  const { page, errors, close } = await open('#/perceptron?N=100&alpha_max=2');
  await finished(page);
  await page.locator('fieldset#rule input[value=hebb]').focus();
  await page.keyboard.press('ArrowDown');
  await page.waitForURL(/rule=online/);
  const slider = page.locator('[data-param=N] input[type=range]');
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForURL((url) => !/[?&]N=100(&|$)/.test(url.hash));
  await finished(page);
  assert.deepEqual(errors, []);
  await close();
});

test('pause, resume and cancel a long run; the main thread never blocks for 100 ms', async () => {
  // About 2·10^9 input components: several seconds of work in the worker.
  const { page, errors, close } = await open('#/perceptron?rule=online&N=2000&alpha_max=100&seeds=5');
  await page.waitForFunction(() => /Running · [1-9]/.test(document.querySelector('#replica-status').textContent));
  await page.click('#replica-cancel');
  await page.waitForFunction(() => document.querySelector('#replica-status').textContent.startsWith('Cancelled'));
  // From here on, the page is loaded: every long task is one that a run caused.
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
  });
  await page.click('#replica-rerun');
  await page.waitForFunction(() => /Running · [1-9]/.test(document.querySelector('#replica-status').textContent));
  await page.click('#replica-pause');
  await page.waitForFunction(() => document.querySelector('#replica-status').textContent.startsWith('Paused'));
  const held = await page.locator('#replica-progress').evaluate((p) => p.value);
  await page.waitForTimeout(600);
  assert.equal(await page.locator('#replica-progress').evaluate((p) => p.value), held, 'a paused run does not advance');
  await page.click('#replica-pause');
  await page.waitForFunction((v) => document.querySelector('#replica-progress').value > v, held);
  await finished(page, 300_000);
  const longest = await page.evaluate(() => Math.max(0, ...window.longTasks));
  console.log(`longest main-thread task during the run: ${longest.toFixed(0)} ms`);
  assert.ok(longest < 100, `a main-thread task took ${longest} ms`);
  assert.deepEqual(errors, []);
  await close();
});

// Every registered model opens from the gallery, runs from its link to the end without errors,
// draws its figures, and shows the fingerprint that `replica run` computes natively for that link.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { baseUrl, collectErrors, launch } from './lib/browser.mjs';
import { cli } from './lib/cli.mjs';

/** The ids of every model, from the registry as the CLI prints it. */
const models = () =>
  cli('list')
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0])
    .filter(Boolean);

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the gallery has a card for every model in the registry', async () => {
  const page = await browser.newPage();
  const errors = collectErrors(page);
  await page.goto(baseUrl());
  await page.locator('.card').first().waitFor();
  const hrefs = await page.locator('a.card-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs, models().map((id) => `#/${id}`));
  assert.deepEqual(errors, []);
  await page.close();
});

for (const id of models().filter((m) => m !== 'perceptron')) {
  test(`${id}: opens from the gallery, runs to the end, and matches the native fingerprint`, async () => {
    const context = await browser.newContext({ viewport: { width: 1300, height: 1000 } });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(baseUrl());
    await page.locator(`a.card-link[href="#/${id}"]`).click();
    // The page rewrites the short link to the full, canonical one.
    await page.waitForURL(new RegExp(`#/${id}\\?v=2&seed=1&`));
    await page.waitForFunction(() => document.querySelector('#replica-status')?.textContent.startsWith('Done'), null, {
      timeout: 90_000,
    });
    const shown = await page.locator('#replica-fingerprint').textContent();
    const link = new URL(page.url()).hash;
    const native = JSON.parse(cli('run', link, '--json'));
    assert.equal(shown, native.fingerprint, `fingerprint of ${link}`);
    const figures = await page.locator('#replica-figures canvas').count();
    assert.equal(figures, native.figures.length);
    assert.ok(figures >= 2);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

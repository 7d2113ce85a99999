// Embedding, the three ways, as a lab's website on another origin does it (fixtures/lab/): the
// <replica-model> element, a frame of the compact page, and the script API. Each loads across
// origins, runs to the fingerprint that `replica run` computes, follows its controls, leaves the
// host page's address and styles alone, and logs no error.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { baseUrl, collectErrors, launch } from './lib/browser.mjs';
import { serveLab } from './lib/lab.mjs';

/** The fingerprint `replica run` prints for a link. */
function native(link) {
  const run = spawnSync(process.env.REPLICA_CLI, ['run', link, '--json'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout).fingerprint;
}

/** The README's snippets (its html blocks on embedding), as one page of the lab. */
function readmePage() {
  const readme = readFileSync(join(process.env.REPLICA_ROOT ?? '.', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## On your own site'), readme.indexOf('## The command-line tool'));
  const blocks = [...section.matchAll(/```html\n([\s\S]*?)```/g)].map((m) => m[1].replaceAll('https://lab.example/assets/replica/', '{{REPLICA}}'));
  assert.equal(blocks.length, 3, 'the README shows the element, the frame and the script');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>README</title><link rel="icon" href="data:,"></head><body>\n${blocks.join('\n')}\n</body></html>`;
}

let browser, lab, page, errors;
before(async () => {
  assert.ok(process.env.REPLICA_CLI, 'REPLICA_CLI is not set: run the browser tests with `cargo xtask test`');
  lab = await serveLab(baseUrl(), { 'readme.html': readmePage() });
  assert.notEqual(new URL(lab.url).origin, new URL(baseUrl()).origin, 'the lab is on another origin');
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
  errors = collectErrors(page);
  await page.goto(lab.url);
});
after(async () => {
  await browser?.close();
  await lab?.close();
});

/** The status and fingerprint inside an embed (`scope`: a locator or a frame locator). */
async function finished(scope, other = null) {
  const status = scope.locator('#replica-status');
  const fingerprint = scope.locator('#replica-fingerprint');
  await status.filter({ hasText: /^Done/ }).waitFor({ timeout: 60_000 });
  if (other) {
    // A new run: wait for its own end.
    await scope.locator('#replica-fingerprint', { hasNotText: other }).filter({ hasText: /^[0-9a-f]{16}$/ }).waitFor({ timeout: 60_000 });
    await status.filter({ hasText: /^Done/ }).waitFor({ timeout: 60_000 });
  }
  return fingerprint.textContent();
}

test('the element: its own controls only, the native fingerprint, a new run on a control or an attribute', async () => {
  const element = page.locator('replica-model#element');
  const first = await finished(element);
  assert.equal(first, native('perceptron?seed=7&rule=hebb&N=200&alpha_max=5&seeds=2'));
  // controls="N,rule": those two, no other, no presets, no seed.
  assert.equal(await element.locator('input#N').count(), 1);
  assert.equal(await element.locator('fieldset#rule input[type=radio]').count(), 3);
  for (const absent of ['input#alpha_max', 'input#seeds', 'input#seed', '#replica-preset']) assert.equal(await element.locator(absent).count(), 0, absent);
  assert.equal(await element.locator('#replica-figures canvas').count(), 2);
  const open = await element.locator('a.open-full').getAttribute('href');
  assert.equal(open, `${baseUrl()}index.html#/perceptron?v=2&seed=7&rule=hebb&N=200&alpha_max=5&seeds=2`);
  // The host page's styles stay outside: its buttons are dark green with round corners.
  const button = await element.locator('#replica-rerun').evaluate((b) => [getComputedStyle(b).backgroundColor, getComputedStyle(b).borderRadius]);
  assert.notDeepEqual(button, ['rgb(23, 61, 47)', '16px']);

  await element.locator('input#N').fill('300');
  await element.locator('input#N').press('Enter');
  const second = await finished(element, first);
  assert.equal(second, native('perceptron?seed=7&rule=hebb&N=300&alpha_max=5&seeds=2'));

  await element.evaluate((e) => e.setAttribute('params', 'rule=online&N=200&alpha_max=5&seeds=2'));
  const third = await finished(element, second);
  assert.equal(third, native('perceptron?seed=7&rule=online&N=200&alpha_max=5&seeds=2'));
  assert.equal(await element.locator('fieldset#rule input[value=online]').isChecked(), true);
  // The element has the script API too; a refused value changes nothing.
  const refused = await element.evaluate((e) => e.set({ N: 'abc' }).then(() => null, (error) => error.message));
  assert.equal(refused, "N must be a whole number in [10, 5000], got 'abc'");
  assert.equal(await element.evaluate((e) => e.link), `${baseUrl()}index.html#/perceptron?v=2&seed=7&rule=online&N=200&alpha_max=5&seeds=2`);
  assert.equal(await element.locator('#replica-fingerprint').textContent(), third);
  assert.equal(page.url(), lab.url, "the host page's address is untouched");
  assert.deepEqual(errors, []);
});

test('the frame: compact, without the site header, only the controls named, the native fingerprint', async () => {
  const frame = page.frameLocator('iframe#frame');
  await page.locator('iframe#frame').scrollIntoViewIfNeeded();
  const first = await finished(frame);
  assert.equal(first, native('perceptron?seed=7&rule=online&N=200&alpha_max=5&seeds=2'));
  assert.equal(await frame.locator('header.site').isVisible(), false);
  assert.equal(await frame.locator('.equations').count(), 0);
  assert.equal(await frame.locator('input#N').count(), 1);
  assert.equal(await frame.locator('input#seed').count(), 1);
  for (const absent of ['fieldset#rule', 'input#alpha_max', 'input#seeds']) assert.equal(await frame.locator(absent).count(), 0, absent);
  // "Open in Replica" leads to the full page of the same link.
  const open = await frame.locator('a.open-full').getAttribute('href');
  assert.equal(open, `${baseUrl()}index.html#/perceptron?v=2&seed=7&rule=online&N=200&alpha_max=5&seeds=2`);

  await frame.locator('input#seed').fill('8');
  await frame.locator('input#seed').press('Enter');
  const second = await finished(frame, first);
  assert.equal(second, native('perceptron?seed=8&rule=online&N=200&alpha_max=5&seeds=2'));
  const inner = page.frames().find((f) => f.url().startsWith(baseUrl()));
  assert.match(inner.url(), /index\.html\?embed&controls=N,seed#\/perceptron\?v=2&seed=8&/, 'the frame keeps its flags');
  assert.equal(page.url(), lab.url);
  assert.deepEqual(errors, []);
});

test('the script API: run, progress and finish events, set, a refused value, pause and reset', async () => {
  const driven = page.locator('#driven');
  const link = (n) => `perceptron?seed=3&rule=gibbs&N=${n}&alpha_max=3&seeds=2`;
  // autorun: false shows the theory and waits.
  assert.equal(await driven.locator('#replica-status').textContent(), 'Ready');
  assert.deepEqual(await page.evaluate(() => window.events), []);
  await page.click('#lab-run');
  await page.waitForFunction(() => window.events.some((e) => e.type === 'finish'), null, { timeout: 60_000 });
  const [progress, finish] = await page.evaluate(() => window.events);
  assert.equal(progress.type, 'progress');
  assert.equal(finish.fingerprint, native(link(100)));
  assert.equal(finish.link, `${baseUrl()}index.html#/perceptron?v=2&seed=3&rule=gibbs&N=100&alpha_max=3&seeds=2`);
  assert.equal(await driven.locator('#replica-fingerprint').textContent(), finish.fingerprint);
  assert.equal(await driven.locator('form.controls').count(), 0, 'controls: none');

  // A value the core refuses: the promise rejects with its message, an 'error' event says it too,
  // and the embed keeps its state and keeps working.
  const refused = await page.evaluate(() => window.driven.set({ N: 99999 }).then(() => null, (e) => e.message));
  assert.equal(refused, 'N must be in [10, 5000], got 99999');
  assert.deepEqual(await page.evaluate(() => window.events.at(-1)), { type: 'error', message: refused });
  assert.equal(await page.evaluate(() => window.driven.link), finish.link);
  const next = await page.evaluate(() => {
    const before = window.events.length;
    return window.driven.set({ N: 150 }).then(() => new Promise((done) => window.driven.on('finish', (e) => window.events.length > before && done(e))));
  });
  assert.equal(next.fingerprint, native(link(150)));

  // A long run, paused; reset puts back the parameters the page mounted, without running them.
  await page.evaluate(() => window.driven.set({ rule: 'online', N: 2000, alpha_max: 100, seeds: 5 }));
  await driven.locator('#replica-status', { hasText: /Running · [1-9]/ }).waitFor();
  await page.click('#lab-pause');
  await driven.locator('#replica-status', { hasText: /^Paused/ }).waitFor();
  await page.click('#lab-reset');
  await driven.locator('#replica-status', { hasText: /^Ready/ }).waitFor();
  assert.equal(await page.evaluate(() => window.driven.link), finish.link);
  const finishes = await page.evaluate(() => window.events.filter((e) => e.type === 'finish').length);
  await page.click('#lab-run');
  await page.waitForFunction((n) => window.events.filter((e) => e.type === 'finish').length > n, finishes, { timeout: 60_000 });
  assert.equal(await page.evaluate(() => window.events.at(-1).fingerprint), finish.fingerprint);
  assert.equal(page.url(), lab.url);
  assert.deepEqual(errors, []);
});

test('the Embed dialog of a model page offers the three forms for the current link, with absolute addresses', async () => {
  const context = await browser.newContext({ viewport: { width: 1300, height: 1000 } });
  const site = await context.newPage();
  const siteErrors = collectErrors(site);
  await site.goto(new URL('#/perceptron?seed=7&rule=hebb&N=200&alpha_max=5&seeds=2', baseUrl()).href);
  await finished(site.locator('body'));
  await site.click('#replica-embed-open');
  const dialog = site.locator('dialog#replica-embed');
  await dialog.waitFor();
  for (const name of ['alpha_max', 'seeds', 'seed']) await dialog.locator(`input[value=${name}]`).uncheck();
  const [element, frame, script] = await dialog.locator('pre').allTextContents();
  assert.equal(
    element,
    `<script type="module" src="${baseUrl()}www/embed.js"></script>\n<replica-model model="perceptron" params="v=2&rule=hebb&N=200&alpha_max=5&seeds=2" seed="7" controls="rule,N"></replica-model>`,
  );
  assert.ok(frame.startsWith(`<iframe src="${baseUrl()}index.html?embed&controls=rule,N#/perceptron?v=2&seed=7&rule=hebb&N=200&alpha_max=5&seeds=2"`), frame);
  assert.match(script, new RegExp(`import \\{ mount \\} from '${baseUrl().replaceAll('.', '\\.')}www/embed\\.js';`));
  // The element's snippet, pasted into a page of the lab, gives the same run.
  const pasted = await context.newPage();
  const pastedErrors = collectErrors(pasted);
  await pasted.goto(`${lab.url}blank.html`);
  await pasted.evaluate((html) => {
    const range = document.createRange();
    document.body.append(range.createContextualFragment(html));
  }, element);
  assert.equal(await finished(pasted.locator('replica-model')), native('perceptron?seed=7&rule=hebb&N=200&alpha_max=5&seeds=2'));
  assert.deepEqual(siteErrors, []);
  assert.deepEqual(pastedErrors, []);
  await context.close();
});

test("the README's snippets work as written", async () => {
  const readme = await browser.newPage({ viewport: { width: 1200, height: 2400 } });
  const readmeErrors = collectErrors(readme);
  await readme.goto(`${lab.url}readme.html`);
  // The element, and the script's mount after its set({N: 1000}).
  const [element, script] = [readme.locator('replica-model'), readme.locator('#model')];
  assert.equal(await finished(element), native('perceptron?seed=7&rule=hebb&N=500&alpha_max=20&seeds=5'));
  await script.locator('#replica-status', { hasText: /^Done/ }).waitFor({ timeout: 60_000 });
  await readme.waitForFunction(() => /[?&]N=1000&/.test(document.querySelector('#model').shadowRoot.querySelector('a.open-full').href));
  assert.equal(await finished(script), native('perceptron?seed=7&rule=hebb&N=1000&alpha_max=20&seeds=5'));
  assert.equal(await finished(readme.frameLocator('iframe')), native('perceptron?seed=7&rule=hebb&N=500&alpha_max=20&seeds=5'));
  assert.deepEqual(readmeErrors, []);
  await readme.close();
});

// Compare: a second run with one parameter changed, drawn on the page's figures; both runs keep
// the seed (the same random numbers), each has its link and the fingerprint `replica run` gives
// for that link, and the comparison itself is a link.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

import { baseUrl, collectErrors, launch } from './lib/browser.mjs';

const LINK = '#/feedback-alignment?v=2&seed=4&rule=fa&N=150&K=2&M=1&lr=0.3&feedback=gaussian&v0=0.01&noise=0&activation=erf&w0=1&t_max=20';

const native = (link) => {
  const run = spawnSync(process.env.REPLICA_CLI, ['run', link, '--json'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
};

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The two runs as the page reports them, once both are done: [{name, link, fingerprint}]. */
async function comparedRuns(page) {
  await page.waitForFunction(() => {
    const outputs = [...document.querySelectorAll('#replica-compare-status output')];
    return outputs.length === 2 && outputs.every((o) => /^[0-9a-f]{16}$/.test(o.textContent));
  }, null, { timeout: 60_000 });
  return page.locator('#replica-compare-status p').evaluateAll((ps) =>
    ps.map((p) => ({ name: p.querySelector('.run-name').textContent, link: p.querySelector('a').getAttribute('href'), fingerprint: p.querySelector('output').textContent })),
  );
}

test('compare: FA against BP on one figure, the same seed, each run with its link and native fingerprint', async () => {
  const context = await browser.newContext({ viewport: { width: 1300, height: 1000 } });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(new URL(LINK, baseUrl()).href);
  await page.waitForFunction(() => document.querySelector('#replica-status')?.textContent.startsWith('Done'), null, { timeout: 60_000 });
  await page.locator('#replica-compare').click();
  await page.locator('#replica-compare-param').selectOption('rule');
  await page.locator('#replica-compare-value').fill('bp');
  await page.locator('#replica-compare-go').click();
  await page.waitForURL(/&vs\.rule=bp$/);
  const runs = await comparedRuns(page);
  assert.deepEqual(runs.map((r) => r.name), ['A (rule = fa)', 'B (rule = bp)']);
  assert.equal(runs[0].link, LINK);
  assert.equal(runs[1].link, LINK.replace('rule=fa', 'rule=bp'), 'the second run keeps every other value, the seed too');
  for (const run of runs) assert.equal(run.fingerprint, native(run.link).fingerprint, run.link);
  // Both runs on the same figures.
  const label = await page.locator('#figure-error').getAttribute('aria-label');
  assert.ok(label.includes('(rule = fa)') && label.includes('(rule = bp)'), label);
  const comparison = new URL(page.url()).hash;
  assert.equal(comparison, `${LINK}&vs.rule=bp`);

  // The comparison is a link: a fresh page shows the same two runs.
  const again = await context.newPage();
  await again.goto(new URL(comparison, baseUrl()).href);
  assert.deepEqual(await comparedRuns(again), runs);
  await again.close();

  // A value the model refuses is named, and the page's own run goes on; then stop comparing.
  await page.locator('#replica-compare-param').selectOption('lr');
  await page.locator('#replica-compare-value').fill('99');
  await page.locator('#replica-compare-go').click();
  const error = page.locator('#replica-compare-error');
  await error.waitFor();
  assert.match(await error.textContent(), /^Not compared: lr must be in .*got 99/);
  assert.equal(new URL(page.url()).hash, LINK, 'a refused comparison leaves the address alone');
  await page.locator('#replica-compare-param').selectOption('rule');
  await page.locator('#replica-compare-value').fill('bp');
  await page.locator('#replica-compare-go').click();
  await page.waitForURL(/&vs\.rule=bp$/);
  await page.locator('#replica-compare-stop').click();
  await page.waitForFunction((link) => location.hash === link, LINK);
  assert.ok(await page.locator('#replica-compare-status').isHidden());
  assert.deepEqual(errors, []);
  await context.close();
});

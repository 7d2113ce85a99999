// The command-line tool and the page agree: same fingerprint for the same link, same messages
// for the same bad link.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

import { baseUrl, collectErrors, launch } from './lib/browser.mjs';

const cli = (...args) => {
  const bin = process.env.REPLICA_CLI;
  assert.ok(bin, 'REPLICA_CLI is not set: run the browser tests with `cargo xtask test`');
  return spawnSync(bin, args, { encoding: 'utf8' });
};

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the page and `replica run` give the same fingerprint for the same link', async () => {
  for (const link of ['#/perceptron?seed=11&rule=online&N=400&alpha_max=8&seeds=2', '#/perceptron?seed=5&rule=gibbs&N=50&alpha_max=3&seeds=2']) {
    const run = cli('run', link, '--json');
    assert.equal(run.status, 0, run.stderr);
    const native = JSON.parse(run.stdout);
    assert.equal(native.model, 'perceptron');
    assert.ok(native.figures.every((f) => f.series.every((s) => ['theory', 'simulation'].includes(s.kind))));
    const page = await browser.newPage();
    const errors = collectErrors(page);
    await page.goto(new URL(link, baseUrl()).href);
    await page.waitForFunction(() => document.querySelector('#replica-status')?.textContent.startsWith('Done'), null, { timeout: 60_000 });
    assert.equal(await page.locator('#replica-fingerprint').textContent(), native.fingerprint, link);
    assert.equal(new URL(page.url()).hash, native.link);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('a bad link: the CLI exits non-zero with the messages the page shows', async () => {
  const link = '#/perceptron?N=abc&alpha_max=900&seeds=0';
  const run = cli('run', link, '--json');
  assert.notEqual(run.status, 0);
  const messages = run.stderr.trim().split('\n').map((l) => l.replace(/^error: /, ''));
  assert.equal(messages.length, 3);
  const page = await browser.newPage();
  await page.goto(new URL(link, baseUrl()).href);
  const banner = page.locator('#replica-messages');
  await banner.waitFor();
  const shown = await banner.locator('p').allTextContents();
  for (const m of messages) assert.ok(shown.some((s) => s.endsWith(m)), `the page does not show: ${m}\n${shown.join('\n')}`);
  await page.close();
});

// Export: every file the page's Export menu gives is the file `replica run LINK --out DIR` writes
// for the same link, byte for byte and under the same name; the PNG is the figure at print size.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { baseUrl, collectErrors, launch } from './lib/browser.mjs';

const LINK = '#/perceptron?v=2&seed=4&rule=online&N=150&alpha_max=5&seeds=2';

let browser;
let dir;
before(async () => {
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'replica-export-'));
});
after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The width and height of a PNG, from its header. */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'a PNG signature');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

test('the Export menu gives the files of `replica run --out`, byte for byte', async () => {
  const run = spawnSync(process.env.REPLICA_CLI, ['run', LINK, '--out', dir], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const native = readdirSync(dir).sort();
  assert.equal(native.length, 5, native.join(', '));

  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1300, height: 1000 } });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(new URL(LINK, baseUrl()).href);
  await page.waitForFunction(() => document.querySelector('#replica-status')?.textContent.startsWith('Done'), null, { timeout: 60_000 });
  await page.locator('#replica-export').click();
  const buttons = page.locator('.export [data-file]');
  const names = await buttons.evaluateAll((bs) => bs.map((b) => b.dataset.file));
  const pngs = names.filter((n) => n.endsWith('.png'));
  assert.deepEqual(names.filter((n) => !n.endsWith('.png')).sort(), native, 'the same files under the same names');
  assert.equal(pngs.length, 2, 'a PNG of each figure');

  for (const name of names) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`.export [data-file="${name}"]`).click()]);
    assert.equal(download.suggestedFilename(), name);
    const bytes = readFileSync(await download.path());
    if (name.endsWith('.png')) {
      assert.deepEqual(pngSize(bytes), [2500, 1625], `${name} at 300 dpi`);
      assert.ok(bytes.length > 20_000, `${name} has a figure in it (${bytes.length} bytes)`);
    } else {
      assert.ok(bytes.equals(readFileSync(join(dir, name))), `${name} differs from the CLI's`);
    }
  }
  // The data carry their provenance.
  const csv = readFileSync(join(dir, native.find((n) => n.endsWith('.csv'))), 'utf8');
  const fingerprint = await page.locator('#replica-fingerprint').textContent();
  assert.ok(csv.includes(`# link: ${LINK}\n`) && csv.includes(`# fingerprint: ${fingerprint}\n`) && csv.includes('# link version: v=2\n'));
  assert.deepEqual(errors, []);
  await context.close();
});

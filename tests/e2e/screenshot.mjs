// The README's screenshot: a model page after its run, as a visitor sees it.
// Run by `cargo xtask screenshot`, which serves the site and sets REPLICA_URL and REPLICA_ROOT.
import { join } from 'node:path';

import { baseUrl, launch } from './lib/browser.mjs';

const LINK = '#/perceptron?seed=1&rule=gibbs&N=100&alpha_max=5&seeds=5';
const out = join(process.env.REPLICA_ROOT ?? '.', 'docs', 'screenshot.png');

const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1 });
  await page.goto(new URL(LINK, baseUrl()).href);
  await page.waitForFunction(() => document.querySelector('#replica-status')?.textContent.startsWith('Done'), null, { timeout: 120_000 });
  await page.waitForTimeout(300); // the last frame's paint
  await page.screenshot({ path: out, clip: { x: 0, y: 0, width: 1440, height: 1000 } });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}

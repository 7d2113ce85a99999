// The site loads in Chromium: title, no errors, the wasm module served with its MIME type.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { baseUrl, collectErrors, launch } from './lib/browser.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('the page loads with its title and without errors', async () => {
  const page = await browser.newPage();
  const errors = collectErrors(page);
  await page.goto(baseUrl(), { waitUntil: 'networkidle' });
  assert.match(await page.title(), /Replica/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('each family wasm module is served as application/wasm, and the gallery downloads none', async () => {
  const catalog = await (await fetch(new URL('pkg/catalog.json', baseUrl()))).json();
  assert.ok(catalog.families.length > 0);
  for (const family of catalog.families) {
    const response = await fetch(new URL(`pkg/replica-${family.id}_bg.wasm`, baseUrl()));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/wasm');
    const bytes = new Uint8Array(await response.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d], 'the wasm magic number');
  }
  const page = await browser.newPage();
  const fetched = [];
  page.on('request', (request) => fetched.push(request.url()));
  await page.goto(baseUrl(), { waitUntil: 'networkidle' });
  await page.locator('.card').first().waitFor();
  assert.deepEqual(fetched.filter((url) => url.endsWith('.wasm')), []);
  assert.ok(fetched.some((url) => url.endsWith('/pkg/thumbs/perceptron.svg')), 'the thumbnails come from pkg/thumbs');
  await page.close();
});

// The browser half of `cargo xtask bench`: the benchmark cases in WebAssembly in Chromium, and the
// page's own metrics. Prints JSON lines: {case, work, seconds} and {metric, value, unit}.

import { launch, baseUrl } from '../tests/e2e/lib/browser.mjs';

const browser = await launch();
try {
  const page = await browser.newPage();
  const only = process.env.REPLICA_BENCH_ONLY;
  await page.goto(`${baseUrl()}benches/bench.html${only ? `?only=${encodeURIComponent(only)}` : ''}`);
  await page.waitForFunction(() => window.benchResults, null, { timeout: 600_000 });
  for (const line of await page.evaluate(() => window.benchResults)) console.log(JSON.stringify(line));
  if (process.env.REPLICA_BENCH_CASES_ONLY || only) process.exit(0);

  // Time from opening a model page to its first plot, on a fresh page (median of 5).
  const firsts = [];
  for (let i = 0; i < 5; i++) {
    const p = await browser.newPage();
    await p.goto(`${baseUrl()}#/perceptron`);
    await p.waitForFunction(() => performance.getEntriesByName('replica:first-plot').length > 0);
    firsts.push(await p.evaluate(() => performance.getEntriesByName('replica:first-plot')[0].startTime));
    await p.close();
  }
  firsts.sort((a, b) => a - b);
  console.log(JSON.stringify({ metric: 'first plot after opening the page (median of 5)', value: firsts[2], unit: 'ms' }));

  // Main-thread long tasks while the page loads (until the first figures are drawn and the run
  // has begun to stream), then during the rest of a long run (10–20 s of work).
  const longRuns = [
    ['perceptron, online rule', '#/perceptron?rule=online&N=2000&alpha_max=100&seeds=5'],
    ['two-layer SGD, N=1000, 10^6 steps', '#/two-layer-sgd?N=1000&K=2&M=2&t_max=1000'],
  ];
  for (const [name, link] of longRuns) {
    const p = await browser.newPage();
    await p.addInitScript(() => {
      window.longTasks = [];
      new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });
    });
    await p.goto(`${baseUrl()}${link}`);
    await p.waitForFunction(() => /Running · [1-9]/.test(document.querySelector('#replica-status')?.textContent) && document.querySelector('#replica-figures').dataset.draws);
    const loading = await p.evaluate(() => window.longTasks.splice(0));
    await p.waitForFunction(() => document.querySelector('#replica-status')?.textContent.startsWith('Done'), null, { timeout: 300_000 });
    const { tasks, seconds } = await p.evaluate(() => ({ tasks: window.longTasks, seconds: document.querySelector('#replica-status').textContent }));
    console.log(JSON.stringify({ metric: `${name}: longest main-thread task while the page loads`, value: Math.max(0, ...loading), unit: 'ms' }));
    console.log(JSON.stringify({ metric: `${name}: longest main-thread task during the run (${seconds})`, value: Math.max(0, ...tasks), unit: 'ms' }));
    console.log(JSON.stringify({ metric: `${name}: main-thread tasks over 50 ms during the run`, value: tasks.filter((t) => t > 50).length, unit: 'tasks' }));
    await p.close();
  }
} finally {
  await browser.close();
}

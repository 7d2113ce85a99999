// A worker of the sweep's pool: runs one point of a sweep to the end and posts its outcome. It
// works without pausing (the page cancels a sweep by ending its workers) and reports its progress
// at most every 100 ms.
//
// Messages in:  {sweep, index}
// Messages out: {type: 'progress', index, progress} | {type: 'point', index, outcome: Float64Array}
//               {type: 'failed', index, message} (the run stopped, e.g. it diverged)
//               {type: 'crash', index, message} (the worker must be replaced)

// The family whose models it runs is named in its address: sweep-worker.js?family=learning.
import { loadFamily, workerFamily } from './family.js';

const POST_MS = 100;
const SLICE_MS = 50;

const ready = loadFamily(workerFamily(import.meta.url));

self.onmessage = async ({ data }) => {
  const { sweep, index } = data;
  let sweepPoint;
  try {
    ({ sweepPoint } = await ready);
  } catch (e) {
    self.postMessage({ type: 'crash', index, message: `the models could not be loaded: ${e.message}` });
    return;
  }
  let point = null;
  try {
    point = sweepPoint(sweep, index);
    let budget = 1;
    let posted = performance.now();
    while (!point.done) {
      const t0 = performance.now();
      point.advance(budget);
      const ms = performance.now() - t0;
      budget = Math.max(1, Math.round(budget * Math.min(2, Math.max(0.5, SLICE_MS / Math.max(ms, 0.01)))));
      if (t0 + ms - posted >= POST_MS) {
        posted = t0 + ms;
        self.postMessage({ type: 'progress', index, progress: point.progress });
      }
    }
    const outcome = point.outcome();
    self.postMessage({ type: 'point', index, outcome }, [outcome.buffer]);
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) {
      point = null; // the instance is gone; nothing to free
      self.postMessage({ type: 'crash', index, message: globalThis.replicaPanic ?? `internal error: ${e.message}` });
      self.close();
    } else {
      self.postMessage({ type: 'failed', index, message: e.message ?? String(e) });
    }
  } finally {
    point?.free();
  }
};

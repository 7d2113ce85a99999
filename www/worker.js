// The worker: runs one link at a time in slices of about 15 ms, so that pause and cancel take
// effect at once, and posts frames to the page at most every 80 ms.
//
// Messages in:  {type: 'run', id, link} | {type: 'pause'} | {type: 'resume'} | {type: 'cancel'}
// Messages out: {type: 'frame', id, frame, progress} | {type: 'done', id, frame, fingerprint, files, seconds}
//               (files: the run's exports, JSON [{name, text}])
//               {type: 'error', id, message} | {type: 'crash', id, message} (the worker must be replaced)

import init, { Simulation } from '../pkg/replica.js';

const SLICE_MS = 15;
const FRAME_MS = 80;

const ready = init({ module_or_path: new URL('../pkg/replica_bg.wasm', import.meta.url) });
let job = null;

// A zero-delay task queue: unlike setTimeout, a MessageChannel is not clamped to 4 ms, and
// messages from the page are handled between slices.
const tick = new MessageChannel();
tick.port1.onmessage = () => slice();
const schedule = () => tick.port2.postMessage(null);

self.onmessage = async ({ data }) => {
  await ready;
  switch (data.type) {
    case 'run':
      stop();
      start(data.id, data.link);
      break;
    case 'pause':
      if (job) job.paused = true;
      break;
    case 'resume':
      if (job?.paused) {
        job.paused = false;
        schedule();
      }
      break;
    case 'cancel':
      stop();
      break;
  }
};

function start(id, link) {
  let sim;
  try {
    sim = new Simulation(link);
  } catch (e) {
    report(id, e);
    return;
  }
  job = { id, sim, paused: false, budget: 1, busyMs: 0, lastPost: 0 };
  post(job);
  schedule();
}

function stop() {
  job?.sim.free();
  job = null;
}

function post(j) {
  j.lastPost = performance.now();
  self.postMessage({ type: 'frame', id: j.id, frame: j.sim.frameJson(), progress: j.sim.progress });
}

function slice() {
  const j = job;
  if (!j || j.paused) return;
  try {
    const t0 = performance.now();
    j.sim.advance(j.budget);
    const ms = performance.now() - t0;
    j.busyMs += ms;
    // Aim the next slice at SLICE_MS, changing the budget by at most a factor of 2 at a time.
    j.budget = Math.max(1, Math.round(j.budget * Math.min(2, Math.max(0.5, SLICE_MS / Math.max(ms, 0.01)))));
    if (j.sim.done) {
      self.postMessage({
        type: 'done',
        id: j.id,
        frame: j.sim.frameJson(),
        fingerprint: j.sim.fingerprint(),
        files: j.sim.exportFiles(),
        seconds: j.busyMs / 1000,
      });
      stop();
      return;
    }
    if (performance.now() - j.lastPost >= FRAME_MS) post(j);
  } catch (e) {
    report(j.id, e);
    stop();
    return;
  }
  schedule();
}

function report(id, e) {
  if (e instanceof WebAssembly.RuntimeError) {
    self.postMessage({ type: 'crash', id, message: globalThis.replicaPanic ?? `internal error: ${e.message}` });
    self.close();
  } else {
    self.postMessage({ type: 'error', id, message: e.message ?? String(e) });
  }
}

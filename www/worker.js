// The worker: runs one link at a time in slices of about 15 ms, so that pause and cancel take
// effect at once, and posts frames to the page at most every 80 ms.
//
// Messages in:  {type: 'run', id, link} | {type: 'pause'} | {type: 'resume'} | {type: 'cancel'}
//               {type: 'file', id, request, name}: an export of finished run `id`, made when asked
// Messages out: {type: 'frame', id, frame, progress} | {type: 'done', id, frame, fingerprint, files, seconds}
//               (files: the names of the run's exports, JSON)
//               {type: 'file', request, text} or {type: 'file', request, error}
//               {type: 'error', id, message} | {type: 'crash', id, message} (the worker must be replaced)

// The family whose models it runs is named in its address: worker.js?family=learning.
import { loadFamily, workerFamily } from './family.js';

const SLICE_MS = 15;
const FRAME_MS = 80;

const ready = loadFamily(workerFamily(import.meta.url));
let Simulation = null;
let job = null;
/** The last finished run, kept for its exports until the next run starts. */
let finished = null;

// A zero-delay task queue: unlike setTimeout, a MessageChannel is not clamped to 4 ms, and
// messages from the page are handled between slices.
const tick = new MessageChannel();
tick.port1.onmessage = () => slice();
const schedule = () => tick.port2.postMessage(null);

self.onmessage = async ({ data }) => {
  try {
    ({ Simulation } = await ready);
  } catch (e) {
    self.postMessage({ type: 'crash', id: data.id, message: `the models could not be loaded: ${e.message}` });
    return;
  }
  switch (data.type) {
    case 'run':
      stop();
      finished?.sim.free();
      finished = null;
      start(data.id, data.link);
      break;
    case 'file':
      exportFile(data);
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

/** One export of the finished run, made now (only the files asked for are ever made). */
function exportFile({ id, request, name }) {
  if (finished?.id !== id) {
    self.postMessage({ type: 'file', request, error: 'the run has been replaced; export the new one' });
    return;
  }
  try {
    self.postMessage({ type: 'file', request, text: finished.sim.exportFile(name) });
  } catch (e) {
    self.postMessage({ type: 'file', request, error: e.message ?? String(e) });
  }
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
        files: j.sim.exportNames(),
        seconds: j.busyMs / 1000,
      });
      finished = { id: j.id, sim: j.sim };
      job = null;
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

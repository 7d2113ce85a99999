// The Rust core on the main thread: the registry, link checking and drawing. Running happens in
// the worker (worker.js); this instance only does work that takes milliseconds.

import init, * as wasm from '../pkg/replica.js';

let loading = null;

/** Load the core once; later calls return the same promise. */
export function loadCore() {
  loading ??= init({ module_or_path: new URL('../pkg/replica_bg.wasm', import.meta.url) }).then(() => core);
  return loading;
}

/** A call into the core that turns a Rust panic (a trap, with its message left in
 * globalThis.replicaPanic by the core's panic hook) into an Error carrying that message. */
function guarded(fn) {
  return (...args) => {
    try {
      return fn(...args);
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) {
        const message = globalThis.replicaPanic ?? e.message;
        globalThis.replicaPanic = undefined;
        throw new Error(message);
      }
      throw e;
    }
  };
}

const core = {
  /** Every model's spec, and the link schema version. */
  registry: guarded(() => JSON.parse(wasm.registry_json())),
  /** A link read leniently: {model, link, seed, params, errors} or {error}. */
  readLink: guarded((text) => JSON.parse(wasm.read_link(text))),
  /** A link checked strictly: {link} or {errors}. */
  checkLink: guarded((text) => JSON.parse(wasm.check_link(text))),
  /** The first frame of a link's run (the theory, no simulation yet), as JSON. */
  firstFrame: guarded((link) => {
    const sim = new wasm.Simulation(link);
    try {
      return sim.frameJson();
    } finally {
      sim.free();
    }
  }),
  /** A sweep link checked strictly: {sweep: {link, param, from, to, steps, spacing, points}} or {errors}. */
  checkSweep: guarded((text) => JSON.parse(wasm.checkSweep(text))),
  /** A sweep's figures from its points' outcomes (one Float64Array): {fingerprint, frame (JSON)}. */
  sweepFrame: guarded((text, outcomes) => {
    const { fingerprint, frame } = JSON.parse(wasm.sweepFrame(text, outcomes));
    return { fingerprint, frame: JSON.stringify(frame) };
  }),
  render: guarded((canvas, frameJson, id, scale, compact = false) => wasm.render(canvas, frameJson, id, scale, compact)),
  /** The height (CSS px) a figure wants at a width. */
  figureHeight: guarded((width, series) => wasm.figureHeight(width, series)),
};

// The Rust core on the main thread: a family's registry, link checking and drawing. Running
// happens in the worker (worker.js); this instance only does work that takes milliseconds. The
// catalogue (pkg/catalog.json, made at build time) says which family each model belongs to.

import { loadFamily } from './family.js';

let catalogue = null;
const cores = new Map();

/** The catalogue, fetched once: {version, max_link_length, families: [{id, title, models: [{id,
 * title, summary, paper}]}]}. */
export function loadCatalog() {
  catalogue ??= fetch(new URL('../pkg/catalog.json', import.meta.url)).then((response) => {
    if (!response.ok) throw new Error(`the catalogue of models could not be loaded (HTTP ${response.status})`);
    return response.json();
  });
  return catalogue;
}

/** The family of the model a link (or its fragment, `#/model?…`) names, or null. */
export function familyOf(catalog, link) {
  const id = modelOf(link);
  return catalog.families.find((f) => f.models.some((m) => m.id === id))?.id ?? null;
}

/** The model id a link names, as the core reads it (src/link.rs, split_route). */
export function modelOf(link) {
  const route = link.trim().replace(/^[^#]*#/, '').replace(/^\/+/, '');
  return route.split('?')[0].replace(/\/+$/, '');
}

/** Why a link opens no model of the catalogue, in the core's words (src/link.rs, LinkError). */
export function unknownModel(catalog, link) {
  if (link.length > catalog.max_link_length) return `the link is ${link.length} characters long; at most ${catalog.max_link_length} are read`;
  const ids = catalog.families.flatMap((f) => f.models.map((m) => m.id));
  return `unknown model '${modelOf(link)}'; the models are: ${ids.join(', ')}`;
}

/** Load a family's core once; later calls return the same promise. */
export function loadCore(family) {
  if (!cores.has(family)) cores.set(family, loadFamily(family).then((wasm) => coreOf(wasm, family)));
  return cores.get(family);
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

const coreOf = (wasm, family) => ({
  /** The family whose models this core knows. */
  family,
  /** The family's models' specs, and the link schema version. */
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
});

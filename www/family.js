// A family's wasm module: the models that belong together are built into one module,
// pkg/replica-<family>.js, so that a page downloads only its own family's (see FAMILIES in src/lib.rs).

/** The bindings of a family's module, instantiated. Each family's bindings are a module of their
 * own, with their own instance. */
export async function loadFamily(family) {
  if (!/^[a-z][a-z0-9-]*$/.test(family ?? '')) throw new Error(`there is no model family '${family}'`);
  const bindings = await import(new URL(`../pkg/replica-${family}.js`, import.meta.url).href);
  await bindings.default({ module_or_path: new URL(`../pkg/replica-${family}_bg.wasm`, import.meta.url) });
  return bindings;
}

/** A worker's family, named in its address: `worker.js?family=learning`. */
export function workerFamily(url) {
  return new URL(url).searchParams.get('family');
}

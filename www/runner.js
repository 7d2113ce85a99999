// The page's side of the worker: one run at a time; a new run replaces the old one at once.
// Events: 'frame' {frame, progress}, 'done' {frame, fingerprint, seconds}, 'error' {message},
// and 'state' {state: 'running' | 'paused' | 'cancelled' | 'done' | 'failed'}.

export class Runner extends EventTarget {
  #worker = null;
  #id = 0;
  /** Export requests waiting for the worker: request number → {resolve, reject}. */
  #files = new Map();
  #requests = 0;
  state = 'idle';
  progress = 0;

  /** The family whose models the worker runs (src/lib.rs, FAMILIES). */
  #family = null;

  /** A runner for one family's models; without one, `use` names it before the first run. */
  constructor(family = null) {
    super();
    if (family) this.use(family);
  }

  /** Run the models of `family`: its worker starts at once, so that its WebAssembly compiles
   * while the page is being built; a worker of another family goes away. */
  use(family) {
    if (family === this.#family && this.#worker) return;
    this.close();
    this.#family = family;
    this.#worker = this.#spawn();
  }

  /** The family of the runs. */
  get family() {
    return this.#family;
  }

  #spawn() {
    const worker = new Worker(workerUrl(this.#family), { type: 'module' });
    worker.onmessage = ({ data }) => this.#receive(data);
    worker.onerror = (e) => {
      e.preventDefault();
      this.#fail(`the worker could not start: ${e.message || 'unknown error'}`);
      this.#worker = null;
    };
    return worker;
  }

  /** Run a (canonical, valid) link, replacing any run in progress. */
  run(link) {
    this.#worker ??= this.#spawn();
    this.#id += 1;
    this.progress = 0;
    this.#worker.postMessage({ type: 'run', id: this.#id, link });
    this.#setState('running');
  }

  /** An exported file of the finished run, by name (see Simulation.exportNames): its text. */
  file(name) {
    const request = (this.#requests += 1);
    return new Promise((resolve, reject) => {
      if (!this.#worker || this.state !== 'done') return reject(new Error('there is no finished run to export'));
      this.#files.set(request, { resolve, reject });
      this.#worker.postMessage({ type: 'file', id: this.#id, request, name });
    });
  }

  pause() {
    if (this.state !== 'running') return;
    this.#worker?.postMessage({ type: 'pause' });
    this.#setState('paused');
  }

  resume() {
    if (this.state !== 'paused') return;
    this.#worker?.postMessage({ type: 'resume' });
    this.#setState('running');
  }

  cancel() {
    if (this.state !== 'running' && this.state !== 'paused') return;
    this.#id += 1; // frames already on their way are now stale
    this.#worker?.postMessage({ type: 'cancel' });
    this.#setState('cancelled');
  }

  /** Stop for good: the worker goes away. */
  close() {
    this.#id += 1;
    this.#worker?.terminate();
    this.#worker = null;
    this.state = 'idle';
  }

  #receive(data) {
    if (data.type === 'file') {
      const waiting = this.#files.get(data.request);
      this.#files.delete(data.request);
      if (data.error) waiting?.reject(new Error(data.error));
      else waiting?.resolve(data.text);
      return;
    }
    if (data.id !== this.#id) return; // from a run that was replaced or cancelled
    switch (data.type) {
      case 'frame':
        this.progress = data.progress;
        this.#emit('frame', data);
        break;
      case 'done':
        this.progress = 1;
        this.#emit('done', data);
        this.#setState('done');
        break;
      case 'error':
        this.#fail(data.message);
        break;
      case 'crash':
        // The worker's instance trapped; the next run gets a fresh worker.
        this.#worker.terminate();
        this.#worker = null;
        this.#fail(data.message);
        break;
    }
  }

  #fail(message) {
    this.#emit('error', { message });
    this.#setState('failed');
  }

  #setState(state) {
    this.state = state;
    this.#emit('state', { state });
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

/** The worker's script, for one family. A page may not start a worker from another origin (an
 * embed whose files are served elsewhere): there, a same-origin blob script imports the worker
 * module instead. */
function workerUrl(family) {
  const url = new URL(`./worker.js?family=${encodeURIComponent(family)}`, import.meta.url);
  if (url.origin === location.origin) return url;
  return URL.createObjectURL(new Blob([`import ${JSON.stringify(url.href)};`], { type: 'text/javascript' }));
}

// The sweep's pool of workers, each running one point of a sweep at a time (sweep-worker.js):
// one per core but one, which stays for the page's own run and its main thread (drawing with every
// core busy stretches the main thread's tasks past 100 ms), at least 1 and at most 4. Cancelling
// ends the workers at once; the next sweep starts fresh ones.

const MAX_WORKERS = 4;

export class SweepPool {
  #workers = [];
  #job = null;
  #family;

  /** A pool for the sweeps of one family's models. */
  constructor(family) {
    this.#family = family;
  }

  get size() {
    return Math.max(1, Math.min((navigator.hardwareConcurrency || 1) - 1, MAX_WORKERS));
  }

  /** Run every point of a (valid, canonical) sweep link. `onProgress(fraction, pointsDone)` is
   * called as points advance. Resolves to {outcomes: [Float64Array | null], failures: [{index,
   * message}]} (null where a point failed); rejects when a worker crashes; never settles once
   * cancelled. */
  run(sweep, points, onProgress) {
    this.cancel();
    return new Promise((resolve, reject) => {
      const job = { sweep, points, next: 0, done: 0, progress: new Array(points).fill(0), outcomes: new Array(points).fill(null), failures: [], resolve, reject, onProgress };
      this.#job = job;
      while (this.#workers.length < Math.min(this.size, points)) this.#workers.push(this.#spawn());
      for (const worker of this.#workers) this.#feed(worker);
    });
  }

  /** Stop every point in progress. */
  cancel() {
    if (!this.#job) return;
    this.#job = null;
    for (const worker of this.#workers) worker.terminate();
    this.#workers = [];
  }

  #spawn() {
    const worker = new Worker(new URL(`./sweep-worker.js?family=${encodeURIComponent(this.#family)}`, import.meta.url), { type: 'module' });
    worker.onmessage = ({ data }) => this.#receive(worker, data);
    worker.onerror = (e) => {
      e.preventDefault();
      this.#fail(`a worker of the sweep could not start: ${e.message || 'unknown error'}`);
    };
    return worker;
  }

  #feed(worker) {
    const job = this.#job;
    if (!job || job.next >= job.points) return;
    worker.postMessage({ sweep: job.sweep, index: job.next });
    job.next += 1;
  }

  #receive(worker, data) {
    const job = this.#job;
    if (!job) return;
    switch (data.type) {
      case 'progress':
        job.progress[data.index] = data.progress;
        break;
      case 'point':
      case 'failed':
        job.progress[data.index] = 1;
        if (data.type === 'point') job.outcomes[data.index] = data.outcome;
        else job.failures.push({ index: data.index, message: data.message });
        job.done += 1;
        this.#feed(worker);
        break;
      case 'crash':
        this.#fail(data.message);
        return;
    }
    job.onProgress(job.progress.reduce((a, b) => a + b, 0) / job.points, job.done);
    if (job.done === job.points) {
      this.#job = null;
      job.resolve({ outcomes: job.outcomes, failures: job.failures });
    }
  }

  #fail(message) {
    const job = this.#job;
    this.cancel();
    job?.reject(new Error(message));
  }
}

// The figures of a page: one canvas per figure of the frames, drawn by the core (plotters) at the
// device's pixel ratio, at most once per animation frame, and again when the layout changes size.

import { el } from './dom.js';

/** A small figure that goes through every drawing path: log and linear axes, a line, points with
 * error bars, a legend. */
const WARM_UP_FRAME = JSON.stringify({
  figures: [
    {
      id: 'warm-up',
      title: 'Warm-up',
      x: { label: 'α', unit: '', scale: 'log', range: [0.1, 10] },
      y: { label: 'ε', unit: '', scale: 'log', range: [0.01, 0.5] },
      series: [
        { label: 'theory', kind: 'theory', group: 0, x: [0.1, 1, 10], y: [0.4, 0.2, 0.05], secondary: false },
        { label: 'reference', kind: 'theory', group: 1, x: [0.1, 10], y: [0.3, 0.03], secondary: true },
        { label: 'simulation', kind: 'simulation', group: 0, x: [0.5, 5], y: [0.3, 0.1], y_err: [0.01, 0.01], secondary: false },
      ],
    },
  ],
});

export class Plots {
  #core;
  #container;
  #canvases = new Map();
  #frame = null;
  /** The frame on show has figures not yet drawn since it arrived (or since a resize). */
  #dirty = false;
  #scheduled = false;
  /** Figures of the current pass still to draw, one per animation frame. */
  #queue = [];
  #draws = 0;

  constructor(core, container) {
    this.#core = core;
    this.#container = container;
    new ResizeObserver(() => this.#invalidate()).observe(container);
    this.#warmUp();
  }

  /** Show a frame (JSON, as posted by the worker). */
  show(frameJson) {
    this.#frame = frameJson;
    this.#invalidate();
  }

  #invalidate() {
    if (!this.#frame) return;
    this.#dirty = true;
    this.#schedule();
  }

  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    requestAnimationFrame(() => this.#step());
  }

  /** Draw one figure (a few milliseconds of work) per animation frame; a pass draws every figure
   * of the latest frame, and another pass follows if a newer frame came meanwhile. */
  #step() {
    this.#scheduled = false;
    if (this.#queue.length === 0) {
      if (!this.#dirty) return;
      this.#dirty = false;
      this.#queue = JSON.parse(this.#frame).figures;
    }
    this.#drawFigure(this.#queue.shift());
    if (this.#queue.length === 0) {
      if (this.#draws === 0) performance.mark('replica:first-plot');
      // Counted on the element, so that tests and embedding pages can see the figures redraw.
      this.#draws += 1;
      this.#container.dataset.draws = String(this.#draws);
    }
    if (this.#queue.length > 0 || this.#dirty) this.#schedule();
  }

  #drawFigure(figure) {
    const canvas = this.#canvasFor(figure);
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = Math.round(this.#core.figureHeight(width, figure.series.length));
    if (canvas.style.height !== `${height}px`) canvas.style.height = `${height}px`;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    this.#core.render(canvas, this.#frame, figure.id, ratio);
  }

  /** The first drawing of a page pays once for the browser's font set-up and for compiling the
   * drawing code (V8 compiles WebAssembly functions on their first call): about 80 ms in one task.
   * While the worker prepares its first frame the main thread is idle; do that work then, in two
   * short tasks, on a canvas that is never shown. */
  #warmUp() {
    const canvas = document.createElement('canvas');
    canvas.width = 240;
    canvas.height = 160;
    setTimeout(() => {
      if (this.#draws > 0) return;
      const context = canvas.getContext('2d');
      context.font = '12px sans-serif';
      context.measureText('0.5 α ε');
      setTimeout(() => {
        if (this.#draws === 0) this.#core.render(canvas, WARM_UP_FRAME, 'warm-up', 1);
      });
    });
  }

  #canvasFor(figure) {
    let canvas = this.#canvases.get(figure.id);
    if (!canvas) {
      canvas = el('canvas', { role: 'img', id: `figure-${figure.id}` });
      this.#container.append(el('figure', { class: 'plot' }, canvas));
      this.#canvases.set(figure.id, canvas);
    }
    // Said again on every drawing: a comparison adds series, and a new run may rename them.
    const theory = figure.series.filter((s) => s.kind === 'theory' && !s.secondary).map((s) => s.label);
    canvas.setAttribute('aria-label', `${figure.title}: ${figure.y.label} against ${figure.x.label}; lines: ${theory.join(', ')}; points: simulation with standard errors.`);
    return canvas;
  }
}

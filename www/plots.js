// The figures of a page: one canvas per figure of the frames, drawn by the core (plotters) at the
// device's pixel ratio, at most once per animation frame, and again when the layout changes size.

import { el } from './dom.js';

export class Plots {
  #core;
  #container;
  #canvases = new Map();
  #frame = null;
  #pending = false;
  #drawn = false;

  constructor(core, container) {
    this.#core = core;
    this.#container = container;
    new ResizeObserver(() => this.#request()).observe(container);
  }

  /** Show a frame (JSON, as posted by the worker). */
  show(frameJson) {
    this.#frame = frameJson;
    this.#request();
  }

  /** The frame on show, for export. */
  get frame() {
    return this.#frame;
  }

  #request() {
    if (this.#pending || !this.#frame) return;
    this.#pending = true;
    requestAnimationFrame(() => {
      this.#pending = false;
      this.#draw();
    });
  }

  #draw() {
    const figures = JSON.parse(this.#frame).figures;
    for (const figure of figures) {
      const canvas = this.#canvasFor(figure);
      const ratio = window.devicePixelRatio || 1;
      const width = canvas.clientWidth;
      const height = Math.round(Math.min(520, Math.max(300, width * 0.66)));
      canvas.style.height = `${height}px`;
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      this.#core.render(canvas, this.#frame, figure.id, ratio);
    }
    if (!this.#drawn) {
      this.#drawn = true;
      performance.mark('replica:first-plot');
    }
    this.#container.dispatchEvent(new CustomEvent('drawn'));
  }

  #canvasFor(figure) {
    let canvas = this.#canvases.get(figure.id);
    if (!canvas) {
      const theory = figure.series.filter((s) => s.kind === 'theory' && !s.secondary).map((s) => s.label);
      canvas = el('canvas', {
        role: 'img',
        id: `figure-${figure.id}`,
        'aria-label': `${figure.title}: ${figure.y.label} against ${figure.x.label}; lines: ${theory.join(', ')}; points: simulation with standard errors.`,
      });
      this.#container.append(el('figure', { class: 'plot' }, canvas));
      this.#canvases.set(figure.id, canvas);
    }
    return canvas;
  }
}

// The Export menu: a finished run's data (CSV, JSON), its figures (SVG, and PNG at print
// resolution) and the model's papers (BibTeX). Every file but the PNG is made by the core in the
// worker, from the run itself, when it is asked for (src/export.rs), so `replica run LINK --out
// DIR` writes the same bytes under the same names.

import { el } from './dom.js';

/** PNG figures are drawn at the SVG's size (800 × 520 CSS px) at 300 dpi. */
const PNG_SCALE = 300 / 96;
const PNG_SIZE = [800, 520];

const TYPES = { csv: 'text/csv', json: 'application/json', svg: 'image/svg+xml', bib: 'application/x-bibtex' };

/** The menu; it offers the files of the last finished run, and nothing while a run goes on. */
export function exportMenu(core, runner, { signal }) {
  const list = el('ul', { class: 'menu-items', role: 'list' });
  const summary = el('summary', { id: 'replica-export' }, 'Export');
  const menu = el('details', { class: 'menu export' }, summary, list);
  let finished = null;

  const offer = (done) => {
    finished = done;
    list.replaceChildren();
    if (!done) {
      list.append(el('li', { class: 'help' }, 'The files are ready when the run is done.'));
      return;
    }
    const names = JSON.parse(done.files);
    const figures = JSON.parse(done.frame).figures;
    const ending = (end) => names.find((n) => n.endsWith(end));
    const made = (name, label = name.split('.').pop().toUpperCase()) =>
      fileButton(label, name, async () => new Blob([await runner.file(name)], { type: TYPES[name.split('.').pop()] }));
    const row = (name, ...buttons) => el('li', {}, el('span', { class: 'figure-name' }, name), el('span', { class: 'buttons' }, ...buttons));
    list.append(row('Data of the run', made(ending('.csv')), made(ending('.json'))));
    for (const figure of figures) {
      const svg = ending(`-${figure.id}.svg`);
      const png = svg.replace(/\.svg$/, '.png');
      list.append(row(`Figure: ${figure.title}`, made(svg), fileButton('PNG', png, () => pngOf(core, done.frame, figure.id))));
    }
    list.append(row('Citation of the paper', made(ending('.bib'), 'BibTeX')));
  };
  offer(null);
  runner.addEventListener('state', (e) => e.detail.state !== 'done' && finished && offer(null), { signal });
  return {
    element: menu,
    /** Called with the worker's 'done' message ({frame, files, …}). */
    offer,
  };
}

function fileButton(label, name, blob) {
  const button = el('button', { type: 'button', class: 'secondary', 'data-file': name, title: `Download ${name}` }, label);
  button.addEventListener('click', async () => {
    try {
      download(name, await blob());
    } catch (e) {
      button.title = `Not made: ${e.message}`;
    }
  });
  return button;
}

function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name, hidden: '' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A figure drawn by the page's own drawing code on a canvas of print resolution. */
function pngOf(core, frame, id) {
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(PNG_SIZE[0] * PNG_SCALE);
  canvas.height = Math.round(PNG_SIZE[1] * PNG_SCALE);
  core.render(canvas, frame, id, PNG_SCALE);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}

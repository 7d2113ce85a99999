// The gallery: the families of models, each a section of cards with a thumbnail of the model's
// theory. It reads only the catalogue and the thumbnails made at build time (pkg/), so it opens
// without downloading any model's WebAssembly.

import { el } from './dom.js';

export function showGallery(root, catalog, message = null) {
  document.title = 'Replica · runnable models of learning and neural dynamics';
  const card = (model) => {
    const thumb = el('img', {
      class: 'thumb',
      src: new URL(`../pkg/thumbs/${model.id}.svg`, import.meta.url).href,
      alt: `The theory curves of ${model.title}`,
      loading: 'lazy',
    });
    return el(
      'li',
      { class: 'card' },
      el('a', { href: `#/${model.id}`, class: 'card-link' }, thumb, el('h2', {}, model.title)),
      model.paper ? el('p', { class: 'cite' }, `${model.paper.authors} (${model.paper.year})`) : null,
      el('p', {}, firstSentence(model.summary)),
    );
  };
  root.replaceChildren(
    el(
      'section',
      { class: 'gallery' },
      message ? el('div', { class: 'banner', id: 'replica-messages', role: 'alert' }, el('p', {}, message)) : null,
      el('div', { class: 'intro' }, el('h1', {}, 'Replica'), el('p', {}, 'Models from the statistical physics of learning and theoretical neuroscience, run in your browser: the simulation and the theory of the paper on the same axes, a link that reproduces the run bit for bit.')),
      ...catalog.families.map((family) =>
        el('section', { class: 'family', 'aria-label': family.title }, el('h2', { class: 'family-title' }, family.title), el('ul', { class: 'cards' }, ...family.models.map(card))),
      ),
    ),
  );
}

function firstSentence(text) {
  const end = text.indexOf('. ');
  return end > 0 ? text.slice(0, end + 1) : text;
}

// The gallery: one card per registered model, with a thumbnail of its theory drawn by the core.

import { el } from './dom.js';

export function showGallery(root, core, registry, message = null) {
  document.title = 'Replica · runnable models of learning and neural dynamics';
  const cards = registry.models.map((spec) => {
    const canvas = el('canvas', { class: 'thumb', role: 'img', 'aria-label': `The theory curves of ${spec.title}` });
    const paper = spec.papers[0];
    const card = el(
      'li',
      { class: 'card' },
      el('a', { href: `#/${spec.id}`, class: 'card-link' }, canvas, el('h2', {}, spec.title)),
      el('p', { class: 'cite' }, `${paper.authors} (${paper.year})`),
      el('p', {}, firstSentence(spec.summary)),
    );
    return { card, canvas, spec };
  });
  root.replaceChildren(
    el(
      'section',
      { class: 'gallery' },
      message ? el('div', { class: 'banner', id: 'replica-messages', role: 'alert' }, el('p', {}, message)) : null,
      el('div', { class: 'intro' }, el('h1', {}, 'Replica'), el('p', {}, 'Models from the statistical physics of learning and theoretical neuroscience, run in your browser: the simulation and the theory of the paper on the same axes, a link that reproduces the run bit for bit.')),
      el('ul', { class: 'cards' }, ...cards.map((c) => c.card)),
    ),
  );
  // Thumbnails after the cards are on screen: the theory of each default run.
  requestAnimationFrame(() => {
    for (const { canvas, spec } of cards) {
      try {
        const frame = core.firstFrame(spec.id);
        const ratio = window.devicePixelRatio || 1;
        canvas.width = Math.round(canvas.clientWidth * ratio);
        canvas.height = Math.round(canvas.clientHeight * ratio);
        core.render(canvas, frame, JSON.parse(frame).figures[0].id, ratio, true);
      } catch (e) {
        canvas.replaceWith(el('p', { class: 'field-error' }, `No preview: ${e.message}`));
      }
    }
  });
}

function firstSentence(text) {
  const end = text.indexOf('. ');
  return end > 0 ? text.slice(0, end + 1) : text;
}

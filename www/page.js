// A model's page, built entirely from its spec: citation, controls, the run with its figures,
// fingerprint and link, and the model's equations. The page's whole state is its link.

import { el, mathml } from './dom.js';
import { makeControl } from './controls.js';
import { Plots } from './plots.js';
import { runBar } from './runbar.js';
import { sweepPanel } from './sweep.js';

const LIVE_DELAY_MS = 120;

/** Build the page of `spec` in `root` and start the run of `read` (a leniently read link).
 * Returns a function that tears the page down. */
export function showModel(root, core, runner, spec, read) {
  const stop = new AbortController();
  const state = { params: { ...read.params }, seed: read.seed, link: read.link };
  const banner = el('div', { class: 'banner', id: 'replica-messages', role: 'alert', hidden: '' });

  // Controls.
  const controls = new Map();
  let liveTimer = null;
  const onChange = (name, text, { live }) => {
    state.params[name] = text;
    clearTimeout(liveTimer);
    if (live) liveTimer = setTimeout(apply, LIVE_DELAY_MS);
    else apply();
  };
  for (const p of spec.params) controls.set(p.name, makeControl(p, onChange));
  const seedInput = el('input', { type: 'number', id: 'seed', min: '0', max: '4294967295', step: '1', inputmode: 'numeric', 'aria-describedby': 'seed-help seed-error' });
  seedInput.addEventListener('change', () => {
    state.seed = seedInput.value.trim();
    apply();
  });
  const newSeed = el('button', { type: 'button', class: 'secondary' }, 'New seed');
  newSeed.addEventListener('click', () => {
    state.seed = String(crypto.getRandomValues(new Uint32Array(1))[0]);
    seedInput.value = state.seed;
    apply();
  });
  const seedError = el('p', { class: 'field-error', id: 'seed-error', role: 'alert', hidden: '' });
  const seedControl = el(
    'div',
    { class: 'control', 'data-param': 'seed' },
    el('div', { class: 'control-head' }, el('label', { for: 'seed' }, el('span', { class: 'what' }, 'seed of the random numbers')), el('span', { class: 'value' }, seedInput)),
    newSeed,
    el('p', { class: 'help', id: 'seed-help' }, 'Every random number of the run follows from the seed: the same seed, the same results, in every browser.'),
    seedError,
  );

  const presets = presetPicker(spec, (values) => {
    for (const [name, text] of values) state.params[name] = text;
    apply();
  });

  const form = el('form', { class: 'controls', 'aria-label': 'Parameters' }, presets, ...[...controls.values()].map((c) => c.element), seedControl);
  form.addEventListener('submit', (e) => e.preventDefault());

  // Results.
  const figures = el('div', { class: 'figures', id: 'replica-figures' });
  const plots = new Plots(core, figures);
  const bar = runBar(runner, () => state.link, { signal: stop.signal, rerun: () => apply({ force: true }) });
  const sweep = sweepPanel(core, spec, () => state.link);

  runner.addEventListener('frame', (e) => plots.show(e.detail.frame), { signal: stop.signal });
  runner.addEventListener('done', (e) => plots.show(e.detail.frame), { signal: stop.signal });
  runner.addEventListener('error', (e) => say(`The run stopped: ${e.detail.message}`), { signal: stop.signal });

  root.replaceChildren(
    el(
      'article',
      { class: 'model', 'data-model': spec.id },
      el('header', { class: 'model-head' }, el('h1', {}, spec.title), citations(spec.papers), el('p', { class: 'summary' }, spec.summary)),
      banner,
      el(
        'div',
        { class: 'workbench' },
        form,
        el('section', { class: 'results', 'aria-label': 'Run' }, bar.element, figures, bar.footer, sweep.element),
      ),
      equations(spec),
      reproduce(() => state.link),
    ),
  );
  document.title = `${spec.title} · Replica`;

  function say(message) {
    banner.replaceChildren(...(Array.isArray(message) ? message : [message]).map((m) => el('p', {}, m)));
    banner.hidden = !message || message.length === 0;
  }

  function setControls() {
    for (const [name, control] of controls) control.set(state.params[name]);
    seedInput.value = String(state.seed);
  }

  /** Validate the state; if valid, make it the page's link and run it. */
  function apply({ force = false } = {}) {
    const query = [`seed=${encodeURIComponent(state.seed)}`, ...spec.params.map((p) => `${p.name}=${encodeURIComponent(state.params[p.name])}`)];
    const checked = core.checkLink(`${spec.id}?${query.join('&')}`);
    const byParam = new Map((checked.errors ?? []).filter((e) => e.param).map((e) => [e.param, e.message]));
    for (const [name, control] of controls) control.showError(byParam.get(name));
    seedError.textContent = byParam.get('seed') ?? '';
    seedError.hidden = !byParam.has('seed');
    const general = (checked.errors ?? []).filter((e) => !e.param).map((e) => `Not run: ${e.message}.`);
    say(general);
    if (!checked.link) return;
    const changed = checked.link !== state.link;
    state.link = checked.link;
    if (changed) {
      history.replaceState(null, '', checked.link);
      sweep.stale();
    }
    if (changed || force) runner.run(checked.link);
  }

  setControls();
  history.replaceState(null, '', read.link);
  if (read.errors.length > 0) {
    say(['This link could not be read in full; what could not be read was replaced by its default:', ...read.errors.map((e) => `• ${e.message}`)]);
  }
  runner.run(read.link);
  if (read.sweep) sweep.open(read.sweep);

  return {
    /** The link currently shown (canonical). */
    get link() {
      return state.link;
    },
    dispose() {
      stop.abort();
      clearTimeout(liveTimer);
      runner.cancel();
      sweep.dispose();
    },
  };
}

function presetPicker(spec, onPick) {
  if (spec.presets.length === 0) return null;
  const select = el('select', { id: 'replica-preset', 'aria-describedby': 'replica-preset-help' }, el('option', { value: '' }, 'Choose a preset…'), ...spec.presets.map((p, i) => el('option', { value: String(i) }, p.name)));
  const help = el('p', { class: 'help', id: 'replica-preset-help' }, 'Settings that show one result of the paper.');
  select.addEventListener('change', () => {
    const preset = spec.presets[Number(select.value)];
    if (!preset) return;
    help.textContent = preset.description;
    onPick(preset.values);
    select.value = '';
  });
  return el('div', { class: 'control presets' }, el('label', { for: 'replica-preset' }, el('span', { class: 'what' }, 'Presets')), select, help);
}

function citations(papers) {
  return el(
    'ul',
    { class: 'citations' },
    ...papers.map((p) => {
      const href = p.doi ? `https://doi.org/${p.doi}` : p.arxiv ? `https://arxiv.org/abs/${p.arxiv}` : null;
      return el('li', {}, `${p.authors} (${p.year}). `, href ? el('a', { href, rel: 'noopener' }, p.title) : p.title, `. ${p.venue}.`);
    }),
  );
}

function equations(spec) {
  return el(
    'section',
    { class: 'equations', 'aria-labelledby': 'equations-title' },
    el('h2', { id: 'equations-title' }, 'The model'),
    ...spec.equations.map((eq) => el('div', { class: 'equation' }, el('p', { class: 'caption' }, eq.caption), el('div', { class: 'formula' }, mathml(eq.mathml)))),
  );
}

function reproduce(link) {
  const command = el('code', {});
  const details = el(
    'details',
    { class: 'reproduce' },
    el('summary', {}, 'Reproduce this run outside the browser'),
    el('p', {}, 'The command-line tool runs the same link natively and prints the same fingerprint:'),
    el('pre', {}, command),
  );
  details.addEventListener('toggle', () => {
    command.textContent = `cargo run --release --bin replica -- run '${link().slice(2)}' --json`;
  });
  return details;
}

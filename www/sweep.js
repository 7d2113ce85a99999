// The sweep panel of a model page: vary one numeric parameter of the page's link over a range, run
// every point in a pool of workers, and plot what the runs report at their end against it, with
// the theory. Its state is a sweep link (the page's link and sweep=name:from:to:steps:spacing),
// which the core checks and turns into figures, the same figures as `replica sweep`.

import { el } from './dom.js';
import { Plots } from './plots.js';

const DEFAULT_STEPS = '11';

/** The panel of `spec`; `baseLink()` is the page's current (canonical) link. */
export function sweepPanel(core, spec, baseLink, onLink) {
  const numeric = spec.params.filter((p) => p.kind.type === 'int' || p.kind.type === 'float');
  // The pool (and its workers) is loaded with the first sweep, not with the page.
  let pool = null;
  const param = el('select', { id: 'sweep-param' }, ...numeric.map((p) => el('option', { value: p.name }, `${p.label}${p.symbol ? ` ${p.symbol}` : ''} (${p.name})`)));
  const number = (id, attributes) => el('input', { type: 'number', id, step: 'any', inputmode: 'decimal', 'aria-describedby': 'sweep-error', ...attributes });
  const from = number('sweep-from');
  const to = number('sweep-to');
  const steps = number('sweep-steps', { min: '2', max: '101', step: '1', inputmode: 'numeric' });
  const scale = el('select', { id: 'sweep-scale' }, el('option', { value: 'linear' }, 'evenly'), el('option', { value: 'log' }, 'evenly in the logarithm'));
  const count = el('span', { class: 'help', id: 'sweep-count' });
  const error = el('p', { class: 'field-error', id: 'sweep-error', role: 'alert', hidden: '' });
  const runButton = el('button', { type: 'submit', id: 'sweep-run' }, 'Run sweep');
  const cancel = el('button', { type: 'button', id: 'sweep-cancel', class: 'secondary', disabled: '' }, 'Cancel');
  const progress = el('progress', { id: 'sweep-progress', max: '1', value: '0', 'aria-label': 'Progress of the sweep' });
  const status = el('span', { class: 'status', id: 'sweep-status', 'aria-live': 'polite' }, 'Ready');
  const fingerprint = el('output', { id: 'sweep-fingerprint', class: 'fingerprint' }, '…');
  const command = el('code', { id: 'sweep-command' });
  // The command line appears with the first sweep: before, there is nothing to run natively.
  const natively = el('span', { class: 'help', hidden: '' }, 'Natively: ', command);
  const figures = el('div', { class: 'figures', id: 'sweep-figures', hidden: '' });
  let plots = null; // made at the first result; a page's sweeps always have the same figures
  let current = null; // the sweep link being run or shown
  let started = 0;

  const field = (label, input) => el('label', { class: 'sweep-field' }, el('span', { class: 'what' }, label), input);
  const form = el(
    'form',
    { class: 'sweep-form', 'aria-label': 'Sweep' },
    field('Parameter', param),
    field('From', from),
    field('To', to),
    field('Steps', steps),
    field('Spaced', scale),
    el('span', { class: 'buttons' }, runButton, cancel),
  );
  const element = el(
    'section',
    { class: 'sweep', id: 'replica-sweep', 'aria-labelledby': 'sweep-title' },
    el('h2', { id: 'sweep-title' }, 'Sweep a parameter'),
    el('p', { class: 'help' }, 'Run this page’s link at every point of a range of one parameter, with the same seed, and plot what each run reports at its end against the parameter, with the theory.'),
    form,
    count,
    error,
    el('div', { class: 'runbar' }, progress, status),
    figures,
    el('div', { class: 'runfoot' }, el('span', {}, el('span', { class: 'label' }, 'Sweep fingerprint '), fingerprint), natively),
  );

  /** From and to: the ends of the parameter's range (inside an open end). */
  const pick = (name) => {
    const p = numeric.find((q) => q.name === name);
    if (!p) return;
    const k = p.kind;
    const [min, max] = k.type === 'int' ? [k.min, k.max] : [k.range.min, k.range.max];
    const openMin = k.type === 'float' && k.range.min_open;
    from.value = String(openMin ? Number((min + (max - min) / 100).toPrecision(6)) : min);
    to.value = String(max);
    scale.value = k.scale;
  };

  /** The sweep the fields describe, checked by the core; its errors shown under the fields. */
  const check = () => {
    const parts = [param.value, from.value.trim(), to.value.trim(), steps.value.trim(), scale.value];
    const text = `${baseLink()}&sweep=${parts.map(encodeURIComponent).join(':')}`;
    const checked = core.checkSweep(text);
    const messages = (checked.errors ?? []).map((e) => e.message);
    error.textContent = messages.join(' ');
    error.hidden = messages.length === 0;
    count.textContent = checked.sweep ? `${checked.sweep.points} runs.` : '';
    return checked.sweep ?? null;
  };

  const setRunning = (running) => {
    cancel.disabled = !running;
    runButton.disabled = running;
  };

  async function run() {
    const sweep = check();
    if (!sweep) return;
    current = sweep.link;
    onLink(sweep.link);
    command.textContent = `replica sweep '${sweep.link.slice(2)}'`;
    natively.hidden = false;
    fingerprint.textContent = '…';
    progress.value = 0;
    status.textContent = `Running · 0/${sweep.points} points`;
    setRunning(true);
    started = performance.now();
    const link = sweep.link;
    let result;
    try {
      pool ??= new (await import('./sweep-pool.js')).SweepPool(core.family);
      result = await pool.run(link, sweep.points, (fraction, done) => {
        progress.value = fraction;
        status.textContent = `Running · ${done}/${sweep.points} points`;
      });
    } catch (e) {
      if (current === link) stopped(`Stopped by an error: ${e.message}`);
      return;
    }
    if (current !== link) return;
    const width = 2 * spec.observables.length;
    const flat = new Float64Array(sweep.points * width).fill(NaN);
    result.outcomes.forEach((o, i) => o && flat.set(o, i * width));
    const { fingerprint: fp, frame } = core.sweepFrame(link, flat);
    show(frame);
    fingerprint.textContent = fp;
    const failed = result.failures.map((f) => `${f.message} (point ${f.index + 1})`);
    status.textContent = `Done in ${((performance.now() - started) / 1000).toFixed(2)} s${failed.length ? `; left out: ${failed.join('; ')}` : ''}`;
    progress.value = 1;
    setRunning(false);
  }

  const show = (frame) => {
    plots ??= new Plots(core, figures);
    figures.hidden = false;
    plots.show(frame);
  };

  const stopped = (message) => {
    pool?.cancel();
    current = null;
    setRunning(false);
    status.textContent = message;
  };

  const clear = () => {
    figures.hidden = true;
    fingerprint.textContent = '…';
    progress.value = 0;
  };

  param.addEventListener('change', () => {
    pick(param.value);
    check();
  });
  for (const input of [from, to, steps, scale]) input.addEventListener('change', check);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clear();
    run();
  });
  cancel.addEventListener('click', () => stopped('Cancelled'));

  pick(numeric[0]?.name);
  steps.value = DEFAULT_STEPS;
  if (numeric.length === 0) element.hidden = true;

  return {
    element,
    /** Fill the fields from a sweep read from the page's link ({param, from, to, steps}), and run it. */
    open(shown) {
      param.value = shown.param;
      from.value = shown.from;
      to.value = shown.to;
      steps.value = String(shown.steps);
      scale.value = shown.spacing;
      run();
    },
    /** The page's link changed: a sweep of the old one is no longer this page's. */
    stale() {
      if (!current && figures.hidden) return;
      stopped('The parameters changed: run the sweep again to see them.');
      clear();
    },
    dispose() {
      pool?.cancel();
      current = null;
    },
  };
}

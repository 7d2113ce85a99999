// A model's page, built entirely from its spec: citation, controls, the run with its figures,
// fingerprint and link, and the model's equations. The page's whole state is its link.

import { el, mathml } from './dom.js';
import { makeControl } from './controls.js';
import { Plots } from './plots.js';
import { runBar } from './runbar.js';
import { exportMenu } from './export.js';
import { comparePanel, difference, joinComparison, mergeFrames, otherLink } from './compare.js';
import { Runner } from './runner.js';
import { sweepPanel } from './sweep.js';

const LIVE_DELAY_MS = 120;

/** Build the page of `spec` in `root` and start the run of `read` (a leniently read link).
 * Options: `versus`, the parameters a second run changes, for a comparison ({name: text}, see
 * compare.js); `onLink(address)` is called with every new address (the site shows it in the
 * address bar); `shown`, a Set of the parameters (and `seed`) whose controls to show, or null for
 * all, with the presets; `compact`, the embedded layout (title, controls and run; no equations,
 * export or comparison); `href(address)`, the full page's URL of an address; `autorun`, false to
 * show the theory only until a run is asked.
 * Returns the page's handle: its address, `set`, `run` and `dispose`. */
export function showModel(root, core, runner, spec, read, options = {}) {
  const { versus = {}, onLink = () => {}, shown = null, compact = false, href = (link) => new URL(link, location.href).href, autorun = true } = options;
  const stop = new AbortController();
  const state = { params: { ...read.params }, seed: read.seed, link: read.link, versus: { ...versus }, other: null };
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
  for (const p of spec.params) if (!shown || shown.has(p.name)) controls.set(p.name, makeControl(p, onChange));
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

  const presets = shown ? null : presetPicker(spec, (values) => {
    for (const [name, text] of values) state.params[name] = text;
    apply();
  });

  const seedShown = !shown || shown.has('seed');
  const form = el('form', { class: 'controls', 'aria-label': 'Parameters' }, presets, ...[...controls.values()].map((c) => c.element), seedShown ? seedControl : null);
  form.addEventListener('submit', (e) => e.preventDefault());
  const hasControls = controls.size > 0 || seedShown;

  // Results.
  const figures = el('div', { class: 'figures', id: 'replica-figures' });
  const plots = new Plots(core, figures);
  const address = () => joinComparison(state.link, state.other ? state.versus : {});
  const bar = runBar(runner, () => href(address()), { signal: stop.signal, rerun: () => apply({ force: true }) });
  // Sweeps belong to the full page; an embedded model has none.
  const sweep = compact ? null : sweepPanel(core, spec, () => state.link, (link) => onLink(link));

  // The page's run (A) and, when comparing, the second run (B): both drawn on the same figures.
  const frames = { a: null, b: null, fingerprintA: null, fingerprintB: null };
  let second = null;
  const compare = comparePanel(spec, {
    onSet: (changes) => {
      state.versus = changes;
      applyComparison();
    },
  });
  const labels = () => [difference(state.versus, { ...state.params, seed: state.seed }), difference(state.versus, state.versus)];
  const draw = () => {
    if (!frames.a) return;
    const [a, b] = labels();
    plots.show(state.other && frames.b ? mergeFrames(frames.a, frames.b, a, b) : frames.a);
    if (state.other) {
      compare.report([
        { label: `A (${a})`, link: state.link, fingerprint: frames.fingerprintA },
        { label: `B (${b})`, link: state.other, fingerprint: frames.fingerprintB },
      ]);
    }
  };
  const onFrame = (key) => (e) => {
    frames[key] = e.detail.frame;
    if (e.type === 'done') frames[key === 'a' ? 'fingerprintA' : 'fingerprintB'] = e.detail.fingerprint;
    draw();
  };
  runner.addEventListener('frame', onFrame('a'), { signal: stop.signal });
  runner.addEventListener('done', onFrame('a'), { signal: stop.signal });
  runner.addEventListener('state', (e) => e.detail.state === 'running' && (frames.fingerprintA = null), { signal: stop.signal });
  const exports = exportMenu(core, runner, { signal: stop.signal });
  runner.addEventListener('done', (e) => exports.offer(e.detail), { signal: stop.signal });
  runner.addEventListener('error', (e) => say(`The run stopped: ${e.detail.message}`), { signal: stop.signal });

  const open = el('a', { class: 'open-full', href: href(state.link), target: '_blank', rel: 'noopener' }, 'Open in Replica ↗');
  const tools = compact ? null : el('div', { class: 'tools' }, exports.element, compare.element, lazyEmbed(spec, () => state.link, runner, stop.signal));
  const results = el('section', { class: 'results', 'aria-label': 'Run' }, bar.element, figures, bar.footer, compact ? null : compare.status, tools, sweep?.element);
  root.replaceChildren(
    el(
      'article',
      { class: `model${compact ? ' compact' : ''}`, 'data-model': spec.id },
      compact
        ? el('header', { class: 'model-head' }, el('h2', {}, spec.title), open, citations(spec.papers.slice(0, 1)))
        : el('header', { class: 'model-head' }, el('h1', {}, spec.title), citations(spec.papers), el('p', { class: 'summary' }, spec.summary)),
      banner,
      el('div', { class: 'workbench' }, hasControls ? form : null, results),
      compact ? null : equations(spec),
      compact ? null : reproduce(() => state.link),
    ),
  );

  function say(message) {
    banner.replaceChildren(...(Array.isArray(message) ? message : [message]).map((m) => el('p', {}, m)));
    banner.hidden = !message || message.length === 0;
  }

  function setControls() {
    for (const [name, control] of controls) control.set(state.params[name]);
    seedInput.value = String(state.seed);
  }

  /** The core's strict check of a state: {link} or {errors}. */
  function check(params, seed) {
    const query = [`seed=${encodeURIComponent(seed)}`, ...Object.entries(params).map(([name, text]) => `${name}=${encodeURIComponent(text)}`)];
    return core.checkLink(`${spec.id}?${query.join('&')}`);
  }

  /** Validate the state; if valid, make it the page's link and run it. */
  function apply({ force = false } = {}) {
    const checked = check(state.params, state.seed);
    const byParam = new Map((checked.errors ?? []).filter((e) => e.param).map((e) => [e.param, e.message]));
    for (const [name, control] of controls) control.showError(byParam.get(name));
    seedError.textContent = byParam.get('seed') ?? '';
    seedError.hidden = !byParam.has('seed');
    // Errors about parameters without a control on show go to the banner.
    const general = (checked.errors ?? []).filter((e) => !e.param || !(controls.has(e.param) || (e.param === 'seed' && seedShown))).map((e) => `Not run: ${e.message}.`);
    say(general);
    if (!checked.link) return;
    const changed = checked.link !== state.link;
    state.link = checked.link;
    if (changed) sweep?.stale();
    if (changed || force) runner.run(checked.link);
    applyComparison({ force });
  }

  /** Start, change or stop the second run to follow the page's link and the comparison's
   * changes; the address holds both. */
  function applyComparison({ force = false } = {}) {
    let other = null;
    let problem = null;
    if (Object.keys(state.versus).length > 0) {
      const checked = core.checkLink(otherLink(state.link, state.versus));
      if (checked.link) other = checked.link;
      else problem = `Not compared: ${(checked.errors ?? []).map((e) => e.message).join('; ')}.`;
    }
    compare.show(state.versus, problem);
    const same = other === state.other && !force;
    state.other = other;
    open.href = href(address());
    onLink(address());
    if (same) return;
    frames.b = null;
    frames.fingerprintB = null;
    if (other) {
      if (!second) {
        second = new Runner(core.family);
        second.addEventListener('frame', onFrame('b'), { signal: stop.signal });
        second.addEventListener('done', onFrame('b'), { signal: stop.signal });
      }
      second.run(other);
    } else {
      second?.cancel();
    }
    draw();
  }

  setControls();
  if (read.errors.length > 0) {
    say(['This link could not be read in full; what could not be read was replaced by its default:', ...read.errors.map((e) => `• ${e.message}`)]);
  } else if (read.notes?.length > 0) {
    say([`This link was made by an earlier version of Replica and was brought up to date; it shows the same run:`, ...read.notes.map((n) => `• ${n}`)]);
  }
  if (autorun) runner.run(read.link);
  else plots.show(core.firstFrame(read.link));
  applyComparison();
  if (read.sweep) sweep?.open(read.sweep);

  return {
    /** The address currently shown: the canonical link, and the comparison's changes. */
    get link() {
      return address();
    },
    /** Set some parameters (texts, `seed` included) and run, if the core accepts them all;
     * otherwise change nothing. Returns the core's check: {link} or {errors}. */
    set(values) {
      const params = { ...state.params };
      let seed = state.seed;
      for (const [name, text] of Object.entries(values)) {
        if (name === 'seed') seed = String(text);
        else params[name] = String(text);
      }
      const checked = check(params, seed);
      if (checked.link) {
        Object.assign(state.params, params);
        state.seed = seed;
        setControls();
        apply({ force: true });
      }
      return checked;
    },
    /** Run the current link again from its start. */
    run: () => apply({ force: true }),
    dispose() {
      stop.abort();
      clearTimeout(liveTimer);
      runner.cancel();
      second?.close();
      sweep?.dispose();
    },
  };
}

/** The controls to show from a list such as `N,rule` (`none`: none; absent: all). */
export function shownControls(list) {
  if (list === null || list === undefined) return null;
  return new Set(list.split(',').map((name) => name.trim()).filter((name) => name && name !== 'none'));
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

/** The Embed button; its dialog (share.js) is loaded when it is first asked for, not with the page. */
function lazyEmbed(spec, link, runner, signal) {
  const button = el('button', { type: 'button', id: 'replica-embed-open', class: 'secondary', 'aria-haspopup': 'dialog' }, 'Embed…');
  button.addEventListener(
    'click',
    async () => {
      const { embedPanel } = await import('./share.js');
      const panel = embedPanel(spec, link, runner, signal);
      button.replaceWith(panel);
      panel.querySelector('#replica-embed-open').click();
    },
    { once: true },
  );
  return button;
}

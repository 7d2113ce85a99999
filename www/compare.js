// Compare: a second run of the same model with some parameters changed (and by default the same
// seed, so the same random numbers), drawn on the same figures as the page's own run. Its link
// is the page's link with the changes as `vs.name=value` pairs, so a comparison is shared like
// any run: `#/feedback-alignment?v=1&seed=4&rule=fa&…&vs.rule=bp`.

import { el } from './dom.js';

const PREFIX = 'vs.';

/** Split a page address into the model's link and the changes of the comparison ({name: text}). */
export function splitComparison(hash) {
  const [route, query = ''] = hash.split('?');
  const own = [];
  const versus = {};
  for (const part of query.split('&').filter(Boolean)) {
    // Everything else, malformed or not, is the core's to read and to report.
    if (!part.startsWith(PREFIX) || !part.includes('=')) {
      own.push(part);
      continue;
    }
    const [name, value] = [part.slice(PREFIX.length, part.indexOf('=')), part.slice(part.indexOf('=') + 1)].map(decodeSafely);
    versus[name] = value;
  }
  return { link: own.length ? `${route}?${own.join('&')}` : route, versus };
}

function decodeSafely(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // the core names the value it cannot read
  }
}

/** The page address of a link compared with changes. */
export function joinComparison(link, versus) {
  const pairs = Object.entries(versus).map(([n, v]) => `${PREFIX}${encodeURIComponent(n)}=${encodeURIComponent(v)}`);
  return pairs.length ? `${link}&${pairs.join('&')}` : link;
}

/** The link of the second run: the first one's with the changes. */
export function otherLink(link, versus) {
  const [route, query = ''] = link.split('?');
  const pairs = query.split('&').filter((p) => !Object.hasOwn(versus, decodeSafely(p.split('=')[0])));
  for (const [n, v] of Object.entries(versus)) pairs.push(`${encodeURIComponent(n)}=${encodeURIComponent(v)}`);
  return `${route}?${pairs.join('&')}`;
}

/** "lr = 0.8, seed = 3": what tells a run of the comparison from the other. */
export function difference(versus, values) {
  return Object.keys(versus)
    .map((n) => `${n} = ${values[n]}`)
    .join(', ');
}

/** Both runs' figures in one frame: series of the second run get colours of their own and
 * labels that say which run they belong to; a heat map or a network, which cannot be overlaid,
 * gets a figure of its own for the second run. */
export function mergeFrames(frameA, frameB, labelA, labelB) {
  const a = JSON.parse(frameA);
  const b = JSON.parse(frameB);
  const figures = [];
  for (const f of a.figures) {
    const g = b.figures.find((x) => x.id === f.id);
    if (!g || f.heatmap || f.network) {
      figures.push(f);
      continue;
    }
    const offset = Math.max(-1, ...f.series.map((s) => s.group)) + 1;
    figures.push({
      ...f,
      series: [...f.series.map((s) => ({ ...s, label: `${s.label} (${labelA})` })), ...g.series.map((s) => ({ ...s, group: s.group + offset, label: `${s.label} (${labelB})` }))],
    });
  }
  for (const g of b.figures.filter((g) => g.heatmap || g.network)) figures.push({ ...g, id: `${g.id}-compared`, title: `${g.title} (${labelB})` });
  return JSON.stringify({ figures });
}

/** The "Compare with…" control: a parameter, its value for the second run, and the second run's
 * link and fingerprint once it is done. `onSet(versus)` is called with the changes ({} to stop). */
export function comparePanel(spec, { onSet }) {
  const names = [...spec.params.map((p) => p.name), 'seed'];
  const param = el('select', { id: 'replica-compare-param', 'aria-label': 'Parameter to change' }, ...names.map((n) => el('option', { value: n }, n)));
  const value = el('input', { id: 'replica-compare-value', type: 'text', size: '8', 'aria-label': 'Its value in the second run', spellcheck: 'false' });
  const choices = el('datalist', { id: 'replica-compare-choices' });
  value.setAttribute('list', choices.id);
  const go = el('button', { type: 'button', id: 'replica-compare-go' }, 'Compare');
  const stop = el('button', { type: 'button', id: 'replica-compare-stop', class: 'secondary', hidden: '' }, 'Stop comparing');
  const error = el('p', { class: 'field-error', id: 'replica-compare-error', role: 'alert', hidden: '' });
  const status = el('div', { class: 'compare-status', id: 'replica-compare-status', hidden: '' });

  const offerChoices = () => {
    const p = spec.params.find((x) => x.name === param.value);
    const options = p?.kind.type === 'choice' ? p.kind.options.map((o) => o.value) : p?.kind.type === 'bool' ? ['0', '1'] : [];
    choices.replaceChildren(...options.map((o) => el('option', { value: o })));
  };
  param.addEventListener('change', offerChoices);
  offerChoices();
  go.addEventListener('click', () => onSet({ [param.value]: value.value.trim() }));
  value.addEventListener('keydown', (e) => e.key === 'Enter' && go.click());
  stop.addEventListener('click', () => onSet({}));

  const summary = el('summary', { id: 'replica-compare' }, 'Compare with…');
  const element = el(
    'details',
    { class: 'menu compare' },
    summary,
    el(
      'div',
      { class: 'menu-items' },
      el('p', { class: 'help' }, 'A second run with one parameter changed, on the same figures. It keeps the seed, so both runs draw the same random numbers.'),
      el('div', { class: 'compare-form' }, param, value, choices, go),
      error,
      stop,
    ),
  );
  return {
    element,
    status,
    /** Show the comparison in force ({} for none) and the problem with it, if any. */
    show(versus, problem) {
      const [name, text] = Object.entries(versus)[0] ?? [];
      if (name) {
        param.value = name;
        value.value = text;
        offerChoices();
      }
      summary.textContent = name ? `Comparing with ${name} = ${text}` : 'Compare with…';
      stop.hidden = !name;
      error.textContent = problem ?? '';
      error.hidden = !problem;
      status.hidden = !name || Boolean(problem);
    },
    /** The two runs: their labels, links and fingerprints (null while running). */
    report(runs) {
      status.replaceChildren(
        ...runs.map((r) =>
          el('p', {}, el('span', { class: 'run-name' }, r.label), ' ', el('a', { href: r.link, class: 'run-link' }, 'link'), ' ', el('output', { class: 'fingerprint' }, r.fingerprint ?? '…')),
        ),
      );
    },
  };
}

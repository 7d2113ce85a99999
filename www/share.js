// The Embed dialog of a model page: the current run as three snippets for another site (an
// element, a frame, a script), with the controls to show chosen by the reader. Every address in
// them is absolute, taken from this page's own location, so that they work wherever pasted.

import { el } from './dom.js';

/** The button that opens the dialog, and the dialog; `link()` is the page's current link. */
export function embedPanel(spec, link, runner, signal) {
  const choices = [...spec.params, { name: 'seed', label: 'seed of the random numbers' }].map(({ name, label }) => {
    const box = el('input', { type: 'checkbox', value: name, checked: '' });
    box.addEventListener('change', refresh);
    return { name, box, label: el('label', { class: 'choice', title: label }, box, name) };
  });
  const blocks = FORMS.map((form) => {
    const code = el('code', {});
    const status = el('span', { class: 'copied', 'aria-live': 'polite' });
    const copy = el('button', { type: 'button', class: 'secondary' }, 'Copy');
    copy.addEventListener('click', () => copyText(code, status));
    const section = el('section', { class: 'snippet', 'data-form': form.id }, el('div', { class: 'snippet-head' }, el('h3', {}, form.title), copy, status), el('p', { class: 'help' }, form.help), el('pre', {}, code));
    return { form, code, section };
  });
  const close = el('button', { type: 'button', class: 'secondary close', 'aria-label': 'Close' }, '×');
  const dialog = el(
    'dialog',
    { class: 'embed-dialog', id: 'replica-embed', 'aria-labelledby': 'replica-embed-title' },
    el('div', { class: 'embed-dialog-head' }, el('h2', { id: 'replica-embed-title' }, 'Embed this run'), close),
    el('p', {}, 'Put this model, with its parameters as they are now, on another page: a lab website, course notes. Each form loads its files from this site.'),
    el('fieldset', { class: 'embed-controls' }, el('legend', {}, 'Controls shown'), ...choices.map((c) => c.label)),
    ...blocks.map((b) => b.section),
  );
  const button = el('button', { type: 'button', id: 'replica-embed-open', class: 'secondary', 'aria-haspopup': 'dialog' }, 'Embed…');
  button.addEventListener('click', () => {
    refresh();
    dialog.showModal();
  });
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('click', (e) => e.target === dialog && dialog.close()); // a click on the backdrop
  // A new run means a new link.
  runner.addEventListener('state', () => dialog.open && refresh(), { signal });

  function refresh() {
    const picked = choices.filter((c) => c.box.checked).map((c) => c.name);
    const controls = picked.length === choices.length ? null : picked.length === 0 ? 'none' : picked.join(',');
    const where = { base: new URL('./', location.href).href, link: link(), title: spec.title, controls };
    for (const b of blocks) b.code.textContent = b.form.snippet(where);
  }

  return el('span', { class: 'embed-open' }, button, dialog);
}

const FORMS = [
  {
    id: 'element',
    title: 'Element',
    help: 'One script, then an element per model; a page can hold several. It grows to its content and leaves the rest of the page alone.',
    snippet: ({ base, link, controls }) => {
      const { model, seed, params } = parts(link);
      const attributes = [`model="${model}"`, `params="${attr(params)}"`, `seed="${seed}"`, controls && `controls="${controls}"`].filter(Boolean).join(' ');
      return `<script type="module" src="${base}www/embed.js"></script>\n<replica-model ${attributes}></replica-model>`;
    },
  },
  {
    id: 'frame',
    title: 'Frame',
    help: 'The compact page itself, with nothing to load on yours. Set the height to fit the figures.',
    snippet: ({ base, link, title, controls }) => {
      const query = controls ? `?embed&controls=${controls}` : '?embed';
      return `<iframe src="${attr(`${base}index.html${query}${link}`)}" title="${attr(title)} · Replica"\n        width="100%" height="760" style="border: 0" loading="lazy" allow="clipboard-write"></iframe>`;
    },
  },
  {
    id: 'script',
    title: 'Script',
    help: 'For a page that drives the model: run, pause, reset, set parameters, and hear of its progress and end.',
    snippet: ({ base, link, controls }) => {
      const { model, seed, params } = parts(link);
      const id = `replica-${model}`;
      return [
        `<div id="${id}"></div>`,
        `<script type="module">`,
        `  import { mount } from ${js(`${base}www/embed.js`)};`,
        `  const m = await mount(document.getElementById('${id}'), {`,
        `    model: ${js(model)},`,
        `    params: ${js(params)},`,
        `    seed: ${seed},`,
        ...(controls ? [`    controls: ${js(controls)},`] : []),
        `  });`,
        `  m.on('finish', ({ fingerprint, link }) => console.log(fingerprint, link));`,
        `  // m.set({ ${firstParam(params)} }); m.pause(); m.run(); m.reset();`,
        `</script>`,
      ].join('\n');
    },
  },
];

/** `#/perceptron?v=1&seed=7&N=500` -> {model: 'perceptron', seed: '7', params: 'v=1&N=500'}. */
function parts(link) {
  const [path, query = ''] = link.replace(/^#\/?/, '').split('?');
  const pairs = query.split('&').filter(Boolean);
  const seed = pairs.find((p) => p.startsWith('seed='))?.slice(5) ?? '1';
  return { model: path, seed, params: pairs.filter((p) => !p.startsWith('seed=')).join('&') };
}

/** An example for set(): the first numeric parameter, with its current value. */
function firstParam(params) {
  const pairs = params.split('&').filter((p) => !p.startsWith('v=')).map((p) => p.split('='));
  const [name, value] = pairs.find(([, v]) => Number.isFinite(Number(v))) ?? pairs[0] ?? ['seed', '1'];
  return `${name}: ${Number.isFinite(Number(value)) ? value : js(value)}`;
}

/** A JavaScript string literal, in single quotes. */
function js(text) {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** Text for a double-quoted HTML attribute; an `&` stays as it is unless it starts a character
 * reference, so that links stay readable. */
function attr(text) {
  return text.replace(/&(?=#?\w+;)/g, '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
}

async function copyText(code, status) {
  try {
    await navigator.clipboard.writeText(code.textContent);
    status.textContent = 'Copied';
  } catch {
    // Without clipboard access, select the text for a copy by hand.
    getSelection().selectAllChildren(code);
    status.textContent = 'Selected: copy with Ctrl+C';
  }
  setTimeout(() => (status.textContent = ''), 4000);
}

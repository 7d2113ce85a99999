// Controls built from a model's parameter specs. Every control's element id is the parameter's
// name, the same key as in links and on the command line. Values are exchanged as the texts of
// links; the core validates them.

import { el } from './dom.js';

/** Round values per decade on a logarithmic slider. */
const LOG_LADDER = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8];
/** About this many positions on a linear slider. */
const LINEAR_POSITIONS = 200;

/** The values a slider moves through: round numbers, evenly spread in the value (linear) or in
 * its logarithm, from min to max; every arrow key press moves to the next one. */
function ladder(min, max, scale, integer, minOpen) {
  const values = new Set();
  const add = (v) => {
    const x = integer ? Math.round(v) : Number(v.toPrecision(12));
    if (x >= min && x <= max && !(minOpen && x === min)) values.add(x);
  };
  if (scale === 'log' && min > 0) {
    add(min);
    for (let k = Math.floor(Math.log10(min)); k <= Math.ceil(Math.log10(max)); k++) {
      for (const m of LOG_LADDER) add(m * 10 ** k);
    }
  } else {
    const raw = (max - min) / LINEAR_POSITIONS;
    const magnitude = 10 ** Math.floor(Math.log10(raw));
    let step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
    if (integer) step = Math.max(1, Math.round(step));
    const first = Math.ceil(min / step) * step;
    add(min);
    for (let v = first; v <= max + step * 1e-9; v += step) add(v);
  }
  add(max);
  return [...values].sort((a, b) => a - b);
}

/** The position on the ladder nearest to v (in the logarithm on a log slider). */
function nearest(values, v, log) {
  const distance = (x) => (log ? Math.abs(Math.log(x / v)) : Math.abs(x - v));
  let best = 0;
  for (let i = 1; i < values.length; i++) if (distance(values[i]) < distance(values[best])) best = i;
  return best;
}

/** A labelled control for one parameter spec. `onChange(name, text, {live})` is called on every
 * change; `live` is true while a slider is being dragged. */
export function makeControl(spec, onChange) {
  const kind = spec.kind;
  if (kind.type === 'choice') return choiceControl(spec, onChange);
  if (kind.type === 'bool') return boolControl(spec, onChange);
  return numberControl(spec, onChange);
}

/** "Input dimension N": what it is, then its symbol as in the equations (if it has one). */
function header(spec, inputId) {
  return el('label', { for: inputId }, el('span', { class: 'what' }, spec.label), spec.symbol ? el('span', { class: 'symbol' }, ` ${spec.symbol}`) : null);
}

function helpAndError(spec) {
  const help = el('p', { class: 'help', id: `${spec.name}-help` }, spec.help);
  const error = el('p', { class: 'field-error', id: `${spec.name}-error`, role: 'alert', hidden: '' });
  return { help, error };
}

function numberControl(spec, onChange) {
  const k = spec.kind;
  const integer = k.type === 'int';
  const [min, max] = integer ? [k.min, k.max] : [k.range.min, k.range.max];
  const log = k.scale === 'log' && min > 0;
  const values = ladder(min, max, k.scale, integer, !integer && k.range.min_open);
  const { help, error } = helpAndError(spec);
  const number = el('input', {
    type: 'number',
    id: spec.name,
    name: spec.name,
    min: String(min),
    max: String(max),
    step: integer ? '1' : 'any',
    inputmode: integer ? 'numeric' : 'decimal',
    'aria-describedby': `${spec.name}-help ${spec.name}-error`,
  });
  const slider = el('input', {
    type: 'range',
    min: '0',
    max: String(values.length - 1),
    step: '1',
    'aria-label': `${spec.label}${spec.symbol ? ` ${spec.symbol}` : ''}${log ? ' (logarithmic slider)' : ''}`,
    'aria-describedby': `${spec.name}-help`,
  });
  const showOnSlider = (v) => {
    slider.value = String(nearest(values, v, log));
    slider.setAttribute('aria-valuetext', `${v}${spec.unit ? ` ${spec.unit}` : ''}`);
  };
  slider.addEventListener('input', () => {
    const v = values[Number(slider.value)];
    number.value = String(v);
    slider.setAttribute('aria-valuetext', number.value);
    onChange(spec.name, number.value, { live: true });
  });
  slider.addEventListener('change', () => onChange(spec.name, number.value, { live: false }));
  // Typed values are committed on Enter or when the field is left, and validated by the core.
  number.addEventListener('change', () => onChange(spec.name, number.value.trim(), { live: false }));
  const unit = spec.unit ? el('span', { class: 'unit' }, spec.unit) : null;
  const element = el(
    'div',
    { class: 'control', 'data-param': spec.name },
    el('div', { class: 'control-head' }, header(spec, spec.name), el('span', { class: 'value' }, number, unit)),
    slider,
    help,
    error,
  );
  return {
    element,
    name: spec.name,
    set(text) {
      number.value = text;
      const v = Number(text);
      if (Number.isFinite(v)) showOnSlider(v);
    },
    showError: (message) => showError(element, error, message),
  };
}

function choiceControl(spec, onChange) {
  const { help, error } = helpAndError(spec);
  const radios = spec.kind.options.map((o) => {
    const input = el('input', { type: 'radio', name: spec.name, value: o.value, id: `${spec.name}-${o.value}` });
    input.addEventListener('change', () => input.checked && onChange(spec.name, o.value, { live: false }));
    return { value: o.value, input, label: el('label', { class: 'choice', for: input.id }, input, ' ', o.label) };
  });
  const element = el(
    'fieldset',
    { class: 'control', id: spec.name, 'data-param': spec.name, 'aria-describedby': `${spec.name}-help ${spec.name}-error` },
    el('legend', {}, el('span', { class: 'what' }, spec.label), spec.symbol ? el('span', { class: 'symbol' }, ` ${spec.symbol}`) : null),
    el('div', { class: 'choices' }, ...radios.map((r) => r.label)),
    help,
    error,
  );
  return {
    element,
    name: spec.name,
    set(text) {
      for (const r of radios) r.input.checked = r.value === text;
    },
    showError: (message) => showError(element, error, message),
  };
}

function boolControl(spec, onChange) {
  const { help, error } = helpAndError(spec);
  const box = el('input', { type: 'checkbox', id: spec.name, name: spec.name, 'aria-describedby': `${spec.name}-help` });
  box.addEventListener('change', () => onChange(spec.name, box.checked ? '1' : '0', { live: false }));
  const element = el('div', { class: 'control', 'data-param': spec.name }, el('label', { class: 'choice', for: spec.name }, box, ' ', spec.label), help, error);
  return {
    element,
    name: spec.name,
    set(text) {
      box.checked = text === '1';
    },
    showError: (message) => showError(element, error, message),
  };
}

function showError(element, error, message) {
  error.textContent = message ?? '';
  error.hidden = !message;
  element.classList.toggle('invalid', Boolean(message));
}

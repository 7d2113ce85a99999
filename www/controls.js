// Controls built from a model's parameter specs. Every control's element id is the parameter's
// name, the same key as in links and on the command line. Values are exchanged as the texts of
// links; the core validates them.

import { el } from './dom.js';

const SLIDER_STEPS = 1000;

/** Round to `digits` significant digits, as a short decimal text. */
function nice(x, digits) {
  if (x === 0 || !Number.isFinite(x)) return String(x);
  return String(Number(x.toPrecision(digits)));
}

/** The map between a slider position (0..SLIDER_STEPS) and a value, linear or logarithmic. */
function sliderMap(min, max, scale, integer) {
  const log = scale === 'log' && min > 0;
  const toValue = (u) => {
    const t = u / SLIDER_STEPS;
    const v = log ? min * (max / min) ** t : min + (max - min) * t;
    // Log sliders snap to two significant digits, linear ones to three (or to whole numbers).
    const snapped = Number(nice(v, log ? 2 : 3));
    const clamped = Math.min(max, Math.max(min, snapped));
    return integer ? Math.round(clamped) : clamped;
  };
  const toSlider = (v) => {
    const t = log ? Math.log(v / min) / Math.log(max / min) : (v - min) / (max - min);
    return Math.round(Math.min(1, Math.max(0, t)) * SLIDER_STEPS);
  };
  return { toValue, toSlider };
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
  const map = sliderMap(min, max, k.scale, integer);
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
    max: String(SLIDER_STEPS),
    step: '1',
    'aria-label': `${spec.symbol}, ${spec.label} (slider${k.scale === 'log' ? ', logarithmic' : ''})`,
    'aria-describedby': `${spec.name}-help`,
  });
  slider.addEventListener('input', () => {
    const v = map.toValue(Number(slider.value));
    number.value = String(v);
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
      if (Number.isFinite(v)) slider.value = String(map.toSlider(v));
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

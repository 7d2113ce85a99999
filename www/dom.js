// A small helper for building DOM trees. Text is always set as text, never parsed as HTML.

/** el('p', {class: 'x'}, 'text', child, ...) */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** Parse a trusted MathML string (from the compiled-in model spec) into a node. The HTML parser
 * puts <math> in the MathML namespace; nothing from a link or a user ever reaches this. */
export function mathml(markup) {
  const math = new DOMParser().parseFromString(markup, 'text/html').body.firstElementChild;
  return math ? document.importNode(math, true) : el('code', {}, markup);
}

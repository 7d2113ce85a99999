// Replica on another site. One module script defines the element
//   <replica-model model="perceptron" params="rule=hebb&N=500" seed="7" controls="N,rule">
// and exports `mount(element, {model, params, seed, controls})` for pages that drive a model from
// their own script. Each embed has its own worker and its own shadow root (the site's stylesheet
// inside, the host page's styles outside), and never touches the host page's address. Every file
// (core, worker, stylesheet) is fetched relative to this module, so the site may sit on another
// origin (which must then send `Access-Control-Allow-Origin`) or under any path.

import { familyOf, loadCatalog, loadCore, unknownModel } from './core.js';
import { el } from './dom.js';
import { showModel, shownControls } from './page.js';
import { Runner } from './runner.js';

/** The full site, where "Open in Replica" and the links of finished runs lead. */
const SITE = new URL('../index.html', import.meta.url);
const fullLink = (link) => new URL(link, SITE).href;

let styles = null;

/** The site's stylesheet, fetched once and shared by the shadow roots of every embed. */
function stylesheet() {
  styles ??= fetch(new URL('./style.css', import.meta.url))
    .then((response) => {
      if (!response.ok) throw new Error(`the stylesheet could not be loaded (HTTP ${response.status})`);
      return response.text();
    })
    .then((text) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
      return sheet;
    });
  return styles;
}

/** `{model, params, seed}` as a link for the core to read; params as a query text or an object. */
function linkOf({ model = '', params = '', seed }) {
  const query = typeof params === 'string' ? params.replace(/^[?&]+/, '') : Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  const parts = [query, seed === undefined || seed === null || seed === '' ? '' : `seed=${encodeURIComponent(seed)}`].filter(Boolean);
  return `${model}?${parts.join('&')}`;
}

/** One embedded model in `host`'s shadow root: its page, its worker, and its script API. The events
 * 'progress' {progress, link}, 'finish' {fingerprint, link, seconds} and 'error' {message} are
 * dispatched on `host`, with the payload as `detail`. */
class Embed {
  #host;
  #shadow;
  #root = el('div', { class: 'embed' });
  #runner = new Runner();
  #page = null;
  #options = {};
  /** Calls (show and the API's) take effect one after another, in the order they were made. */
  #queue = Promise.resolve();
  /** Counts the calls of show() (and dispose()): only the latest one builds a page. */
  #generation = 0;

  constructor(host) {
    this.#host = host;
    this.#shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    this.#runner.addEventListener('frame', (e) => this.#emit('progress', { progress: e.detail.progress, link: this.link }));
    this.#runner.addEventListener('done', (e) => this.#emit('finish', { fingerprint: e.detail.fingerprint, link: this.link, seconds: e.detail.seconds }));
    this.#runner.addEventListener('error', (e) => this.#emit('error', { message: e.detail.message }));
    const embed = this;
    this.api = {
      /** Run from the start (or resume a paused run). */
      run: () => this.#when((page) => (this.#runner.state === 'paused' ? this.#runner.resume() : page.run())),
      pause: () => this.#when(() => this.#runner.pause()),
      /** Back to the parameters the embed was given, showing their theory; `run()` starts them. */
      reset: () => this.#enqueue(() => this.#show({ ...this.#options, autorun: false }, ++this.#generation)),
      /** Set parameters ({N: 1000, seed: 3}) and run; a value the core refuses rejects with its
       * message (also sent as an 'error' event) and changes nothing. Resolves with the new link. */
      set: (values) => this.#when((page) => this.#set(page, values)),
      /** Listen to 'progress', 'finish' or 'error'; `fn` gets the payload. Returns the unsubscribe. */
      on: (type, fn) => listen(host, type, fn),
      /** The full page's address of the current run. */
      get link() {
        return embed.link;
      },
    };
  }

  /** The full page's address of the current run. */
  get link() {
    return this.#page ? fullLink(this.#page.link) : null;
  }

  /** Show (again) the model of `options`; it runs at once unless `autorun` is false. */
  show(options) {
    this.#options = options;
    const generation = ++this.#generation;
    return this.#enqueue(() => this.#show(options, generation));
  }

  #enqueue(action) {
    const result = this.#queue.then(action);
    this.#queue = result.catch(() => {});
    return result;
  }

  async #show(options, generation) {
    this.#page?.dispose();
    this.#page = null;
    const [catalog, sheet] = await Promise.all([loadCatalog(), stylesheet()]);
    const link = linkOf(options);
    const family = familyOf(catalog, link);
    if (family) this.#runner.use(family);
    const core = family ? await loadCore(family) : null;
    if (generation !== this.#generation) return;
    this.#shadow.adoptedStyleSheets = [sheet];
    if (this.#root.parentNode !== this.#shadow) this.#shadow.replaceChildren(this.#root);
    const read = core ? core.readLink(link) : { error: unknownModel(catalog, link) };
    if (read.error) {
      const message = `This embed does not name a model Replica has: ${read.error}.`;
      this.#root.replaceChildren(el('div', { class: 'banner', role: 'alert' }, el('p', {}, message)));
      this.#emit('error', { message });
      throw new Error(message);
    }
    const spec = core.registry().models.find((m) => m.id === read.model);
    const shown = shownControls(options.controls);
    this.#page = showModel(this.#root, core, this.#runner, spec, read, { compact: true, shown, href: fullLink, autorun: options.autorun !== false });
    if (read.errors.length > 0) this.#emit('error', { message: read.errors.map((e) => e.message).join('; ') });
  }

  #set(page, values) {
    const texts = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? '1' : '0') : String(v)]));
    const checked = page.set(texts);
    if (checked.errors) {
      const message = checked.errors.map((e) => e.message).join('; ');
      this.#emit('error', { message, errors: checked.errors });
      throw new Error(message);
    }
    return fullLink(checked.link);
  }

  #when(action) {
    return this.#enqueue(() => {
      if (!this.#page) throw new Error('no model is shown');
      return action(this.#page);
    });
  }

  dispose() {
    this.#generation += 1;
    this.#page?.dispose();
    this.#page = null;
    this.#runner.close();
  }

  #emit(type, detail) {
    this.#host.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

function listen(target, type, fn) {
  const listener = (e) => fn(e.detail);
  target.addEventListener(type, listener);
  return () => target.removeEventListener(type, listener);
}

/** Show a model in `element` (which gets a shadow root), running it at once unless `autorun` is
 * false. `params` is a link's query (`rule=hebb&N=500`) or an object; `controls` lists the controls
 * to show (`N,rule`; `none`; absent: all). Resolves with `{run, pause, reset, set, on, link}`. */
export async function mount(element, options) {
  const embed = new Embed(element);
  await embed.show(options);
  return embed.api;
}

/** <replica-model model params seed controls>: shows its attributes, again whenever they change. */
class ReplicaModel extends HTMLElement {
  static observedAttributes = ['model', 'params', 'seed', 'controls'];
  #embed = null;

  connectedCallback() {
    this.#embed ??= new Embed(this);
    this.#show();
  }

  attributeChangedCallback() {
    if (this.#embed) this.#show();
  }

  disconnectedCallback() {
    this.#embed?.dispose();
    this.#embed = null;
  }

  #show() {
    const options = Object.fromEntries(ReplicaModel.observedAttributes.map((name) => [name, this.getAttribute(name) ?? undefined]));
    this.#embed.show(options).catch(() => {}); // the message is shown in the element and sent as an 'error' event
  }

  #api() {
    if (!this.#embed) throw new Error('the element is not on a page');
    return this.#embed.api;
  }

  run = () => this.#api().run();
  pause = () => this.#api().pause();
  reset = () => this.#api().reset();
  set = (values) => this.#api().set(values);
  on = (type, fn) => listen(this, type, fn);
  get link() {
    return this.#embed?.link ?? null;
  }
}

if (!customElements.get('replica-model')) customElements.define('replica-model', ReplicaModel);

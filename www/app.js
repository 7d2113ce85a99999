// The application: loads the catalogue, then shows the gallery (no route) or a model's page
// (#/model?…) with the core of the model's family, and follows the address when it is edited, or
// moved through history.
// `index.html?embed&controls=N,rule#/model?…` is the page for a frame on another site: compact,
// without the site's header and footer, with only the controls named (`controls=none`: none).

import { familyOf, loadCatalog, loadCore, unknownModel } from './core.js';
import { el } from './dom.js';
import { showGallery } from './gallery.js';
import { showModel, shownControls } from './page.js';
import { Runner } from './runner.js';
import { splitComparison } from './compare.js';

const root = document.getElementById('app');
const runner = new Runner();
let page = null;
const query = new URLSearchParams(location.search);
const embedded = query.has('embed');
if (embedded) document.documentElement.classList.add('embedded');

let routed = 0;

async function route(catalog) {
  if (page && location.hash === page.link) return; // our own history.replaceState
  const turn = (routed += 1);
  page?.dispose();
  page = null;
  const target = location.hash.replace(/^#\/?/, '');
  if (target === '') {
    showGallery(root, catalog);
    performance.mark('replica:routed');
    return;
  }
  const { link, versus } = splitComparison(location.hash);
  const family = familyOf(catalog, link);
  if (!family) {
    showGallery(root, catalog, `This link does not open a model: ${unknownModel(catalog, link)}.`);
    performance.mark('replica:routed');
    return;
  }
  runner.use(family);
  const core = await loadCore(family);
  if (turn !== routed) return; // the address moved on while the core loaded
  performance.mark('replica:core-ready');
  const read = core.readLink(link);
  if (read.error) {
    showGallery(root, catalog, `This link does not open a model: ${read.error}.`);
    performance.mark('replica:routed');
    return;
  }
  const spec = core.registry().models.find((m) => m.id === read.model);
  const options = { versus, onLink: (address) => history.replaceState(null, '', address) };
  if (embedded) Object.assign(options, { compact: true, shown: shownControls(query.get('controls')), href: (link) => new URL(`${location.pathname}${link}`, location.href).href });
  page = showModel(root, core, runner, spec, read, options);
  document.title = `${spec.title} · Replica`;
  performance.mark('replica:page-built');
  performance.mark('replica:routed');
  window.scrollTo(0, 0);
}

async function main() {
  try {
    const catalog = await loadCatalog();
    addEventListener('hashchange', () => route(catalog).catch(failed));
    await route(catalog);
  } catch (e) {
    failed(e);
  }
}

function failed(e) {
  root.replaceChildren(
    el('div', { class: 'banner', role: 'alert' }, el('p', {}, `Replica could not start: ${e.message}`), el('p', {}, 'It needs a browser with WebAssembly and module workers (any browser since 2023).')),
  );
}

main();

// A lab's website for the embedding tests: a tiny static server on its own port (so its own
// origin), serving tests/e2e/fixtures/lab/ with {{REPLICA}} replaced by the address of the site
// under test.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures/lab/', import.meta.url));

/** Serves the lab's pages, pointing at `replica` (an absolute URL with a trailing slash), and
 * `pages` ({name: html}) besides. Resolves with {url, close}. */
export function serveLab(replica, pages = {}) {
  const server = createServer(async (request, response) => {
    const name = new URL(request.url, 'http://lab').pathname.replace(/^\/+/, '') || 'index.html';
    if (!/^[\w-]+\.html$/.test(name)) {
      response.writeHead(404).end('not found');
      return;
    }
    try {
      const text = Object.hasOwn(pages, name) ? pages[name] : await readFile(FIXTURES + name, 'utf8');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(text.replaceAll('{{REPLICA}}', replica));
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => {
    // localhost, not 127.0.0.1: another host name, as well as another port, from the site under test.
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      const close = () => new Promise((done) => {
        server.closeAllConnections();
        server.close(done);
      });
      resolve({ url: `http://localhost:${port}/`, close });
    });
  });
}

// The built front end (directory-ui/dist): the server renderer Vite built from the Svelte pages,
// and the names of the hashed assets. Renders a page into a whole HTML document.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PageData, PageName } from '../../../directory-ui/src/lib/page-data.ts';
import { escapeHtml } from '../../../platform/html.ts';

export const DEFAULT_UI_DIST = path.resolve(import.meta.dirname, '../../../directory-ui/dist');

type Renderer = {
  renderPage(data: PageData): { head: string; body: string };
  INTERACTIVE: ReadonlySet<PageName>;
};
type Manifest = Record<string, { file: string; isEntry?: boolean; imports?: string[] }>;

export type Ui = {
  assetsDir: string;
  /** The whole document: `interactive` pages also get their script and their data. */
  render(data: PageData): string;
};

// JSON inside <script type="application/json">: nothing may close the element or open a comment.
function jsonForHtml(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

export async function loadUi(dist = DEFAULT_UI_DIST): Promise<Ui> {
  const manifestFile = path.join(dist, 'client', '.vite', 'manifest.json');
  const serverEntry = path.join(dist, 'server', 'entry-server.js');
  if (!fs.existsSync(manifestFile) || !fs.existsSync(serverEntry)) {
    throw new Error(`the front end is not built (${dist} is missing): run "npm run build:ui"`);
  }
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  const chunks = Object.values(manifest);
  const entry = chunks.find((chunk) => chunk.isEntry && chunk.file.endsWith('.js'));
  const styles = chunks.filter((chunk) => chunk.file.endsWith('.css')).map((chunk) => chunk.file);
  if (!entry) throw new Error(`the front end build has no entry script (${manifestFile})`);
  const preloads = (entry.imports ?? []).map((key) => manifest[key]?.file).filter((f): f is string => Boolean(f));
  const renderer = (await import(pathToFileURL(serverEntry).href)) as Renderer;

  const styleLinks = styles.map((file) => `<link rel="stylesheet" href="/${escapeHtml(file)}">`).join('');
  const scriptTags =
    `<script type="module" src="/${escapeHtml(entry.file)}"></script>` +
    preloads.map((file) => `<link rel="modulepreload" href="/${escapeHtml(file)}">`).join('');

  return {
    assetsDir: path.join(dist, 'client', 'assets'),
    render(data) {
      const { head, body } = renderer.renderPage(data);
      const interactive = renderer.INTERACTIVE.has(data.page);
      return (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">' +
        '<meta name="viewport" content="width=device-width, initial-scale=1">' +
        '<meta name="color-scheme" content="light">' +
        // No favicon request: one round trip less on every first visit.
        '<link rel="icon" href="data:,">' +
        styleLinks +
        (interactive
          ? `${scriptTags}<script type="application/json" id="page-data">${jsonForHtml(data)}</script>`
          : '') +
        `${head}</head><body><div id="app">${body}</div></body></html>`
      );
    },
  };
}

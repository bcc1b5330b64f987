// The server side of the front end, built by Vite (SSR) into dist/server/entry-server.js and
// imported by mes-services' server: each page rendered to HTML with Svelte's own renderer.
import { render } from 'svelte/server';
import type { Component } from 'svelte';
import type { PageData, PageName } from './lib/page-data.ts';
import { PAGES } from './pages.ts';

/** Pages that do something in the browser: only these load JavaScript, and are hydrated. */
export const INTERACTIVE: ReadonlySet<PageName> = new Set(['results', 'et-si']);

export function renderPage(data: PageData): { head: string; body: string } {
  const page = PAGES[data.page] as Component<{ data: PageData }>;
  const { head, body } = render(page, { props: { data } });
  return { head, body };
}

// The browser side: the stylesheet of every page, and the hydration of the pages that do
// something with JavaScript (search results, "Et si…"). Their data comes from the JSON block the
// server wrote next to the HTML it rendered; no inline script, so the CSP stays script-src 'self'.
import './app.css';
import { hydrate, type Component } from 'svelte';
import type { PageData } from './lib/page-data.ts';
import ResultsPage from './pages/ResultsPage.svelte';
import WhatIfPage from './pages/WhatIfPage.svelte';

const INTERACTIVE: Partial<Record<PageData['page'], Component<{ data: never }>>> = {
  results: ResultsPage,
  'et-si': WhatIfPage,
};

const source = document.getElementById('page-data');
const target = document.getElementById('app');
if (source && target) {
  const data = JSON.parse(source.textContent ?? '{}') as PageData;
  const page = INTERACTIVE[data.page] as Component<{ data: PageData }> | undefined;
  if (page) hydrate(page, { target, props: { data } });
}

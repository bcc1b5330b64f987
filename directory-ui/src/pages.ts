// Every page, by the name the server gives it.
import type { Component } from 'svelte';
import type { PageName } from './lib/page-data.ts';
import HomePage from './pages/HomePage.svelte';
import ResultsPage from './pages/ResultsPage.svelte';
import ServicePage from './pages/ServicePage.svelte';
import ForMePage from './pages/ForMePage.svelte';
import WhatIfPage from './pages/WhatIfPage.svelte';
import AboutMePage from './pages/AboutMePage.svelte';
import ErrorPage from './pages/ErrorPage.svelte';
import AccessibilityPage from './pages/AccessibilityPage.svelte';
import SiteMapPage from './pages/SiteMapPage.svelte';
import LegalNoticePage from './pages/LegalNoticePage.svelte';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const PAGES: Record<PageName, Component<any>> = {
  home: HomePage,
  results: ResultsPage,
  service: ServicePage,
  'pour-moi': ForMePage,
  'et-si': WhatIfPage,
  'mes-informations': AboutMePage,
  error: ErrorPage,
  accessibilite: AccessibilityPage,
  'plan-du-site': SiteMapPage,
  'mentions-legales': LegalNoticePage,
};

// What the server hands each page: the contract between mes-services' server (directory/src/web/)
// and its Svelte pages. The same object is rendered on the server and, for the pages that need
// JavaScript, embedded as JSON for hydration.
import type { Service } from '../../../directory/src/catalogue/model.ts';

export type ServiceSummary = Pick<
  Service,
  'id' | 'title' | 'description' | 'authority' | 'thematics' | 'audiences' | 'zone' | 'cost' | 'amount'
>;
/** A service as its page shows it: no rule tree (explained in `conditions`), no publication flag. */
export type ServiceDetail = Omit<Service, 'eligibility' | 'published'>;

export type ReasonStatus = 'true' | 'false' | 'unknown';
export type Reason = { status: ReasonStatus; text: string; children?: Reason[] };
export type MatchStatus = 'eligible' | 'ineligible' | 'unknown';
export type Missing = { claim: string; scope: string };
export type Match = { service: ServiceSummary; status: MatchStatus; missing: Missing[]; reasons: Reason[] };

export type CommuneOption = { code: string; name: string; postalCodes: string[]; departement: string };

export type SearchFilters = {
  q: string;
  thematique: string;
  niveau: string;
  commune?: CommuneOption;
  page: number;
};
export type SearchResults = { total: number; page: number; perPage: number; items: ServiceSummary[] };

/** What the header needs to know about the visitor. */
export type Viewer = { authenticated: boolean };

type Common = { viewer: Viewer; path: string };

export type HomeData = Common & {
  page: 'home';
  total: number;
  thematics: { id: string; label: string; count: number }[];
};

export type ResultsData = Common & {
  page: 'results';
  filters: SearchFilters;
  results: SearchResults;
  /** A place typed without JavaScript that named no single commune. */
  lieu?: { query: string; choices: { commune: CommuneOption; href: string }[] };
};

export type ServiceData = Common & {
  page: 'service';
  service: ServiceDetail;
  /** Who may use it, in French: the zone and the audiences. */
  zone: string;
  /** The conditions, in general terms (no profile). */
  conditions: Reason[];
  /** Who to ask, after « auprès »: "de la Communauté d’agglomération …", "de Brest". */
  authorityWithDe: string;
  /** The logged-in citizen's own result. */
  personal?: { status: MatchStatus; missing: Missing[]; reasons: Reason[] };
};

export type ForMeData = Common & {
  page: 'pour-moi';
  /** Undefined when nobody is logged in. */
  matches?: Match[];
  communeName?: string;
  /** Families of attributes not shared yet, worth sharing for at least one result. */
  notShared: string[];
};

export type WhatIfValues = {
  age: string;
  lieu: string;
  commune: string;
  activity: string;
  study_level: string;
  boursier: string;
  quotient_familial: string;
  household_size: string;
  disability_rate: string;
};
export type WhatIfData = Common & {
  page: 'et-si';
  values: WhatIfValues;
  communeOption?: CommuneOption;
  errors: Partial<Record<keyof WhatIfValues, string>>;
  matches?: Match[];
};

export type AboutMeData = Common & {
  page: 'mes-informations';
  /** What mes-services received, labelled in French; undefined when nobody is logged in. */
  facts?: { label: string; value: string }[];
  /** What it did not receive, claim by claim, with the family that would release each. */
  notShared: NotShared[];
  accountUrl: string;
};

export type ErrorData = Common & { page: 'error'; status: number; title: string; message: string };

/** The accessibility statement; mon-compte.bzh, a site of its own, has its own statement. */
export type AccessibilityData = Common & { page: 'accessibilite'; monCompteUrl: string };
export type SiteMapData = Common & { page: 'plan-du-site'; thematics: { id: string; label: string }[] };
export type LegalNoticeData = Common & { page: 'mentions-legales' };

export type PageData =
  | HomeData
  | ResultsData
  | ServiceData
  | ForMeData
  | WhatIfData
  | AboutMeData
  | ErrorData
  | AccessibilityData
  | SiteMapData
  | LegalNoticeData;
export type PageName = PageData['page'];

/** Claims of one family that mes-services did not receive. */
export type NotShared = { scope: string; claims: string[] };

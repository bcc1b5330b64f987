// The demo catalogue of mes-services: services written by the project, realistic for Brittany, at
// every level, seeded on first start. One file per level under demo-catalogue/, so that each stays
// readable; the order here (commune → EPCI → département → région) is the order of the seed.
import type { Service } from './model.ts';
import { communeServices } from './demo-catalogue/communes.ts';
import { epciServices } from './demo-catalogue/epci.ts';
import { departementServices } from './demo-catalogue/departements.ts';
import { regionServices } from './demo-catalogue/region.ts';

export const demoCatalogue: Service[] = [
  ...communeServices,
  ...epciServices,
  ...departementServices,
  ...regionServices,
];

// One service around one condition, evaluated with explanations on a fixed day: what the
// eligibility tests check rule by rule.
import type { Authority, Claims, Condition, Service, Zone } from '../../directory/src/catalogue/model.ts';
import { compileService, evaluate, type MatchResult } from '../../directory/src/eligibility/index.ts';

export const today = new Date('2026-11-28T12:00:00+01:00');
export const REGION: Authority = { name: 'Région Bretagne', level: 'region', code: '53' };

export function service(eligibility: Condition | null, zone: Zone = { type: 'france' }, authority = REGION): Service {
  return {
    id: 'test-service',
    title: 'Service de test',
    description: '',
    authority,
    zone,
    thematics: [],
    audiences: [],
    channels: [],
    eligibility,
    notes: [],
    source: { name: 'test' },
    updatedAt: '2026-11-28',
    published: true,
  };
}

export const run = (condition: Condition | null, claims: Claims, zone?: Zone, authority?: Authority): MatchResult =>
  evaluate(compileService(service(condition, zone, authority)), claims, { today, explain: true });

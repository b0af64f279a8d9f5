/**
 * Incident facts for tests: an incident with nothing special about it (no personal data, not ongoing, outside NIS2,
 * no money lost, no extortion) unless the test says otherwise. Tests name only the facts they are about.
 */
import type { FactsInput } from '../../src/core/incidents/triage.ts';

export function incidentFacts(overrides: Partial<FactsInput> = {}): FactsInput {
  return {
    category: 'other',
    awareAt: new Date().toISOString(),
    ongoing: false,
    personalData: 'no',
    specialCategoryData: false,
    dataEncrypted: false,
    gdprRole: 'controller',
    nis2: 'out_of_scope',
    moneyLost: false,
    cardDataExposed: false,
    extortion: false,
    insured: false,
    ...overrides,
  };
}

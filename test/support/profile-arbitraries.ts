/** The assessment profile's fields as fast-check arbitraries, for the property tests of the engine and the quick scan. */
import fc from 'fast-check';
import { EMAIL_PROVIDERS, PERSONAL_DATA_KINDS } from '../../src/core/company-profile.ts';

/** Every required field of AssessmentProfile, in the interface's order (fc.record generates in key order). */
export function profileFields(sector: fc.Arbitrary<string>, employees: fc.Arbitrary<number>) {
  return {
    sector,
    employees,
    website: fc.boolean(),
    webshop: fc.boolean(),
    email: fc.constantFrom(...EMAIL_PROVIDERS),
    cardPayments: fc.boolean(),
    personalData: fc.constantFrom(...PERSONAL_DATA_KINDS),
    remoteWork: fc.boolean(),
    itProvider: fc.boolean(),
  };
}

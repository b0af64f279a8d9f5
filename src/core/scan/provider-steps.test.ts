import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_IDS } from './registry.ts';
import { providerStep, validateProviderSteps } from './provider-steps.ts';

describe('provider steps', () => {
  const steps = validateProviderSteps(JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../content/scan/provider-steps.json'), 'utf8')));
  it('cover known checks only, in four languages', () => {
    for (const id of Object.keys(steps)) expect(CHECK_IDS as readonly string[]).toContain(id);
    expect(providerStep(steps, 'mail.dkim', 'microsoft365', 'nl')).toContain('Defender');
    expect(providerStep(steps, 'mail.dkim', 'google', 'fr')).toContain('google._domainkey');
    expect(providerStep(steps, 'mail.dkim', 'ovh', 'en')).toBeUndefined();
    expect(providerStep(steps, 'mail.dkim', undefined, 'en')).toBeUndefined();
  });
});

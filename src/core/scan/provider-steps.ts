/** Provider-specific steps appended to a finding's fix, when the provider behind the domain is recognised. */
import { z } from 'zod';
import { PROVIDER_IDS } from './providers.ts';

const Lang = z.object({ nl: z.string().min(5), fr: z.string().min(5), de: z.string().min(5), en: z.string().min(5) }).strict();
export const ProviderStepsSchema = z.record(z.string().regex(/^[a-z]+\.[a-z_]+$/), z.partialRecord(z.enum(PROVIDER_IDS), Lang));
export type ProviderSteps = z.infer<typeof ProviderStepsSchema>;

export function validateProviderSteps(data: unknown): ProviderSteps {
  return ProviderStepsSchema.parse(data);
}

export function providerStep(steps: ProviderSteps, checkId: string, provider: unknown, lang: 'nl' | 'fr' | 'de' | 'en'): string | undefined {
  if (typeof provider !== 'string') return undefined;
  return (steps[checkId] as Record<string, Record<string, string>> | undefined)?.[provider]?.[lang];
}

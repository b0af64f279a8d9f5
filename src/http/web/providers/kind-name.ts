/** The name of a certification kind as pages show it: the scheme's proper name, a translated name, or the provider's own. */
import { KIND_PROPER_NAMES, type CertificationKind } from '../../../core/providers/certifications.ts';
import type { MessageKey, T } from '../../../i18n/index.ts';

export function kindName(t: T, kind: CertificationKind, label: string | null = null): string {
  if (kind === 'other' && label) return label;
  return KIND_PROPER_NAMES[kind] ?? t(`provider.cert.kind.${kind}` as MessageKey);
}

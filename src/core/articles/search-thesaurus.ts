/**
 * Words owners type for what the articles call otherwise. The articles follow the glossary (docs/glossary.md: one
 * term per concept, e.g. nl "aanmelden in twee stappen"), but a visitor searches with the words the glossary asks us
 * not to write ("tweestapsverificatie", "2FA", "Sicherungskopie"). When an article contains one phrase of a group,
 * every phrase of the group is indexed with it as hidden keywords, on both engines, so each phrase finds it.
 * Pure data and a pure function; review with the glossary (next review 2027-06-05).
 */
import type { Locale } from '../locale.ts';
import { stems } from './search-text.ts';

export const THESAURUS: Record<Locale, readonly (readonly string[])[]> = {
  nl: [
    ['aanmelden in twee stappen', 'tweestapsverificatie', 'tweestapsaanmelding', 'verificatie in twee stappen', 'tweefactorauthenticatie', 'twee factor authenticatie', '2FA', 'MFA'],
    ['back-up', 'backup', 'reservekopie', 'veiligheidskopie'],
    ['wachtwoordbeheerder', 'wachtwoordmanager', 'password manager'],
    ['IT-leverancier', 'IT-partner', 'IT-dienstverlener', 'informaticus'],
    ['AVG', 'GDPR', 'privacywet'],
    ['datalek', 'gegevenslek'],
    ['thuiswerken', 'thuiswerk', 'telewerk', 'telewerken'],
    ['ransomware', 'gijzelsoftware'],
  ],
  fr: [
    ['connexion en deux étapes', 'validation en deux étapes', 'vérification en deux étapes', 'double authentification', 'authentification à deux facteurs', '2FA', 'MFA'],
    ['sauvegarde', 'backup', 'copie de secours'],
    ['gestionnaire de mots de passe', 'password manager'],
    ['prestataire informatique', 'prestataire IT', 'fournisseur informatique', 'informaticien'],
    ['RGPD', 'GDPR'],
    ['fuite de données', 'violation de données'],
    ['rançongiciel', 'ransomware'],
    ['phishing', 'hameçonnage'],
    ['télétravail', 'télétravailler', 'travail à distance', 'travail à domicile'],
  ],
  de: [
    ['Anmeldung in zwei Schritten', 'Zwei-Faktor-Authentifizierung', 'Zwei-Schritt-Verifizierung', 'Zwei-Faktor', '2FA', 'MFA'],
    ['Sicherung', 'Sicherungskopie', 'Datensicherung', 'Backup'],
    ['Passwort-Manager', 'Passwortmanager', 'Kennwortmanager'],
    ['IT-Dienstleister', 'IT-Partner', 'IT-Anbieter'],
    ['DSGVO', 'GDPR', 'Datenschutz-Grundverordnung'],
    ['Datenleck', 'Datenpanne'],
    ['zu Hause arbeiten', 'Homeoffice', 'Telearbeit', 'Heimarbeit'],
  ],
  en: [
    ['two-step login', 'two-factor authentication', 'two-step verification', 'multi-factor authentication', '2FA', 'MFA'],
    ['backup', 'back-up', 'backup copy'],
    ['IT provider', 'IT partner', 'IT service provider', 'IT support'],
    ['GDPR', 'data protection law'],
    ['data breach', 'data leak'],
    ['remote working', 'working from home', 'home office', 'telework'],
  ],
};

function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** The thesaurus phrases to index with a text: every phrase of each group one of whose phrases the text contains. */
export function thesaurusKeywords(text: string, lang: Locale): string[] {
  const textStems = stems(text, lang);
  return THESAURUS[lang].filter((group) => group.some((phrase) => containsRun(textStems, stems(phrase, lang)))).flat();
}

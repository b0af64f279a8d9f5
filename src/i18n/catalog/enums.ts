import { defineMessages } from '../define.ts';

/** Names of the fixed choices: e-mail providers, languages, personal data, regions, roles, API scopes, size classes. */
export const enums = defineMessages({
  'email_provider.microsoft365': {
    nl: 'Microsoft 365 (Outlook)',
    fr: 'Microsoft 365 (Outlook)',
    de: 'Microsoft 365 (Outlook)',
    en: 'Microsoft 365 (Outlook)',
  },
  'email_provider.google': {
    nl: 'Google Workspace (Gmail)',
    fr: 'Google Workspace (Gmail)',
    de: 'Google Workspace (Gmail)',
    en: 'Google Workspace (Gmail)',
  },
  'email_provider.other': { nl: 'Een andere aanbieder', fr: 'Un autre fournisseur', de: 'Ein anderer Anbieter', en: 'Another provider' },
  'email_provider.none': {
    nl: 'We gebruiken geen e-mail voor het bedrijf',
    fr: 'Nous n’utilisons pas d’e-mail pour l’entreprise',
    de: 'Wir nutzen keine E-Mail für das Unternehmen',
    en: 'We do not use company e-mail',
  },

  // Each language's name, written in the language of the page.
  'language.nl': { nl: 'Nederlands', fr: 'néerlandais', de: 'Niederländisch', en: 'Dutch' },
  'language.fr': { nl: 'Frans', fr: 'français', de: 'Französisch', en: 'French' },
  'language.de': { nl: 'Duits', fr: 'allemand', de: 'Deutsch', en: 'German' },
  'language.en': { nl: 'Engels', fr: 'anglais', de: 'Englisch', en: 'English' },

  'personal_data.none': { nl: 'Geen', fr: 'Aucune', de: 'Keine', en: 'None' },
  'personal_data.none.hint': {
    nl: 'Je bewaart geen namen, adressen of andere gegevens over personen.',
    fr: 'Vous ne conservez ni noms, ni adresses, ni autres données sur des personnes.',
    de: 'Sie speichern keine Namen, Adressen oder anderen Daten über Personen.',
    en: 'You keep no names, addresses or other data about people.',
  },
  'personal_data.basic': { nl: 'Gewone gegevens', fr: 'Données courantes', de: 'Gewöhnliche Daten', en: 'Basic data' },
  'personal_data.basic.hint': {
    nl: 'Bijvoorbeeld namen, adressen, telefoonnummers of e-mailadressen van klanten of medewerkers.',
    fr: 'Par exemple les noms, adresses, numéros de téléphone ou adresses e-mail de clients ou de membres du personnel.',
    de: 'Zum Beispiel Namen, Adressen, Telefonnummern oder E-Mail-Adressen von Kunden oder Mitarbeitern.',
    en: 'For example names, addresses, phone numbers or e-mail addresses of customers or staff.',
  },
  'personal_data.sensitive': { nl: 'Gevoelige gegevens', fr: 'Données sensibles', de: 'Sensible Daten', en: 'Sensitive data' },
  'personal_data.sensitive.hint': {
    nl: 'Bijvoorbeeld gegevens over gezondheid, geld of bankrekeningen, rijksregisternummers of gegevens over kinderen.',
    fr: 'Par exemple des données de santé, financières ou bancaires, des numéros de registre national ou des données sur des enfants.',
    de: 'Zum Beispiel Gesundheitsdaten, Finanz- oder Bankdaten, Nationalregisternummern oder Daten über Kinder.',
    en: 'For example health data, financial or bank details, national register numbers or data about children.',
  },

  'region.brussels': {
    nl: 'Brussels Hoofdstedelijk Gewest',
    fr: 'Région de Bruxelles-Capitale',
    de: 'Region Brüssel-Hauptstadt',
    en: 'Brussels-Capital Region',
  },
  'region.flanders': { nl: 'Vlaanderen', fr: 'Flandre', de: 'Flandern', en: 'Flanders' },
  'region.wallonia': { nl: 'Wallonië', fr: 'Wallonie', de: 'Wallonie', en: 'Wallonia' },
  'region.other': { nl: 'Buiten België', fr: 'Hors de Belgique', de: 'Außerhalb Belgiens', en: 'Outside Belgium' },

  // Lower case: role names also appear inside sentences.
  'role.owner': { nl: 'eigenaar', fr: 'propriétaire', de: 'Inhaber', en: 'owner' },
  'role.admin': { nl: 'beheerder', fr: 'administrateur', de: 'Administrator', en: 'admin' },
  'role.member': { nl: 'lid', fr: 'membre', de: 'Mitglied', en: 'member' },

  // Shown after the scope code: "companies:read — read the companies you belong to".
  'scope.profile:read': {
    nl: 'je accountgegevens lezen (naam, e-mailadres)',
    fr: 'lire les données de votre compte (nom, adresse e-mail)',
    de: 'Ihre Kontodaten lesen (Name, E-Mail-Adresse)',
    en: 'read your account details (name, e-mail address)',
  },
  'scope.companies:read': {
    nl: 'de bedrijven lezen waar je bij hoort',
    fr: 'lire les entreprises dont vous faites partie',
    de: 'die Unternehmen lesen, zu denen Sie gehören',
    en: 'read the companies you belong to',
  },
  'scope.companies:write': {
    nl: 'het profiel aanpassen van bedrijven waar je eigenaar of beheerder bent',
    fr: 'modifier le profil des entreprises dont vous êtes propriétaire ou administrateur',
    de: 'das Profil der Unternehmen ändern, in denen Sie Inhaber oder Administrator sind',
    en: 'change the profile of companies where you are owner or admin',
  },

  // EU SME size classes by headcount; shown in brackets after the number of employees.
  'size.self_employed': {
    nl: 'zelfstandige zonder personeel',
    fr: 'indépendant sans personnel',
    de: 'selbstständig, ohne Personal',
    en: 'self-employed, no staff',
  },
  'size.micro': {
    nl: 'micro-onderneming: minder dan 10 mensen',
    fr: 'micro-entreprise\u00a0: moins de 10 personnes',
    de: 'Kleinstunternehmen: weniger als 10 Personen',
    en: 'micro business: fewer than 10 people',
  },
  'size.small': {
    nl: 'kleine onderneming: 10 tot 49 mensen',
    fr: 'petite entreprise\u00a0: 10 à 49 personnes',
    de: 'kleines Unternehmen: 10 bis 49 Personen',
    en: 'small business: 10 to 49 people',
  },
  'size.medium': {
    nl: 'middelgrote onderneming: 50 tot 249 mensen',
    fr: 'moyenne entreprise\u00a0: 50 à 249 personnes',
    de: 'mittleres Unternehmen: 50 bis 249 Personen',
    en: 'medium-sized business: 50 to 249 people',
  },
  'size.large': {
    nl: 'grote onderneming: 250 mensen of meer',
    fr: 'grande entreprise\u00a0: 250 personnes ou plus',
    de: 'großes Unternehmen: 250 Personen oder mehr',
    en: 'large business: 250 people or more',
  },
});

import { defineMessages } from '../define.ts';

/** Knowledge hub: the article list, search and article pages (issue 12). */
export const hub = defineMessages({
  'nav.articles': { nl: 'Uitleg en tips', fr: 'Guides pratiques', de: 'Ratgeber', en: 'Guides' },
  'hub.title': {
    nl: 'Uitleg en tips voor je zaak',
    fr: 'Guides pratiques pour votre entreprise',
    de: 'Ratgeber für Ihr Unternehmen',
    en: 'Guides for your business',
  },
  'hub.lead': {
    nl: 'Korte uitleg in gewone taal: waarom een maatregel telt, een voorbeeld uit een Belgische zaak en wat je zelf kunt doen.',
    fr: 'Des explications courtes et simples\u00a0: pourquoi une mesure compte, un exemple d’une entreprise belge et ce que vous pouvez faire vous-même.',
    de: 'Kurze Erklärungen in einfacher Sprache: warum eine Maßnahme zählt, ein Beispiel aus einem belgischen Betrieb und was Sie selbst tun können.',
    en: 'Short explanations in plain language: why a measure matters, an example from a Belgian business and what you can do yourself.',
  },
  'hub.search.label': { nl: 'Zoek in de uitleg', fr: 'Rechercher dans les guides', de: 'Im Ratgeber suchen', en: 'Search the guides' },
  'hub.search.hint': {
    nl: 'Bijvoorbeeld: back-up, wachtwoord, phishing',
    fr: 'Par exemple\u00a0: sauvegarde, mot de passe, phishing',
    de: 'Zum Beispiel: Sicherung, Passwort, Phishing',
    en: 'For example: backup, password, phishing',
  },
  'hub.search.button': { nl: 'Zoeken', fr: 'Rechercher', de: 'Suchen', en: 'Search' },
  'hub.results.heading': {
    nl: 'Resultaten voor “{query}”: {count}',
    fr: 'Résultats pour «\u00a0{query}\u00a0»\u00a0: {count}',
    de: 'Ergebnisse für „{query}“: {count}',
    en: 'Results for “{query}”: {count}',
  },
  'hub.results.none': {
    nl: 'We vonden geen uitleg voor “{query}”.',
    fr: 'Nous n’avons trouvé aucun guide pour «\u00a0{query}\u00a0».',
    de: 'Wir haben keinen Ratgeber zu „{query}“ gefunden.',
    en: 'We found no guide for “{query}”.',
  },
  'hub.results.suggestions': {
    nl: 'Probeer een ander of korter woord, kijk de spelling na of kies hieronder een onderwerp.',
    fr: 'Essayez un autre mot ou un mot plus court, vérifiez l’orthographe ou choisissez un sujet ci-dessous.',
    de: 'Versuchen Sie ein anderes oder kürzeres Wort, prüfen Sie die Schreibweise oder wählen Sie unten ein Thema.',
    en: 'Try another or a shorter word, check the spelling, or pick a subject below.',
  },
  'hub.results.all': { nl: 'Alle uitleg tonen', fr: 'Afficher tous les guides', de: 'Alle Ratgeber anzeigen', en: 'Show all guides' },
  'hub.error.too_long': {
    nl: 'Je zoekopdracht is te lang. Gebruik hoogstens {max} tekens.',
    fr: 'Votre recherche est trop longue. Utilisez au maximum {max} caractères.',
    de: 'Ihre Suche ist zu lang. Verwenden Sie höchstens {max} Zeichen.',
    en: 'Your search is too long. Use at most {max} characters.',
  },
  'hub.guides': { nl: 'Gidsen', fr: 'Guides', de: 'Leitfäden', en: 'Guides' },
  'hub.reviewed': { nl: 'Nagekeken op {date}', fr: 'Vérifié le {date}', de: 'Geprüft am {date}', en: 'Reviewed on {date}' },
  'hub.steps': { nl: 'Wat je kunt doen', fr: 'Ce que vous pouvez faire', de: 'Was Sie tun können', en: 'What you can do' },
  'hub.sources': { nl: 'Bronnen', fr: 'Sources', de: 'Quellen', en: 'Sources' },
  'hub.related': { nl: 'Meer over dezelfde risico’s', fr: 'Sur les mêmes risques', de: 'Mehr zu denselben Risiken', en: 'More on the same risks' },
  'hub.control.heading': { nl: 'In de zelftest', fr: 'Dans l’auto-évaluation', de: 'Im Selbsttest', en: 'In the self-assessment' },
  'hub.control.question': {
    nl: 'Deze uitleg hoort bij de vraag “{question}”',
    fr: 'Ce guide correspond à la question «\u00a0{question}\u00a0»',
    de: 'Dieser Ratgeber gehört zur Frage „{question}“',
    en: 'This guide belongs to the question “{question}”',
  },
  'hub.control.quick': { nl: 'Beantwoord ze in de snelle scan', fr: 'Répondez-y dans le scan rapide', de: 'Beantworten Sie sie im Schnellcheck', en: 'Answer it in the quick scan' },
  'hub.control.full': {
    nl: 'Beantwoord ze in de volledige zelftest',
    fr: 'Répondez-y dans l’auto-évaluation complète',
    de: 'Beantworten Sie sie im vollständigen Selbsttest',
    en: 'Answer it in the full self-assessment',
  },
  'hub.back': { nl: 'Alle uitleg', fr: 'Tous les guides', de: 'Alle Ratgeber', en: 'All guides' },
  'plan.read_more': {
    nl: 'Meer uitleg over deze maatregel',
    fr: 'En savoir plus sur cette mesure',
    de: 'Mehr zu dieser Maßnahme',
    en: 'More about this measure',
  },
});

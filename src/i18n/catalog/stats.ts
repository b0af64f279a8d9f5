import { defineMessages } from '../define.ts';

/** Figures (issue 11): the company's statistics consent and "compare with similar companies". */
export const stats = defineMessages({
  'stats_consent.heading': { nl: 'Anonieme cijfers', fr: 'Chiffres anonymes', de: 'Anonyme Zahlen', en: 'Anonymous figures' },
  'stats_consent.explain': {
    nl: 'Schild maakt anonieme cijfers over cyberveiligheid bij Belgische kleine bedrijven: welke maatregelen bedrijven nemen en wat hen overkomt, per sector, grootte en regio. Jouw bedrijf telt mee met zijn sector, grootte, regio, de scores en antwoorden van de vragenlijst, en de incidenten die je liet meetellen. Niemand ziet de antwoorden van jouw bedrijf zelf. Een cijfer van minder dan 10 bedrijven tonen we nooit.',
    fr: 'Schild établit des chiffres anonymes sur la cybersécurité des petites entreprises belges\u00a0: les mesures qu’elles prennent et ce qui leur arrive, par secteur, taille et région. Votre entreprise y compte avec son secteur, sa taille, sa région, les scores et réponses du questionnaire, et les incidents que vous avez accepté de compter. Personne ne voit les réponses de votre entreprise. Un chiffre de moins de 10 entreprises n’est jamais montré.',
    de: 'Schild erstellt anonyme Zahlen zur Cybersicherheit belgischer Kleinunternehmen: welche Maßnahmen sie treffen und was ihnen passiert, nach Branche, Größe und Region. Ihr Unternehmen zählt mit seiner Branche, Größe, Region, den Ergebnissen und Antworten des Fragebogens und den Vorfällen, die Sie mitzählen lassen. Niemand sieht die Antworten Ihres Unternehmens selbst. Eine Zahl aus weniger als 10 Unternehmen zeigen wir nie.',
    en: 'Schild makes anonymous figures about cyber safety in Belgian small businesses: which measures companies take and what happens to them, by sector, size and region. Your company counts with its sector, size, region, the scores and answers of the questionnaire, and the incidents you let count. Nobody sees your own company’s answers. A figure from fewer than 10 companies is never shown.',
  },
  'stats_consent.on': { nl: 'Jouw bedrijf telt mee in de anonieme cijfers.', fr: 'Votre entreprise compte dans les chiffres anonymes.', de: 'Ihr Unternehmen zählt in den anonymen Zahlen mit.', en: 'Your company counts in the anonymous figures.' },
  'stats_consent.off': { nl: 'Jouw bedrijf telt niet mee in de anonieme cijfers.', fr: 'Votre entreprise ne compte pas dans les chiffres anonymes.', de: 'Ihr Unternehmen zählt nicht in den anonymen Zahlen mit.', en: 'Your company does not count in the anonymous figures.' },
  'stats_consent.withdraw_note': {
    nl: 'Stop je, dan verdwijnt jouw bedrijf uit alle cijfers bij de volgende bijwerking, binnen {hours} uur.',
    fr: 'Si vous arrêtez, votre entreprise disparaît de tous les chiffres à la prochaine mise à jour, dans les {hours} heures.',
    de: 'Wenn Sie aufhören, verschwindet Ihr Unternehmen bei der nächsten Aktualisierung aus allen Zahlen, innerhalb von {hours} Stunden.',
    en: 'If you stop, your company leaves every figure at the next update, within {hours} hours.',
  },
  'stats_consent.join_label': {
    nl: 'Mijn bedrijf mag meetellen in de anonieme cijfers (je kan dit later altijd veranderen)',
    fr: 'Mon entreprise peut compter dans les chiffres anonymes (vous pouvez toujours changer d’avis plus tard)',
    de: 'Mein Unternehmen darf in den anonymen Zahlen mitzählen (Sie können das später jederzeit ändern)',
    en: 'My company may count in the anonymous figures (you can always change this later)',
  },
  'stats_consent.stop': { nl: 'Mijn bedrijf niet meer meetellen', fr: 'Ne plus compter mon entreprise', de: 'Mein Unternehmen nicht mehr mitzählen', en: 'Stop counting my company' },
  'stats_consent.start': { nl: 'Mijn bedrijf weer meetellen', fr: 'Compter à nouveau mon entreprise', de: 'Mein Unternehmen wieder mitzählen', en: 'Count my company again' },
  'notice.stats_consent_on': {
    nl: 'Jouw bedrijf telt weer mee in de anonieme cijfers vanaf de volgende bijwerking.',
    fr: 'Votre entreprise comptera à nouveau dans les chiffres anonymes dès la prochaine mise à jour.',
    de: 'Ihr Unternehmen zählt ab der nächsten Aktualisierung wieder in den anonymen Zahlen mit.',
    en: 'Your company counts in the anonymous figures again from the next update.',
  },
  'notice.stats_consent_off': {
    nl: 'Jouw bedrijf telt niet meer mee. Bij de volgende bijwerking verdwijnt het uit alle cijfers.',
    fr: 'Votre entreprise ne compte plus. Elle disparaît de tous les chiffres à la prochaine mise à jour.',
    de: 'Ihr Unternehmen zählt nicht mehr mit. Bei der nächsten Aktualisierung verschwindet es aus allen Zahlen.',
    en: 'Your company no longer counts. It leaves every figure at the next update.',
  },

  'peers.heading': { nl: 'Vergeleken met gelijkaardige bedrijven', fr: 'Comparé à des entreprises semblables', de: 'Im Vergleich mit ähnlichen Unternehmen', en: 'Compared with similar companies' },
  'peers.intro': {
    nl: 'Bedrijven uit dezelfde sector ({sector}) en van dezelfde grootte ({size}): {companies} bedrijven met een afgewerkte vragenlijst. De streep is het midden van de groep (de mediaan). De helft van de bedrijven scoort binnen het grijze vak.',
    fr: 'Entreprises du même secteur ({sector}) et de la même taille ({size})\u00a0: {companies} entreprises ayant terminé le questionnaire. Le trait est le milieu du groupe (la médiane). La moitié des entreprises ont un score dans la zone grise.',
    de: 'Unternehmen derselben Branche ({sector}) und Größe ({size}): {companies} Unternehmen mit abgeschlossenem Fragebogen. Der Strich ist die Mitte der Gruppe (der Median). Die Hälfte der Unternehmen liegt im grauen Feld.',
    en: 'Companies of the same sector ({sector}) and size ({size}): {companies} companies with a finished questionnaire. The line is the middle of the group (the median). Half of the companies score within the grey box.',
  },
  'peers.chart': { nl: 'Jouw score en die van gelijkaardige bedrijven (0–100)', fr: 'Votre score et celui d’entreprises semblables (0–100)', de: 'Ihr Ergebnis und das ähnlicher Unternehmen (0–100)', en: 'Your score and that of similar companies (0–100)' },
  'peers.table': { nl: 'Dezelfde cijfers als tabel', fr: 'Les mêmes chiffres en tableau', de: 'Dieselben Zahlen als Tabelle', en: 'The same figures as a table' },
  'peers.col.figure': { nl: 'Onderdeel', fr: 'Partie', de: 'Bereich', en: 'Part' },
  'peers.col.you': { nl: 'Jouw score', fr: 'Votre score', de: 'Ihr Ergebnis', en: 'Your score' },
  'peers.col.median': { nl: 'Midden van de groep', fr: 'Milieu du groupe', de: 'Mitte der Gruppe', en: 'Middle of the group' },
  'peers.col.middle': { nl: 'De helft van de groep scoort tussen', fr: 'La moitié du groupe se situe entre', de: 'Die Hälfte der Gruppe liegt zwischen', en: 'Half of the group scores between' },
  'peers.range': { nl: '{low} en {high}', fr: '{low} et {high}', de: '{low} und {high}', en: '{low} and {high}' },
  'peers.legend': {
    nl: 'Groene stip: jouw score. Grijs vak: de middelste helft van de groep. Zwarte streep: het midden.',
    fr: 'Point vert\u00a0: votre score. Zone grise\u00a0: la moitié centrale du groupe. Trait noir\u00a0: le milieu.',
    de: 'Grüner Punkt: Ihr Ergebnis. Graues Feld: die mittlere Hälfte der Gruppe. Schwarzer Strich: die Mitte.',
    en: 'Green dot: your score. Grey box: the middle half of the group. Black line: the middle.',
  },
  'peers.too_few': {
    nl: 'Nog geen vergelijking: minder dan 10 gelijkaardige bedrijven ({sector}, {size}) hebben hun vragenlijst afgewerkt. Om hen te beschermen tonen we nooit cijfers van kleinere groepen.',
    fr: 'Pas encore de comparaison\u00a0: moins de 10 entreprises semblables ({sector}, {size}) ont terminé leur questionnaire. Pour les protéger, nous ne montrons jamais les chiffres de groupes plus petits.',
    de: 'Noch kein Vergleich: weniger als 10 ähnliche Unternehmen ({sector}, {size}) haben ihren Fragebogen abgeschlossen. Zu ihrem Schutz zeigen wir nie Zahlen kleinerer Gruppen.',
    en: 'No comparison yet: fewer than 10 similar companies ({sector}, {size}) have finished their questionnaire. To protect them, we never show figures of smaller groups.',
  },
  'peers.no_profile': {
    nl: 'Nog geen vergelijking: vul de sector en het aantal medewerkers in het bedrijfsprofiel in. Bedrijven met 250 of meer medewerkers vergelijken we niet.',
    fr: 'Pas encore de comparaison\u00a0: indiquez le secteur et le nombre de collaborateurs dans le profil de l’entreprise. Nous ne comparons pas les entreprises de 250 personnes ou plus.',
    de: 'Noch kein Vergleich: Geben Sie Branche und Zahl der Beschäftigten im Unternehmensprofil an. Unternehmen mit 250 oder mehr Beschäftigten vergleichen wir nicht.',
    en: 'No comparison yet: fill in the sector and the number of staff in the company profile. We do not compare companies of 250 or more staff.',
  },
  'peers.size.0': { nl: 'zelfstandige zonder personeel', fr: 'indépendant sans personnel', de: 'Selbstständige ohne Personal', en: 'self-employed without staff' },
  'peers.size.1-9': { nl: '1 tot 9 medewerkers', fr: '1 à 9 collaborateurs', de: '1 bis 9 Beschäftigte', en: '1 to 9 staff' },
  'peers.size.10-49': { nl: '10 tot 49 medewerkers', fr: '10 à 49 collaborateurs', de: '10 bis 49 Beschäftigte', en: '10 to 49 staff' },
  'peers.size.50-249': { nl: '50 tot 249 medewerkers', fr: '50 à 249 collaborateurs', de: '50 bis 249 Beschäftigte', en: '50 to 249 staff' },
});

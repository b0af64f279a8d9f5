import { defineMessages } from '../define.ts';

/** The public open-data page (issue 11). Plain words for a business owner; the method in docs/statistics.md. */
export const statistics = defineMessages({
  'opendata.title': {
    nl: 'Open cijfers',
    fr: 'Données ouvertes',
    de: 'Offene Daten',
    en: 'Open data',
  },
  'opendata.lead': {
    nl: 'Elk kwartaal publiceert Schild cijfers over wat kleine bedrijven in België overkomt. Iedereen mag ze gebruiken. Geen enkel cijfer verraadt één bedrijf.',
    fr: 'Chaque trimestre, Schild publie des chiffres sur ce qui arrive aux petites entreprises en Belgique. Tout le monde peut les utiliser. Aucun chiffre ne trahit une entreprise en particulier.',
    de: 'Jedes Quartal veröffentlicht Schild Zahlen darüber, was kleinen Unternehmen in Belgien passiert. Jeder darf sie nutzen. Keine Zahl verrät ein einzelnes Unternehmen.',
    en: 'Every quarter Schild publishes figures on what happens to small businesses in Belgium. Anyone may use them. No figure gives away a single business.',
  },
  'opendata.what.heading': {
    nl: 'Wat we tellen',
    fr: 'Ce que nous comptons',
    de: 'Was wir zählen',
    en: 'What we count',
  },
  'opendata.what.text': {
    nl: 'We tellen bedrijven, per sector, grootte, gewest en kwartaal: hoeveel bedrijven meedoen, en hoeveel er een incident meldden van elke soort (zoals oplichting, een virus of een inbraak in een account). Een bedrijf telt hoogstens één keer per cijfer, ook als het drie keer getroffen werd. Alleen bedrijven die ermee instemmen, tellen mee. Dat kan je altijd uitzetten.',
    fr: 'Nous comptons des entreprises, par secteur, taille, région et trimestre\u00a0: combien d’entreprises participent, et combien ont signalé un incident de chaque type (par exemple une fraude, un virus ou un compte piraté). Une entreprise compte au plus une fois par chiffre, même si elle a été touchée trois fois. Seules les entreprises qui l’acceptent sont comptées. Vous pouvez toujours le désactiver.',
    de: 'Wir zählen Unternehmen, nach Branche, Größe, Region und Quartal: wie viele Unternehmen mitmachen und wie viele einen Vorfall jeder Art gemeldet haben (etwa Betrug, ein Virus oder ein gehacktes Konto). Ein Unternehmen zählt höchstens einmal pro Zahl, auch wenn es dreimal betroffen war. Nur Unternehmen, die zustimmen, werden gezählt. Das können Sie jederzeit abschalten.',
    en: 'We count businesses, by sector, size, region and quarter: how many businesses take part, and how many reported an incident of each kind (such as fraud, a virus or a hacked account). A business counts at most once in each figure, even if it was hit three times. Only businesses that agree are counted. You can switch this off at any time.',
  },
  'opendata.small.heading': {
    nl: 'Waarom kleine aantallen verborgen zijn',
    fr: 'Pourquoi les petits nombres sont cachés',
    de: 'Warum kleine Zahlen verborgen sind',
    en: 'Why small numbers are hidden',
  },
  'opendata.small.text': {
    nl: 'Een cijfer over minder dan 10 bedrijven tonen we nooit: in zo’n kleine groep herken je snel wie het is. We verbergen ook enkele andere cijfers, zodat niemand een verborgen cijfer kan terugrekenen door van een totaal af te trekken. Een verborgen cijfer staat er als een leeg vak.',
    fr: 'Nous ne montrons jamais un chiffre qui porte sur moins de 10 entreprises\u00a0: dans un si petit groupe, on devine vite de qui il s’agit. Nous cachons aussi quelques autres chiffres, pour que personne ne puisse retrouver un chiffre caché en le soustrayant d’un total. Un chiffre caché apparaît comme une case vide.',
    de: 'Eine Zahl über weniger als 10 Unternehmen zeigen wir nie: In so einer kleinen Gruppe erkennt man schnell, wer gemeint ist. Wir verbergen auch einige andere Zahlen, damit niemand eine verborgene Zahl zurückrechnen kann, indem er sie von einer Summe abzieht. Eine verborgene Zahl erscheint als leeres Feld.',
    en: 'We never show a figure about fewer than 10 businesses: in such a small group it is easy to guess who it is. We also hide a few other figures, so nobody can work out a hidden figure by subtracting from a total. A hidden figure shows as an empty box.',
  },
  'opendata.noise.heading': {
    nl: 'Een beetje ruis, met opzet',
    fr: 'Un peu de bruit, exprès',
    de: 'Ein wenig Rauschen, mit Absicht',
    en: 'A little noise, on purpose',
  },
  'opendata.noise.text': {
    nl: 'Bij elk cijfer tellen we een klein willekeurig getal op of trekken het af. Daardoor kan niemand uit de cijfers afleiden of één bepaald bedrijf meetelt, zelfs niet wie alle andere bedrijven kent. Dat heet differentiële privacy. De ruis wordt één keer getrokken en bewaard: wie later opnieuw kijkt, ziet precies dezelfde cijfers. Totalen zijn sommen van de cijfers met ruis: gebruik ze voor trends, niet als exacte tellingen.',
    fr: 'À chaque chiffre, nous ajoutons ou retirons un petit nombre tiré au hasard. Ainsi, personne ne peut déduire des chiffres si une entreprise précise est comptée, même en connaissant toutes les autres. C’est ce qu’on appelle la confidentialité différentielle. Le bruit est tiré une seule fois et conservé\u00a0: en revenant plus tard, on voit exactement les mêmes chiffres. Les totaux sont des sommes de chiffres bruités\u00a0: utilisez-les pour des tendances, pas comme des comptes exacts.',
    de: 'Zu jeder Zahl zählen wir eine kleine Zufallszahl hinzu oder ziehen sie ab. So kann niemand aus den Zahlen ablesen, ob ein bestimmtes Unternehmen mitgezählt ist, selbst wer alle anderen Unternehmen kennt. Das nennt man differenzielle Privatsphäre. Das Rauschen wird einmal gezogen und gespeichert: Wer später wieder nachsieht, sieht genau dieselben Zahlen. Summen sind Summen der verrauschten Zahlen: Nutzen Sie sie für Trends, nicht als genaue Zählungen.',
    en: 'We add a small random number to each figure, or take one away. That way nobody can tell from the figures whether one particular business is counted, not even someone who knows all the other businesses. This is called differential privacy. The noise is drawn once and stored: whoever looks again later sees exactly the same figures. Totals are sums of the noisy figures: use them for trends, not as exact counts.',
  },
  'opendata.epsilon.heading': {
    nl: 'Het getal ε (epsilon)',
    fr: 'Le nombre ε (epsilon)',
    de: 'Die Zahl ε (Epsilon)',
    en: 'The number ε (epsilon)',
  },
  'opendata.epsilon.text': {
    nl: 'Bij elke publicatie staat een getal ε. Het zegt hoeveel de cijfers samen hooguit over één bedrijf kunnen verraden. Hoe kleiner ε, hoe meer ruis en hoe beter de bescherming. Telt een bedrijf mee in meerdere publicaties, dan tellen de ε’s op. Daarom publiceren we één keer per kwartaal en nooit opnieuw.',
    fr: 'Chaque publication indique un nombre ε. Il dit combien les chiffres, ensemble, peuvent au plus révéler sur une entreprise. Plus ε est petit, plus il y a de bruit et meilleure est la protection. Pour une entreprise comptée dans plusieurs publications, les ε s’additionnent. C’est pourquoi nous publions une fois par trimestre, et jamais une seconde fois.',
    de: 'Zu jeder Veröffentlichung gehört eine Zahl ε. Sie sagt, wie viel die Zahlen zusammen höchstens über ein Unternehmen verraten können. Je kleiner ε, desto mehr Rauschen und desto besser der Schutz. Ist ein Unternehmen in mehreren Veröffentlichungen mitgezählt, addieren sich die ε-Werte. Deshalb veröffentlichen wir einmal pro Quartal und nie ein zweites Mal.',
    en: 'Each release states a number ε. It says how much the figures together can at most give away about one business. The smaller ε, the more noise and the better the protection. For a business counted in several releases the ε values add up. That is why we publish once a quarter and never a second time.',
  },
  'opendata.releases.heading': {
    nl: 'Publicaties',
    fr: 'Publications',
    de: 'Veröffentlichungen',
    en: 'Releases',
  },
  'opendata.releases.none': {
    nl: 'Er is nog geen publicatie. De eerste verschijnt na het eerste volledige kwartaal.',
    fr: 'Il n’y a pas encore de publication. La première paraîtra après le premier trimestre complet.',
    de: 'Es gibt noch keine Veröffentlichung. Die erste erscheint nach dem ersten vollständigen Quartal.',
    en: 'There is no release yet. The first one comes out after the first full quarter.',
  },
  'opendata.col.release': { nl: 'Kwartaal', fr: 'Trimestre', de: 'Quartal', en: 'Quarter' },
  'opendata.col.epsilon': { nl: 'ε', fr: 'ε', de: 'ε', en: 'ε' },
  'opendata.col.noise': {
    nl: 'Gewone afwijking per cijfer',
    fr: 'Écart habituel par chiffre',
    de: 'Übliche Abweichung pro Zahl',
    en: 'Typical error per figure',
  },
  'opendata.col.download': { nl: 'Downloaden', fr: 'Télécharger', de: 'Herunterladen', en: 'Download' },
  'opendata.noise_value': {
    nl: 'ongeveer {amount} bedrijven',
    fr: 'environ {amount} entreprises',
    de: 'etwa {amount} Unternehmen',
    en: 'about {amount} businesses',
  },
  'opendata.download.json': {
    nl: 'JSON-bestand ({quarter})',
    fr: 'Fichier JSON ({quarter})',
    de: 'JSON-Datei ({quarter})',
    en: 'JSON file ({quarter})',
  },
  'opendata.download.csv': {
    nl: 'Bestand voor Excel (CSV, {quarter})',
    fr: 'Fichier pour Excel (CSV, {quarter})',
    de: 'Datei für Excel (CSV, {quarter})',
    en: 'File for Excel (CSV, {quarter})',
  },
  'opendata.technical': {
    nl: 'Voor ontwikkelaars: de lijst staat op /api/v1/open-data, de beschrijving voor andere programma’s (API) op /api/v1/openapi.json.',
    fr: 'Pour les développeurs\u00a0: la liste se trouve sur /api/v1/open-data, la description pour d’autres programmes (API) sur /api/v1/openapi.json.',
    de: 'Für Entwickler: Die Liste steht unter /api/v1/open-data, die Beschreibung für andere Programme (API) unter /api/v1/openapi.json.',
    en: 'For developers: the list is at /api/v1/open-data, the description for other programs (API) at /api/v1/openapi.json.',
  },
});

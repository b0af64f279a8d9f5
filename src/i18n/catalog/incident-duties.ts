import { defineMessages } from '../define.ts';

/**
 * Incident wizard questions and page texts added for the duties as the law has them: NIS2 significance, customers'
 * card data, kinds of personal data, whose account, lost or stolen, impossible dates, and expiring follow-up links.
 */
export const incidentDuties = defineMessages({
  'incident.q.significantImpact': {
    nl: 'Hoe erg is het voor je diensten en voor anderen?',
    fr: 'À quel point est-ce grave pour vos services et pour d’autres\u00a0?',
    de: 'Wie schwer wiegt es für Ihre Dienste und für andere?',
    en: 'How bad is it for your services and for others?',
  },
  'incident.q.significantImpact.hint': {
    nl: 'Denk aan drie dingen. Lagen je diensten stil of kan dat ernstig gebeuren? Kost het je veel geld, of kan het dat kosten? Lijden klanten of anderen er schade door, of kan dat? Eén keer “ja” volstaat.',
    fr: 'Pensez à trois choses. Vos services sont-ils à l’arrêt ou risquent-ils de l’être gravement\u00a0? Cela vous coûte-t-il ou peut-il vous coûter beaucoup d’argent\u00a0? Des clients ou d’autres en subissent-ils ou peuvent-ils en subir un dommage\u00a0? Un seul «\u00a0oui\u00a0» suffit.',
    de: 'Denken Sie an drei Dinge. Stehen Ihre Dienste still oder kann das ernsthaft passieren? Kostet es Sie viel Geld oder kann es das kosten? Erleiden Kunden oder andere dadurch Schaden oder kann das passieren? Ein einziges „Ja“ genügt.',
    en: 'Think of three things. Did your services stop, or could they be seriously disrupted? Does it cost you a lot of money, or could it? Are customers or others harmed, or could they be? One “yes” is enough.',
  },
  'incident.q.significantImpact.yes': {
    nl: 'Ja, minstens één van die drie',
    fr: 'Oui, au moins une des trois',
    de: 'Ja, mindestens eines der drei',
    en: 'Yes, at least one of the three',
  },
  'incident.q.significantImpact.no': {
    nl: 'Nee, geen van de drie en dat kan ook niet',
    fr: 'Non, aucune des trois et ce n’est pas possible',
    de: 'Nein, keines der drei, und das kann auch nicht passieren',
    en: 'No, none of the three, and that cannot happen',
  },
  'incident.q.significantImpact.unknown': { nl: 'Dat weet ik nog niet', fr: 'Je ne sais pas encore', de: 'Das weiß ich noch nicht', en: 'I don’t know yet' },

  'incident.q.customerCardData': {
    nl: 'Kunnen kaartgegevens van je klanten gestolen zijn?',
    fr: 'Des données de carte de vos clients ont-elles pu être volées\u00a0?',
    de: 'Können Kartendaten Ihrer Kunden gestohlen worden sein?',
    en: 'Could your customers’ card details have been stolen?',
  },
  'incident.q.customerCardData.hint': {
    nl: 'Bijvoorbeeld uit je webshop, je kassa of je betaalterminal. Het gaat hier om de kaarten van je klanten, niet om je eigen bedrijfskaarten.',
    fr: 'Par exemple depuis votre boutique en ligne, votre caisse ou votre terminal de paiement. Il s’agit des cartes de vos clients, pas des cartes de votre entreprise.',
    de: 'Zum Beispiel aus Ihrem Webshop, Ihrer Kasse oder Ihrem Zahlungsterminal. Es geht um die Karten Ihrer Kunden, nicht um Ihre eigenen Firmenkarten.',
    en: 'For example from your webshop, your till or your payment terminal. This is about your customers’ cards, not your own company cards.',
  },
  'incident.q.customerCardData.yes': { nl: 'Ja, dat kan', fr: 'Oui, c’est possible', de: 'Ja, das ist möglich', en: 'Yes, that is possible' },
  'incident.q.customerCardData.no': { nl: 'Nee', fr: 'Non', de: 'Nein', en: 'No' },

  'incident.q.dataKinds': {
    nl: 'Welke soort persoonsgegevens zijn betrokken?',
    fr: 'Quels types de données personnelles sont en cause\u00a0?',
    de: 'Welche Arten personenbezogener Daten sind betroffen?',
    en: 'What kind of personal data is involved?',
  },
  'incident.q.dataKinds.hint': {
    nl: 'Vink alles aan wat kan kloppen. Sommige soorten betekenen dat je de mensen zelf moet verwittigen. Niets hiervan? Ga dan gewoon verder.',
    fr: 'Cochez tout ce qui peut correspondre. Certains types signifient que vous devez prévenir les personnes elles-mêmes. Rien de cela\u00a0? Continuez simplement.',
    de: 'Kreuzen Sie alles an, was zutreffen kann. Bei manchen Arten müssen Sie die Personen selbst informieren. Nichts davon? Gehen Sie einfach weiter.',
    en: 'Tick everything that may apply. Some kinds mean you must tell the people themselves. None of these? Just continue.',
  },
  'incident.q.dataKinds.contact': { nl: 'Namen, adressen, telefoonnummers, e-mailadressen', fr: 'Noms, adresses, numéros de téléphone, adresses e-mail', de: 'Namen, Adressen, Telefonnummern, E-Mail-Adressen', en: 'Names, addresses, phone numbers, e-mail addresses' },
  'incident.q.dataKinds.financial': { nl: 'Bankrekeningen, kaartgegevens, lonen, facturen', fr: 'Comptes bancaires, données de carte, salaires, factures', de: 'Bankkonten, Kartendaten, Löhne, Rechnungen', en: 'Bank accounts, card details, pay, invoices' },
  'incident.q.dataKinds.credentials': { nl: 'Wachtwoorden of inlogcodes', fr: 'Mots de passe ou codes de connexion', de: 'Passwörter oder Zugangscodes', en: 'Passwords or log-in codes' },
  'incident.q.dataKinds.national_id': { nl: 'Rijksregisternummers', fr: 'Numéros de registre national', de: 'Nationalregisternummern', en: 'National register numbers' },
  'incident.q.dataKinds.identity_documents': { nl: 'Kopieën van identiteitskaarten of paspoorten', fr: 'Copies de cartes d’identité ou de passeports', de: 'Kopien von Personalausweisen oder Pässen', en: 'Copies of identity cards or passports' },
  'incident.q.dataKinds.special_category': {
    nl: 'Gevoelige gegevens: gezondheid, geloof, vakbond, strafrecht, seksuele geaardheid',
    fr: 'Données sensibles\u00a0: santé, religion, syndicat, pénal, orientation sexuelle',
    de: 'Sensible Daten: Gesundheit, Religion, Gewerkschaft, Strafsachen, sexuelle Orientierung',
    en: 'Sensitive data: health, religion, trade union, criminal records, sexual orientation',
  },
  'incident.q.dataKinds.children': { nl: 'Gegevens van kinderen', fr: 'Données d’enfants', de: 'Daten von Kindern', en: 'Children’s data' },

  'incident.q.privilegedAccount': {
    nl: 'Van wie is het account?',
    fr: 'À qui appartient le compte\u00a0?',
    de: 'Wem gehört das Konto?',
    en: 'Whose account is it?',
  },
  'incident.q.privilegedAccount.hint': {
    nl: 'Een account van de zaakvoerder of van wie alles mag beheren (een beheerder), geeft een aanvaller meer macht.',
    fr: 'Le compte du gérant ou de quelqu’un qui peut tout gérer (un administrateur) donne plus de pouvoir à un attaquant.',
    de: 'Das Konto der Geschäftsleitung oder von jemandem, der alles verwalten darf (ein Administrator), gibt einem Angreifer mehr Macht.',
    en: 'The account of the owner or of someone who may manage everything (an administrator) gives an attacker more power.',
  },
  'incident.q.privilegedAccount.yes': {
    nl: 'Van de zaakvoerder of van een beheerder',
    fr: 'Du gérant ou d’un administrateur',
    de: 'Der Geschäftsleitung oder eines Administrators',
    en: 'The owner or an administrator',
  },
  'incident.q.privilegedAccount.no': { nl: 'Van een medewerker zonder beheerrechten', fr: 'D’un collaborateur sans droits d’administration', de: 'Eines Mitarbeiters ohne Verwaltungsrechte', en: 'A staff member without admin rights' },

  'incident.q.deviceStolen': {
    nl: 'Is het toestel verloren of gestolen?',
    fr: 'L’appareil a-t-il été perdu ou volé\u00a0?',
    de: 'Ist das Gerät verloren gegangen oder gestohlen worden?',
    en: 'Was the device lost or stolen?',
  },
  'incident.q.deviceStolen.hint': {
    nl: 'Bij diefstal hoort een aangifte bij de politie.',
    fr: 'En cas de vol, portez plainte à la police.',
    de: 'Bei Diebstahl gehört eine Anzeige bei der Polizei dazu.',
    en: 'A theft belongs with a police report.',
  },
  'incident.q.deviceStolen.yes': { nl: 'Gestolen', fr: 'Volé', de: 'Gestohlen', en: 'Stolen' },
  'incident.q.deviceStolen.no': { nl: 'Verloren of vergeten', fr: 'Perdu ou oublié', de: 'Verloren oder liegen gelassen', en: 'Lost or left behind' },

  'incident.date_impossible': {
    nl: 'Die datum of dat uur bestaat niet. Kijk de dag, de maand en het uur na (bijvoorbeeld 14:30).',
    fr: 'Cette date ou cette heure n’existe pas. Vérifiez le jour, le mois et l’heure (par exemple 14:30).',
    de: 'Dieses Datum oder diese Uhrzeit gibt es nicht. Prüfen Sie Tag, Monat und Uhrzeit (zum Beispiel 14:30).',
    en: 'That date or time does not exist. Check the day, the month and the time (for example 14:30).',
  },
  'incident.date_too_old': {
    nl: 'Die datum ligt meer dan tien jaar terug. Kijk het jaar na.',
    fr: 'Cette date remonte à plus de dix ans. Vérifiez l’année.',
    de: 'Dieses Datum liegt mehr als zehn Jahre zurück. Prüfen Sie das Jahr.',
    en: 'That date is more than ten years ago. Check the year.',
  },
  'incident.authority.payment_provider': { nl: 'Je betaaldienstverlener', fr: 'Votre prestataire de paiement', de: 'Ihr Zahlungsdienstleister', en: 'Your payment service provider' },
  'incident.event.link_renewed': { nl: 'Privélink verlengd', fr: 'Lien privé prolongé', de: 'Privater Link verlängert', en: 'Private link renewed' },
  'incident.follow_link_until': {
    nl: 'Deze privélink werkt tot {date}. Daarna kan niemand de melding nog openen.',
    fr: 'Ce lien privé fonctionne jusqu’au {date}. Ensuite, plus personne ne pourra ouvrir le signalement.',
    de: 'Dieser private Link funktioniert bis {date}. Danach kann niemand die Meldung mehr öffnen.',
    en: 'This private link works until {date}. After that, nobody can open the report any more.',
  },
  'incident.follow_link_renew': { nl: 'Verleng de link', fr: 'Prolonger le lien', de: 'Link verlängern', en: 'Renew the link' },
  'incident.notice.renewed': { nl: 'De link is verlengd.', fr: 'Le lien est prolongé.', de: 'Der Link ist verlängert.', en: 'The link is renewed.' },
  'incident.follow_link_expired': {
    nl: 'Deze privélink is verlopen. Om veiligheidsredenen werkt een link niet eeuwig. Heb je nog hulp nodig? Meld het incident opnieuw.',
    fr: 'Ce lien privé a expiré. Par sécurité, un lien ne fonctionne pas indéfiniment. Vous avez encore besoin d’aide\u00a0? Signalez à nouveau l’incident.',
    de: 'Dieser private Link ist abgelaufen. Aus Sicherheitsgründen funktioniert ein Link nicht ewig. Brauchen Sie noch Hilfe? Melden Sie den Vorfall erneut.',
    en: 'This private link has expired. For safety, a link does not work forever. Still need help? Report the incident again.',
  },
  'incident.from_profile': {
    nl: 'Uit je bedrijfsprofiel ingevuld: {answers}. Klopt het niet? Pas je profiel aan.',
    fr: 'Rempli à partir du profil de votre entreprise\u00a0: {answers}. Ce n’est pas correct\u00a0? Modifiez votre profil.',
    de: 'Aus Ihrem Firmenprofil übernommen: {answers}. Stimmt das nicht? Passen Sie Ihr Profil an.',
    en: 'Filled in from your company profile: {answers}. Not right? Change your profile.',
  },

  'company.nis2_status': {
    nl: 'Valt je bedrijf onder de NIS2-wet?',
    fr: 'Votre entreprise est-elle concernée par la loi NIS2\u00a0?',
    de: 'Fällt Ihr Unternehmen unter das NIS2-Gesetz?',
    en: 'Does the NIS2 law apply to your company?',
  },
  'company.nis2_status_hint': {
    nl: 'Zo hoeft de incidentmelding het je niet te vragen. Wie eronder valt, registreerde zich bij het CCB. De NIS2-test op atwork.safeonweb.be helpt je.',
    fr: 'Ainsi, le signalement d’incident ne doit pas vous le demander. Les entreprises concernées se sont enregistrées auprès du CCB. Le test NIS2 sur atwork.safeonweb.be vous aide.',
    de: 'So muss die Vorfallmeldung Sie nicht danach fragen. Betroffene Unternehmen haben sich beim CCB registriert. Der NIS2-Test auf atwork.safeonweb.be hilft Ihnen.',
    en: 'So the incident report need not ask you. Companies it covers registered with the CCB. The NIS2 test on atwork.safeonweb.be helps you.',
  },
  'nis2_status.essential': { nl: 'Ja, als essentiële entiteit', fr: 'Oui, comme entité essentielle', de: 'Ja, als wesentliche Einrichtung', en: 'Yes, as an essential entity' },
  'nis2_status.important': { nl: 'Ja, als belangrijke entiteit', fr: 'Oui, comme entité importante', de: 'Ja, als wichtige Einrichtung', en: 'Yes, as an important entity' },
  'nis2_status.none': { nl: 'Nee, NIS2 geldt niet voor ons', fr: 'Non, NIS2 ne s’applique pas à nous', de: 'Nein, NIS2 gilt nicht für uns', en: 'No, NIS2 does not apply to us' },
  'nis2_status.unknown': { nl: 'Ik weet het niet', fr: 'Je ne sais pas', de: 'Weiß ich nicht', en: 'I don’t know' },
});

import { defineMessages } from '../define.ts';

/** Company pages: create, overview, profile form, sector list, invitation mail (members and invitations: company-members.ts). */
export const company = defineMessages({
  // Navigation and overview
  'company.nav.label': { nl: 'Menu van het bedrijf', fr: 'Menu de l’entreprise', de: 'Menü des Unternehmens', en: 'Company menu' },
  'company.nav.more': { nl: 'Meer', fr: 'Plus', de: 'Mehr', en: 'More' },
  'company.nav.overview': { nl: 'Start', fr: 'Accueil', de: 'Start', en: 'Home' },
  'company.nav.profile': { nl: 'Bedrijfsprofiel', fr: 'Profil de l’entreprise', de: 'Unternehmensprofil', en: 'Company profile' },
  'company.nav.members': { nl: 'Mensen', fr: 'Personnes', de: 'Personen', en: 'People' },
  'company.nav.audit': { nl: 'Beveiligingslogboek', fr: 'Journal de sécurité', de: 'Sicherheitsprotokoll', en: 'Security log' },
  'company.your_role': { nl: 'Jouw rol', fr: 'Votre rôle', de: 'Ihre Rolle', en: 'Your role' },
  'company.profile_heading': { nl: 'Bedrijfsprofiel', fr: 'Profil de l’entreprise', de: 'Unternehmensprofil', en: 'Company profile' },
  'company.edit_profile': { nl: 'Bedrijfsprofiel aanpassen', fr: 'Modifier le profil', de: 'Profil ändern', en: 'Change company profile' },
  'company.security_heading': { nl: 'Beveiliging', fr: 'Sécurité', de: 'Sicherheit', en: 'Security' },
  'company.mfa_required_on': {
    nl: 'Iedereen in dit bedrijf moet aanmelden in twee stappen gebruiken.',
    fr: 'Tout le monde dans cette entreprise doit utiliser la connexion en deux étapes.',
    de: 'Alle in diesem Unternehmen müssen die Anmeldung in zwei Schritten nutzen.',
    en: 'Everyone in this company must use two-step login.',
  },
  'company.mfa_required_off': {
    nl: 'Aanmelden in twee stappen is niet verplicht. Iedereen kiest zelf. We raden aan om het verplicht te maken.',
    fr: 'La connexion en deux étapes n’est pas obligatoire. Chacun choisit. Nous vous conseillons de la rendre obligatoire.',
    de: 'Die Anmeldung in zwei Schritten ist keine Pflicht. Jeder entscheidet selbst. Wir empfehlen, sie zur Pflicht zu machen.',
    en: 'Two-step login is not required. Everyone chooses for themselves. We advise you to make it required.',
  },
  'company.mfa_require_start': {
    nl: 'Verplicht maken voor iedereen',
    fr: 'Rendre obligatoire pour tous',
    de: 'Für alle zur Pflicht machen',
    en: 'Make it required for everyone',
  },
  'company.mfa_require_stop': {
    nl: 'Niet langer verplicht maken',
    fr: 'Ne plus rendre obligatoire',
    de: 'Nicht mehr vorschreiben',
    en: 'Stop requiring it',
  },

  // New company
  'company.new.title': {
    nl: 'Je bedrijf toevoegen',
    fr: 'Ajouter votre entreprise',
    de: 'Ihr Unternehmen hinzufügen',
    en: 'Add your company',
  },
  'company.new.lead': {
    nl: 'Vertel ons kort iets over je bedrijf. Zo kan Schild je advies geven dat bij jou past. Het duurt maar enkele minuten.',
    fr: 'Parlez-nous brièvement de votre entreprise. Ainsi, Schild peut vous donner des conseils adaptés. Cela ne prend que quelques minutes.',
    de: 'Erzählen Sie uns kurz etwas über Ihr Unternehmen. So kann Schild Ihnen passende Ratschläge geben. Das dauert nur wenige Minuten.',
    en: 'Tell us a little about your company. Then Schild can give you advice that fits. It only takes a few minutes.',
  },
  'company.new.submit': { nl: 'Bedrijf toevoegen', fr: 'Ajouter l’entreprise', de: 'Unternehmen hinzufügen', en: 'Add company' },

  // Profile form: identity
  'company.section.identity': { nl: 'Over je bedrijf', fr: 'Votre entreprise', de: 'Ihr Unternehmen', en: 'About your company' },
  'company.name': { nl: 'Naam van het bedrijf', fr: 'Nom de l’entreprise', de: 'Name des Unternehmens', en: 'Company name' },
  'company.enterprise_number': { nl: 'Ondernemingsnummer', fr: 'Numéro d’entreprise', de: 'Unternehmensnummer', en: 'Enterprise number' },
  'company.enterprise_number_hint': {
    nl: 'Je nummer in de KBO: 10 cijfers, bv. 0123.456.749. Niet verplicht.',
    fr: 'Votre numéro à la BCE\u00a0: 10 chiffres, par ex. 0123.456.749. Facultatif.',
    de: 'Ihre Nummer in der ZDU (Zentrale Datenbank der Unternehmen): 10 Ziffern, z. B. 0123.456.749. Freiwillig.',
    en: 'Your number in the Belgian company register (KBO/BCE): 10 digits, e.g. 0123.456.749. Optional.',
  },
  'company.nace': { nl: 'Hoofdactiviteit', fr: 'Activité principale', de: 'Haupttätigkeit', en: 'Main activity' },
  'company.nace_hint': {
    nl: 'Typ een woord of de code van je hoofdactiviteit, bv. ‘restaurant’ of ‘56.1’. Kies daarna uit de lijst.',
    fr: 'Tapez un mot ou le code de votre activité principale, par ex. «\u00a0restaurant\u00a0» ou «\u00a056.1\u00a0». Choisissez ensuite dans la liste.',
    de: 'Geben Sie ein Wort oder den Code Ihrer Haupttätigkeit ein, z. B. „Restaurant“ oder „56.1“. Wählen Sie dann aus der Liste.',
    en: 'Type a word or the code of your main activity, e.g. ‘restaurant’ or ‘56.1’. Then choose from the list.',
  },
  'company.nace_browse': {
    nl: 'Zoek je sectorcode op',
    fr: 'Rechercher votre code de secteur',
    de: 'Branchencode nachschlagen',
    en: 'Look up your sector code',
  },
  'company.employees': { nl: 'Aantal medewerkers', fr: 'Nombre de travailleurs', de: 'Anzahl Mitarbeiter', en: 'Number of employees' },
  'company.employees_hint': {
    nl: 'Tel iedereen die op de loonlijst staat. Werk je alleen? Typ dan 0.',
    fr: 'Comptez toutes les personnes de votre personnel salarié. Vous travaillez seul\u00a0? Tapez 0.',
    de: 'Zählen Sie alle, die auf Ihrer Lohnliste stehen. Arbeiten Sie allein? Dann geben Sie 0 ein.',
    en: 'Count everyone on your payroll. Do you work alone? Then type 0.',
  },
  'company.region': { nl: 'Gewest', fr: 'Région', de: 'Region', en: 'Region' },
  'company.language': { nl: 'Taal van het bedrijf', fr: 'Langue de l’entreprise', de: 'Sprache des Unternehmens', en: 'Company language' },
  'company.language_hint': {
    nl: 'In deze taal maken we documenten en e-mails voor je bedrijf.',
    fr: 'La langue des documents et des e-mails de votre entreprise.',
    de: 'Die Sprache der Dokumente und E-Mails Ihres Unternehmens.',
    en: 'The language for the documents and e-mails of your company.',
  },

  // Profile form: digital
  'company.section.digital': {
    nl: 'Hoe je online werkt',
    fr: 'Votre activité en ligne',
    de: 'Wie Sie online arbeiten',
    en: 'How you work online',
  },
  'company.section.digital_hint': {
    nl: 'Met deze antwoorden vraagt Schild je alleen wat voor jou van toepassing is.',
    fr: 'Grâce à ces réponses, Schild ne vous pose que les questions qui vous concernent.',
    de: 'Mit diesen Antworten fragt Schild Sie nur, was für Sie zutrifft.',
    en: 'With these answers, Schild only asks you what applies to you.',
  },
  'company.website': {
    nl: 'Heb je een website?',
    fr: 'Avez-vous un site web\u00a0?',
    de: 'Haben Sie eine Website?',
    en: 'Do you have a website?',
  },
  'company.webshop': {
    nl: 'Verkoop je online (webshop)?',
    fr: 'Vendez-vous en ligne (boutique en ligne)\u00a0?',
    de: 'Verkaufen Sie online (Webshop)?',
    en: 'Do you sell online (webshop)?',
  },
  'company.email_provider': {
    nl: 'Welke e-mail gebruik je voor je bedrijf?',
    fr: 'Quel e-mail utilisez-vous pour votre entreprise\u00a0?',
    de: 'Welche E-Mail nutzen Sie für Ihr Unternehmen?',
    en: 'Which e-mail do you use for your company?',
  },
  'company.card_payments': {
    nl: 'Betalen klanten met de kaart (betaalterminal of online)?',
    fr: 'Vos clients paient-ils par carte (terminal de paiement ou en ligne)\u00a0?',
    de: 'Zahlen Kunden mit Karte (Kartenterminal oder online)?',
    en: 'Do customers pay by card (payment terminal or online)?',
  },
  'company.personal_data': {
    nl: 'Welke gegevens over personen bewaar je?',
    fr: 'Quelles données sur des personnes conservez-vous\u00a0?',
    de: 'Welche Daten über Personen speichern Sie?',
    en: 'What data about people do you keep?',
  },
  'company.remote_work': {
    nl: 'Werken jij of je medewerkers van thuis of onderweg?',
    fr: 'Vous ou votre personnel travaillez-vous à domicile ou en déplacement\u00a0?',
    de: 'Arbeiten Sie oder Ihre Mitarbeiter von zu Hause oder unterwegs?',
    en: 'Do you or your staff work from home or on the road?',
  },
  'company.it_provider': {
    nl: 'Heb je een IT-leverancier?',
    fr: 'Avez-vous un prestataire informatique\u00a0?',
    de: 'Haben Sie einen IT-Dienstleister?',
    en: 'Do you have an IT provider?',
  },
  'company.it_provider_hint': {
    nl: 'Een bedrijf of freelancer van buiten die je computers of netwerk onderhoudt.',
    fr: 'Une entreprise ou un indépendant externe qui s’occupe de vos ordinateurs ou de votre réseau.',
    de: 'Eine externe Firma oder ein Freiberufler, die sich um Ihre Computer oder Ihr Netzwerk kümmert.',
    en: 'An outside company or freelancer that looks after your computers or network.',
  },

  // Profile form: errors
  'company.error.too_many_new': {
    nl: 'Je hebt vandaag al veel bedrijven toegevoegd. Probeer het morgen opnieuw, of vraag ons om hulp als je er meer nodig hebt.',
    fr: 'Vous avez déjà ajouté beaucoup d’entreprises aujourd’hui. Réessayez demain, ou demandez-nous de l’aide si vous en avez besoin de plus.',
    de: 'Sie haben heute schon viele Unternehmen hinzugefügt. Versuchen Sie es morgen wieder, oder bitten Sie uns um Hilfe, wenn Sie mehr brauchen.',
    en: 'You have already added many companies today. Try again tomorrow, or ask us for help if you need more.',
  },
  'company.error.enterprise_number': {
    nl: 'Dit ondernemingsnummer klopt niet. Kijk de 10 cijfers na, bv. 0123.456.749, of laat het vak leeg.',
    fr: 'Ce numéro d’entreprise n’est pas correct. Vérifiez les 10 chiffres, par ex. 0123.456.749, ou laissez le champ vide.',
    de: 'Diese Unternehmensnummer stimmt nicht. Prüfen Sie die 10 Ziffern, z. B. 0123.456.749, oder lassen Sie das Feld leer.',
    en: 'This enterprise number is not correct. Check the 10 digits, e.g. 0123.456.749, or leave the field empty.',
  },
  'company.error.nace': {
    nl: 'Kies je hoofdactiviteit uit de lijst: typ een woord of code en klik dan op een regel.',
    fr: 'Choisissez votre activité principale dans la liste\u00a0: tapez un mot ou un code, puis cliquez sur une ligne.',
    de: 'Wählen Sie Ihre Haupttätigkeit aus der Liste: Geben Sie ein Wort oder einen Code ein und klicken Sie dann auf eine Zeile.',
    en: 'Choose your main activity from the list: type a word or code, then click a line.',
  },
  'company.error.nace_choose': {
    nl: 'Kies hieronder de activiteit die het best bij je zaak past, of typ een ander woord.',
    fr: 'Choisissez ci-dessous l’activité qui correspond le mieux à votre entreprise, ou tapez un autre mot.',
    de: 'Wählen Sie unten die Tätigkeit, die am besten zu Ihrem Betrieb passt, oder geben Sie ein anderes Wort ein.',
    en: 'Choose the activity below that fits your business best, or type another word.',
  },
  'company.error.nace_none': {
    nl: 'We vonden geen activiteit voor dit woord. Typ een ander woord, bv. de naam van je beroep (‘kapper’, ‘boekhouder’), of zoek je code op.',
    fr: 'Nous n’avons trouvé aucune activité pour ce mot. Tapez un autre mot, par ex. le nom de votre métier (« coiffeur », « comptable »), ou recherchez votre code.',
    de: 'Wir haben für dieses Wort keine Tätigkeit gefunden. Geben Sie ein anderes Wort ein, z. B. Ihren Beruf („Friseur“, „Buchhalter“), oder schlagen Sie Ihren Code nach.',
    en: 'We found no activity for this word. Type another word, e.g. the name of your trade (‘hairdresser’, ‘accountant’), or look up your code.',
  },
  'company.nace_choose': {
    nl: 'Welke van deze is je hoofdactiviteit?',
    fr: 'Laquelle de ces activités est votre activité principale ?',
    de: 'Welche davon ist Ihre Haupttätigkeit?',
    en: 'Which of these is your main activity?',
  },
  'company.error.employees': {
    nl: 'Typ een getal, bv. 3. Werk je alleen? Typ dan 0.',
    fr: 'Tapez un nombre, par ex. 3. Vous travaillez seul\u00a0? Tapez 0.',
    de: 'Geben Sie eine Zahl ein, z. B. 3. Arbeiten Sie allein? Dann geben Sie 0 ein.',
    en: 'Type a number, e.g. 3. Do you work alone? Then type 0.',
  },
  'company.error.webshop_needs_website': {
    nl: 'Je hebt een webshop, en een webshop is ook een website. Kies hier dus ‘Ja’.',
    fr: 'Vous avez une boutique en ligne, et une boutique en ligne est aussi un site web. Choisissez donc «\u00a0Oui\u00a0» ici.',
    de: 'Sie haben einen Webshop, und ein Webshop ist auch eine Website. Wählen Sie hier also „Ja“.',
    en: 'You have a webshop, and a webshop is also a website. So choose ‘Yes’ here.',
  },

  // Sector list
  'sectors.title': { nl: 'Sectorcodes', fr: 'Codes de secteur', de: 'Branchencodes', en: 'Sector codes' },
  'sectors.lead': {
    nl: 'Zoek de code van je hoofdactiviteit. Typ een woord of een code. Lijst: {version}.',
    fr: 'Cherchez le code de votre activité principale. Tapez un mot ou un code. Liste\u00a0: {version}.',
    de: 'Suchen Sie den Code Ihrer Haupttätigkeit. Geben Sie ein Wort oder einen Code ein. Liste: {version}.',
    en: 'Find the code of your main activity. Type a word or a code. List: {version}.',
  },
  'sectors.search': { nl: 'Woord of code', fr: 'Mot ou code', de: 'Wort oder Code', en: 'Word or code' },
  'sectors.submit': { nl: 'Zoeken', fr: 'Rechercher', de: 'Suchen', en: 'Search' },
  'sectors.none': {
    nl: 'Niets gevonden. Probeer een ander of korter woord.',
    fr: 'Aucun résultat. Essayez un autre mot, ou un mot plus court.',
    de: 'Nichts gefunden. Versuchen Sie ein anderes oder kürzeres Wort.',
    en: 'Nothing found. Try another word, or a shorter one.',
  },
  'sectors.code': { nl: 'Code', fr: 'Code', de: 'Code', en: 'Code' },
  'sectors.name': { nl: 'Activiteit', fr: 'Activité', de: 'Tätigkeit', en: 'Activity' },

  // Invitation mail
  'mail.invite.subject': {
    nl: '{inviter} nodigt je uit voor {company} op Schild',
    fr: '{inviter} vous invite à rejoindre {company} sur Schild',
    de: '{inviter} lädt Sie zu {company} bei Schild ein',
    en: '{inviter} invites you to join {company} on Schild',
  },
  'mail.invite.intro': {
    nl: 'Hallo, {inviter} nodigt je uit om bij {company} te komen op Schild. Schild helpt kmo’s en zelfstandigen om veilig online te werken.',
    fr: 'Bonjour, {inviter} vous invite à rejoindre {company} sur Schild. Schild aide les PME et les indépendants à travailler en ligne en toute sécurité.',
    de: 'Guten Tag, {inviter} lädt Sie ein, {company} bei Schild beizutreten. Schild hilft KMB und Selbstständigen, sicher online zu arbeiten.',
    en: 'Hello, {inviter} invites you to join {company} on Schild. Schild helps small businesses and self-employed people work safely online.',
  },
  'mail.invite.action': { nl: 'Uitnodiging aannemen', fr: 'Accepter l’invitation', de: 'Einladung annehmen', en: 'Accept the invitation' },
  'mail.invite.outro': {
    nl: 'Deze link werkt {days} dagen. Had je deze e-mail niet verwacht? Dan mag je hem gewoon negeren.',
    fr: 'Ce lien fonctionne pendant {days} jours. Vous ne vous attendiez pas à cet e-mail\u00a0? Vous pouvez simplement l’ignorer.',
    de: 'Dieser Link funktioniert {days} Tage lang. Haben Sie diese E-Mail nicht erwartet? Dann können Sie sie einfach ignorieren.',
    en: 'This link works for {days} days. Did you not expect this e-mail? Then you can simply ignore it.',
  },

  // Notices after an action
  'notice.company_created': {
    nl: 'Je bedrijf is toegevoegd. Jij bent de eigenaar.',
    fr: 'Votre entreprise est ajoutée. Vous en êtes le propriétaire.',
    de: 'Ihr Unternehmen ist hinzugefügt. Sie sind der Inhaber.',
    en: 'Your company has been added. You are its owner.',
  },
  'notice.joined': {
    nl: 'Welkom! Je hoort nu bij dit bedrijf.',
    fr: 'Bienvenue\u00a0! Vous faites maintenant partie de cette entreprise.',
    de: 'Willkommen! Sie gehören jetzt zu diesem Unternehmen.',
    en: 'Welcome! You are now part of this company.',
  },
  'notice.profile_saved': {
    nl: 'Het bedrijfsprofiel is opgeslagen.',
    fr: 'Le profil de l’entreprise est enregistré.',
    de: 'Das Unternehmensprofil ist gespeichert.',
    en: 'The company profile has been saved.',
  },
  'notice.invited': {
    nl: 'De uitnodiging is per e-mail verstuurd.',
    fr: 'L’invitation a été envoyée par e-mail.',
    de: 'Die Einladung wurde per E-Mail gesendet.',
    en: 'The invitation has been sent by e-mail.',
  },
  'notice.invitation_revoked': {
    nl: 'De uitnodiging is ingetrokken. De link werkt niet meer.',
    fr: 'L’invitation est annulée. Le lien ne fonctionne plus.',
    de: 'Die Einladung ist zurückgezogen. Der Link funktioniert nicht mehr.',
    en: 'The invitation has been withdrawn. The link no longer works.',
  },
  'notice.role_changed': {
    nl: 'De rol is gewijzigd.',
    fr: 'Le rôle est modifié.',
    de: 'Die Rolle ist geändert.',
    en: 'The role has been changed.',
  },
  'notice.member_removed': {
    nl: 'De persoon is uit het bedrijf verwijderd.',
    fr: 'La personne a été retirée de l’entreprise.',
    de: 'Die Person wurde aus dem Unternehmen entfernt.',
    en: 'The person has been removed from the company.',
  },
  'notice.mfa_required_on': {
    nl: 'Aanmelden in twee stappen is nu verplicht in dit bedrijf. Wie het nog niet gebruikt, moet het instellen bij het volgende bezoek.',
    fr: 'La connexion en deux étapes est maintenant obligatoire dans cette entreprise. Ceux qui ne l’utilisent pas encore devront l’activer lors de leur prochaine visite.',
    de: 'Die Anmeldung in zwei Schritten ist jetzt Pflicht in diesem Unternehmen. Wer sie noch nicht nutzt, muss sie beim nächsten Besuch einrichten.',
    en: 'Two-step login is now required in this company. Anyone who does not use it yet must set it up on their next visit.',
  },
  'notice.mfa_required_off': {
    nl: 'Aanmelden in twee stappen is niet langer verplicht in dit bedrijf.',
    fr: 'La connexion en deux étapes n’est plus obligatoire dans cette entreprise.',
    de: 'Die Anmeldung in zwei Schritten ist in diesem Unternehmen keine Pflicht mehr.',
    en: 'Two-step login is no longer required in this company.',
  },
});

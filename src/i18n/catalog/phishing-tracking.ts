import { defineMessages } from '../define.ts';

/**
 * Pages a recipient of a simulated phishing mail sees (landing form, teaching page, lesson), the owner's results and
 * the employer documents' frame. Kind words, no blame (NCSC "The trouble with phishing").
 */
export const phishingTracking = defineMessages({
  // Landing page: a generic imitation, no real brand.
  'ptrack.landing.login_title': { nl: 'Meld je aan om verder te gaan', fr: 'Connectez-vous pour continuer', de: 'Melden Sie sich an, um fortzufahren', en: 'Sign in to continue' },
  'ptrack.landing.payment_title': { nl: 'Betaal om verder te gaan', fr: 'Payez pour continuer', de: 'Bezahlen Sie, um fortzufahren', en: 'Pay to continue' },
  'ptrack.landing.intro': {
    nl: 'Je sessie is verlopen. Meld je opnieuw aan om het bericht te bekijken.',
    fr: 'Votre session a expiré. Reconnectez-vous pour voir le message.',
    de: 'Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an, um die Nachricht zu sehen.',
    en: 'Your session has expired. Sign in again to see the message.',
  },
  'ptrack.learn.general_signs': { nl: 'Waaraan je zo’n mail herkent', fr: 'À quoi reconnaître un tel e-mail', de: 'Woran Sie eine solche E-Mail erkennen', en: 'How to recognise such a mail' },
  'ptrack.landing.email': { nl: 'E-mailadres', fr: 'Adresse e-mail', de: 'E-Mail-Adresse', en: 'E-mail address' },
  'ptrack.landing.password': { nl: 'Wachtwoord', fr: 'Mot de passe', de: 'Passwort', en: 'Password' },
  'ptrack.landing.card_name': { nl: 'Naam op de kaart', fr: 'Nom sur la carte', de: 'Name auf der Karte', en: 'Name on the card' },
  'ptrack.landing.card_number': { nl: 'Kaartnummer', fr: 'Numéro de carte', de: 'Kartennummer', en: 'Card number' },
  'ptrack.landing.card_expiry': { nl: 'Vervaldatum (MM/JJ)', fr: 'Date d’expiration (MM/AA)', de: 'Ablaufdatum (MM/JJ)', en: 'Expiry date (MM/YY)' },
  'ptrack.landing.card_code': { nl: 'Beveiligingscode', fr: 'Code de sécurité', de: 'Sicherheitscode', en: 'Security code' },
  'ptrack.landing.sign_in': { nl: 'Aanmelden', fr: 'Se connecter', de: 'Anmelden', en: 'Sign in' },
  'ptrack.landing.pay': { nl: 'Betalen', fr: 'Payer', de: 'Bezahlen', en: 'Pay' },
  // Teaching page
  'ptrack.learn.title': { nl: 'Dit was een oefenmail', fr: 'C’était un e-mail d’exercice', de: 'Das war eine Übungs-E-Mail', en: 'This was a practice mail' },
  'ptrack.learn.intro': {
    nl: 'Geen zorgen: er is niets gebeurd. {company} stuurt zulke oefenmails zodat iedereen leert om echte phishing te herkennen. Klikken overkomt iedereen.',
    fr: 'Pas d’inquiétude\u00a0: il ne s’est rien passé. {company} envoie ces e-mails d’exercice pour que chacun apprenne à reconnaître le vrai phishing. Cliquer, cela arrive à tout le monde.',
    de: 'Keine Sorge: Es ist nichts passiert. {company} verschickt solche Übungs-E-Mails, damit alle lernen, echtes Phishing zu erkennen. Ein Klick passiert jedem.',
    en: 'Don’t worry: nothing happened. {company} sends practice mails like this so that everyone learns to recognise real phishing. Anyone can click.',
  },
  'ptrack.learn.nothing_kept': {
    nl: 'Wat je invulde, heeft je toestel nooit verlaten en is nergens bewaard.',
    fr: 'Ce que vous avez saisi n’a jamais quitté votre appareil et n’a été conservé nulle part.',
    de: 'Was Sie eingegeben haben, hat Ihr Gerät nie verlassen und wurde nirgends gespeichert.',
    en: 'What you typed never left your device and was not kept anywhere.',
  },
  'ptrack.learn.mail_heading': { nl: 'De mail die je kreeg', fr: 'L’e-mail que vous avez reçu', de: 'Die E-Mail, die Sie bekommen haben', en: 'The mail you got' },
  'ptrack.learn.mail_lead': {
    nl: 'Bij elk gemarkeerd deel staat waaraan je de mail had kunnen herkennen.',
    fr: 'À chaque partie marquée, vous voyez à quoi vous auriez pu reconnaître cet e-mail.',
    de: 'Bei jedem markierten Teil steht, woran Sie die E-Mail hätten erkennen können.',
    en: 'Each marked part says how you could have recognised the mail.',
  },
  'ptrack.part.sender': { nl: 'Afzender', fr: 'Expéditeur', de: 'Absender', en: 'Sender' },
  'ptrack.part.subject': { nl: 'Onderwerp', fr: 'Objet', de: 'Betreff', en: 'Subject' },
  'ptrack.part.body': { nl: 'Tekst', fr: 'Texte', de: 'Text', en: 'Text' },
  'ptrack.part.link': { nl: 'Knop of link', fr: 'Bouton ou lien', de: 'Schaltfläche oder Link', en: 'Button or link' },
  'ptrack.part.attachment': { nl: 'Bijlage', fr: 'Pièce jointe', de: 'Anhang', en: 'Attachment' },
  'ptrack.sign_label': { nl: 'Let op', fr: 'Attention', de: 'Achtung', en: 'Notice' },
  'ptrack.generic.sender': {
    nl: 'Het adres van de afzender hoort niet bij de organisatie die de mail zogezegd stuurt.',
    fr: 'L’adresse de l’expéditeur n’appartient pas à l’organisation qui est censée envoyer l’e-mail.',
    de: 'Die Adresse des Absenders gehört nicht zu der Organisation, die die E-Mail angeblich schickt.',
    en: 'The sender’s address does not belong to the organisation the mail claims to come from.',
  },
  'ptrack.generic.subject': {
    nl: 'Het onderwerp zet je onder druk om snel iets te doen.',
    fr: 'L’objet vous pousse à agir vite.',
    de: 'Der Betreff setzt Sie unter Druck, schnell zu handeln.',
    en: 'The subject pushes you to act quickly.',
  },
  'ptrack.generic.link': {
    nl: 'De knop leidt naar een website die niet van die organisatie is.',
    fr: 'Le bouton mène à un site qui n’appartient pas à cette organisation.',
    de: 'Die Schaltfläche führt zu einer Website, die nicht zu dieser Organisation gehört.',
    en: 'The button leads to a website that is not the organisation’s own.',
  },
  'ptrack.learn.next_time': {
    nl: 'Twijfel je de volgende keer? Stuur de mail door naar het meldadres van {company} of vraag het aan een collega. Melden is altijd goed, ook als het vals alarm blijkt.',
    fr: 'Un doute la prochaine fois\u00a0? Transférez l’e-mail à l’adresse de signalement de {company} ou demandez à un collègue. Signaler est toujours bien, même si c’est une fausse alerte.',
    de: 'Beim nächsten Mal unsicher? Leiten Sie die E-Mail an die Meldeadresse von {company} weiter oder fragen Sie eine Kollegin oder einen Kollegen. Melden ist immer richtig, auch wenn es ein Fehlalarm ist.',
    en: 'Not sure next time? Forward the mail to the report address of {company} or ask a colleague. Reporting is always good, even when it turns out to be a false alarm.',
  },
  'ptrack.learn.lesson_link': { nl: 'Neem de les van twee minuten (als je wilt)', fr: 'Suivez la leçon de deux minutes (si vous le souhaitez)', de: 'Zur Zwei-Minuten-Lektion (wenn Sie möchten)', en: 'Take the two-minute lesson (if you like)' },
  'ptrack.lesson.title': { nl: 'Phishing herkennen in twee minuten', fr: 'Reconnaître le phishing en deux minutes', de: 'Phishing erkennen in zwei Minuten', en: 'Recognising phishing in two minutes' },
  'ptrack.lesson.signs_heading': { nl: 'De signalen in deze mail', fr: 'Les signes dans cet e-mail', de: 'Die Anzeichen in dieser E-Mail', en: 'The signs in this mail' },
  'ptrack.lesson.rules_heading': { nl: 'Drie vuistregels', fr: 'Trois règles simples', de: 'Drei Faustregeln', en: 'Three rules of thumb' },
  'ptrack.rule.stop': {
    nl: 'Stop even: is het dringend, onverwacht of te mooi om waar te zijn? Dan is dat net een reden om trager te gaan.',
    fr: 'Faites une pause\u00a0: c’est urgent, inattendu ou trop beau pour être vrai\u00a0? C’est justement une raison de ralentir.',
    de: 'Kurz innehalten: Ist es dringend, unerwartet oder zu schön, um wahr zu sein? Genau dann lieber langsamer machen.',
    en: 'Pause: is it urgent, unexpected or too good to be true? That is exactly the reason to slow down.',
  },
  'ptrack.rule.check': {
    nl: 'Kijk naar de afzender en de link: ga met de muis op de knop staan of druk er lang op, en kijk waar hij echt naartoe gaat.',
    fr: 'Regardez l’expéditeur et le lien\u00a0: survolez le bouton avec la souris ou appuyez longuement dessus pour voir où il mène vraiment.',
    de: 'Prüfen Sie Absender und Link: Zeigen Sie mit der Maus auf die Schaltfläche oder tippen Sie lange darauf und sehen Sie, wohin sie wirklich führt.',
    en: 'Check the sender and the link: hover over the button or press and hold it, and see where it really goes.',
  },
  'ptrack.rule.never': {
    nl: 'Vul nooit je wachtwoord of kaartgegevens in na een klik in een mail. Ga zelf naar de website of app die je kent.',
    fr: 'Ne saisissez jamais votre mot de passe ou vos données de carte après un clic dans un e-mail. Allez vous-même sur le site ou l’application que vous connaissez.',
    de: 'Geben Sie nach einem Klick in einer E-Mail nie Ihr Passwort oder Ihre Kartendaten ein. Öffnen Sie selbst die Website oder App, die Sie kennen.',
    en: 'Never enter your password or card details after clicking in a mail. Go to the website or app you know yourself.',
  },
  'ptrack.lesson.done': { nl: 'Klaar. Dank je om even de tijd te nemen.', fr: 'Terminé. Merci d’avoir pris ce temps.', de: 'Fertig. Danke, dass Sie sich die Zeit genommen haben.', en: 'Done. Thank you for taking the time.' },
  'ptrack.back_to_learn': { nl: 'Terug naar de uitleg', fr: 'Retour à l’explication', de: 'Zurück zur Erklärung', en: 'Back to the explanation' },
});

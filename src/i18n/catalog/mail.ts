import { defineMessages } from '../define.ts';

/** E-mails about the account (mail.invite.* lives with the company messages). Params: verify {name}, reset {minutes}. */
export const mail = defineMessages({
  'mail.signature': { nl: 'Het Schild-team', fr: 'L’équipe Schild', de: 'Ihr Schild-Team', en: 'The Schild team' },

  'mail.exists.subject': {
    nl: 'Je hebt al een account bij Schild',
    fr: 'Vous avez déjà un compte Schild',
    de: 'Sie haben bereits ein Schild-Konto',
    en: 'You already have a Schild account',
  },
  'mail.exists.intro': {
    nl: 'Hallo, iemand probeerde met dit e-mailadres een account te maken bij Schild. Er bestaat al een account voor dit adres. Was jij dat en ben je je wachtwoord vergeten? Kies dan via de link hieronder een nieuw wachtwoord. Was jij het niet? Dan hoef je niets te doen.',
    fr: 'Bonjour, quelqu’un a essayé de créer un compte Schild avec cette adresse e-mail. Un compte existe déjà pour cette adresse. C’était vous et vous avez oublié votre mot de passe\u00a0? Choisissez-en un nouveau avec le lien ci-dessous. Ce n’était pas vous\u00a0? Vous n’avez rien à faire.',
    de: 'Guten Tag, jemand hat versucht, mit dieser E-Mail-Adresse ein Konto bei Schild zu erstellen. Für diese Adresse gibt es bereits ein Konto. Waren Sie das und haben Sie Ihr Passwort vergessen? Dann wählen Sie über den Link unten ein neues Passwort. Waren Sie es nicht? Dann müssen Sie nichts tun.',
    en: 'Hello, someone tried to create a Schild account with this e-mail address. There is already an account for this address. Was it you, and did you forget your password? Then choose a new password with the link below. Was it not you? Then you do not need to do anything.',
  },
  'mail.exists.action': {
    nl: 'Nieuw wachtwoord kiezen',
    fr: 'Choisir un nouveau mot de passe',
    de: 'Neues Passwort wählen',
    en: 'Choose a new password',
  },

  'mail.verify.subject': {
    nl: 'Bevestig je e-mailadres voor Schild',
    fr: 'Confirmez votre adresse e-mail pour Schild',
    de: 'Bestätigen Sie Ihre E-Mail-Adresse für Schild',
    en: 'Confirm your e-mail address for Schild',
  },
  'mail.verify.intro': {
    nl: 'Hallo {name}, welkom bij Schild. Bevestig je e-mailadres via de link hieronder. Daarna kun je je aanmelden.',
    fr: 'Bonjour {name}, bienvenue sur Schild. Confirmez votre adresse e-mail avec le lien ci-dessous. Vous pourrez ensuite vous connecter.',
    de: 'Guten Tag {name}, willkommen bei Schild. Bitte bestätigen Sie Ihre E-Mail-Adresse über den Link unten. Danach können Sie sich anmelden.',
    en: 'Hello {name}, welcome to Schild. Confirm your e-mail address with the link below. Then you can log in.',
  },
  'mail.verify.action': {
    nl: 'E-mailadres bevestigen',
    fr: 'Confirmer mon adresse e-mail',
    de: 'E-Mail-Adresse bestätigen',
    en: 'Confirm e-mail address',
  },
  'mail.verify.outro': {
    nl: 'Deze link werkt 48 uur. Heb je geen account gemaakt bij Schild? Dan mag je deze e-mail negeren.',
    fr: 'Ce lien est valable 48 heures. Vous n’avez pas créé de compte Schild\u00a0? Vous pouvez ignorer cet e-mail.',
    de: 'Der Link ist 48 Stunden gültig. Sie haben kein Konto bei Schild erstellt? Dann können Sie diese E-Mail ignorieren.',
    en: 'This link works for 48 hours. Did you not sign up for Schild? Then you can ignore this e-mail.',
  },

  'mail.reset.subject': {
    nl: 'Kies een nieuw wachtwoord voor Schild',
    fr: 'Choisissez un nouveau mot de passe pour Schild',
    de: 'Neues Passwort für Schild wählen',
    en: 'Choose a new password for Schild',
  },
  'mail.reset.intro': {
    nl: 'Hallo, we kregen een vraag om het wachtwoord van je Schild-account opnieuw in te stellen. Kies een nieuw wachtwoord via de link hieronder.',
    fr: 'Bonjour, nous avons reçu une demande pour réinitialiser le mot de passe de votre compte Schild. Choisissez un nouveau mot de passe avec le lien ci-dessous.',
    de: 'Guten Tag, wir haben eine Anfrage erhalten, das Passwort Ihres Schild-Kontos zurückzusetzen. Wählen Sie über den Link unten ein neues Passwort.',
    en: 'Hello, we received a request to reset the password of your Schild account. Choose a new password with the link below.',
  },
  'mail.reset.action': {
    nl: 'Nieuw wachtwoord kiezen',
    fr: 'Choisir un nouveau mot de passe',
    de: 'Neues Passwort wählen',
    en: 'Choose a new password',
  },
  'mail.reset.outro': {
    nl: 'Deze link werkt {minutes} minuten. Heb je dit niet gevraagd? Dan mag je deze e-mail negeren. Je wachtwoord blijft dan hetzelfde.',
    fr: 'Ce lien est valable {minutes}\u00a0minutes. Vous n’avez rien demandé\u00a0? Vous pouvez ignorer cet e-mail. Votre mot de passe reste alors inchangé.',
    de: 'Der Link ist {minutes} Minuten gültig. Sie haben das nicht angefordert? Dann können Sie diese E-Mail ignorieren. Ihr Passwort bleibt dann unverändert.',
    en: 'This link works for {minutes} minutes. Did you not ask for this? Then you can ignore this e-mail. Your password will stay the same.',
  },
  'mail.incident_reminder.subject': {
    nl: 'Herinnering: {duty} binnen {hours} uur',
    fr: 'Rappel\u00a0: {duty} dans {hours} heures',
    de: 'Erinnerung: {duty} in {hours} Stunden',
    en: 'Reminder: {duty} within {hours} hours',
  },
  'mail.incident_reminder.intro': {
    nl: 'Voor het incident bij {company} loopt de termijn voor “{duty}” af op {deadline}. Het staat nog niet als gedaan aangevinkt.',
    fr: 'Pour l’incident chez {company}, le délai pour «\u00a0{duty}\u00a0» expire le {deadline}. Ce n’est pas encore coché comme fait.',
    de: 'Für den Vorfall bei {company} läuft die Frist für „{duty}“ am {deadline} ab. Es ist noch nicht als erledigt markiert.',
    en: 'For the incident at {company}, the deadline for “{duty}” is {deadline}. It is not ticked off as done yet.',
  },
  'mail.incident_reminder.action': { nl: 'Incident openen', fr: 'Ouvrir l’incident', de: 'Vorfall öffnen', en: 'Open the incident' },
  'mail.incident_reminder.outro': {
    nl: 'Al gedaan? Vink het aan op de incidentpagina, dan krijg je hierover geen herinneringen meer.',
    fr: 'Déjà fait\u00a0? Cochez-le sur la page de l’incident et vous ne recevrez plus de rappel à ce sujet.',
    de: 'Schon erledigt? Haken Sie es auf der Vorfallseite ab, dann erhalten Sie dazu keine Erinnerung mehr.',
    en: 'Already done? Tick it off on the incident page and you will get no more reminders about it.',
  },
});

import { defineMessages } from '../define.ts';

/** Sign-up, log-in (with the second step), forgotten password, reset and e-mail verification. */
export const auth = defineMessages({
  'auth.password.too_short': {
    nl: 'Je wachtwoord is te kort. Gebruik minstens 10 tekens.',
    fr: 'Votre mot de passe est trop court. Utilisez au moins 10 caractères.',
    de: 'Ihr Passwort ist zu kurz. Verwenden Sie mindestens 10 Zeichen.',
    en: 'Your password is too short. Use at least 10 characters.',
  },
  'auth.password.too_long': {
    nl: 'Je wachtwoord is te lang. Gebruik hoogstens 256 tekens.',
    fr: 'Votre mot de passe est trop long. Utilisez au maximum 256 caractères.',
    de: 'Ihr Passwort ist zu lang. Verwenden Sie höchstens 256 Zeichen.',
    en: 'Your password is too long. Use at most 256 characters.',
  },
  'auth.password.too_common': {
    nl: 'Dit wachtwoord staat op een lijst van vaak gebruikte of uitgelekte wachtwoorden. Kies een ander wachtwoord.',
    fr: 'Ce mot de passe figure sur une liste de mots de passe souvent utilisés ou ayant fuité. Choisissez-en un autre.',
    de: 'Dieses Passwort steht auf einer Liste häufig verwendeter oder geleakter Passwörter. Wählen Sie ein anderes.',
    en: 'This password is on a list of often-used or leaked passwords. Choose a different one.',
  },
  'auth.password.contains_email': {
    nl: 'Je wachtwoord mag (een deel van) je e-mailadres niet bevatten. Kies een ander wachtwoord.',
    fr: 'Votre mot de passe ne peut pas contenir (une partie de) votre adresse e-mail. Choisissez-en un autre.',
    de: 'Ihr Passwort darf Ihre E-Mail-Adresse (oder einen Teil davon) nicht enthalten. Wählen Sie ein anderes.',
    en: 'Your password must not contain (part of) your e-mail address. Choose a different one.',
  },

  'signup.title': { nl: 'Account maken', fr: 'Créer un compte', de: 'Konto erstellen', en: 'Create an account' },
  'signup.lead': {
    nl: 'Maak gratis een account. Daarna kun je je bedrijf toevoegen en collega’s uitnodigen.',
    fr: 'Créez un compte gratuit. Vous pourrez ensuite ajouter votre entreprise et inviter vos collègues.',
    de: 'Erstellen Sie ein kostenloses Konto. Danach können Sie Ihr Unternehmen hinzufügen und Kolleginnen und Kollegen einladen.',
    en: 'Create a free account. Then you can add your company and invite colleagues.',
  },
  'signup.name': { nl: 'Je naam', fr: 'Votre nom', de: 'Ihr Name', en: 'Your name' },
  'signup.email': { nl: 'E-mailadres', fr: 'Adresse e-mail', de: 'E-Mail-Adresse', en: 'E-mail address' },
  'signup.email_hint': {
    nl: 'We sturen je een link om dit adres te bevestigen.',
    fr: 'Nous vous enverrons un lien pour confirmer cette adresse.',
    de: 'Wir senden Ihnen einen Link, um diese Adresse zu bestätigen.',
    en: 'We will send you a link to confirm this address.',
  },
  'signup.password': { nl: 'Wachtwoord', fr: 'Mot de passe', de: 'Passwort', en: 'Password' },
  'signup.password_hint': {
    nl: 'Minstens {min} tekens. Een zin van een paar woorden is sterk en makkelijk te onthouden.',
    fr: 'Au moins {min} caractères. Une phrase de quelques mots est solide et facile à retenir.',
    de: 'Mindestens {min} Zeichen. Ein Satz aus ein paar Wörtern ist sicher und leicht zu merken.',
    en: 'At least {min} characters. A phrase of a few words is strong and easy to remember.',
  },
  'signup.privacy_note': {
    nl: 'Lees wat we met je gegevens doen:',
    fr: 'Découvrez ce que nous faisons de vos données\u00a0:',
    de: 'So gehen wir mit Ihren Daten um:',
    en: 'Read what we do with your data:',
  },
  'signup.submit': { nl: 'Account maken', fr: 'Créer mon compte', de: 'Konto erstellen', en: 'Create account' },
  'signup.have_account': {
    nl: 'Heb je al een account?',
    fr: 'Vous avez déjà un compte\u00a0?',
    de: 'Haben Sie schon ein Konto?',
    en: 'Already have an account?',
  },
  'signup.check_mail_title': {
    nl: 'Kijk je mailbox na',
    fr: 'Consultez vos e-mails',
    de: 'Prüfen Sie Ihr Postfach',
    en: 'Check your e-mail',
  },
  'signup.check_mail': {
    nl: 'We hebben een e-mail gestuurd naar {email}. Open die e-mail en volg de link om verder te gaan. Niets ontvangen? Kijk ook bij je ongewenste e-mail.',
    fr: 'Nous avons envoyé un e-mail à {email}. Ouvrez-le et suivez le lien pour continuer. Rien reçu\u00a0? Regardez aussi dans vos courriers indésirables.',
    de: 'Wir haben eine E-Mail an {email} gesendet. Öffnen Sie sie und folgen Sie dem Link, um fortzufahren. Nichts erhalten? Schauen Sie auch im Spam-Ordner nach.',
    en: 'We have sent an e-mail to {email}. Open it and follow the link to continue. Nothing there? Check your spam folder too.',
  },

  'login.title': { nl: 'Aanmelden', fr: 'Se connecter', de: 'Anmelden', en: 'Log in' },
  'login.email': { nl: 'E-mailadres', fr: 'Adresse e-mail', de: 'E-Mail-Adresse', en: 'E-mail address' },
  'login.password': { nl: 'Wachtwoord', fr: 'Mot de passe', de: 'Passwort', en: 'Password' },
  'login.submit': { nl: 'Aanmelden', fr: 'Se connecter', de: 'Anmelden', en: 'Log in' },
  'login.forgot': { nl: 'Wachtwoord vergeten?', fr: 'Mot de passe oublié\u00a0?', de: 'Passwort vergessen?', en: 'Forgot your password?' },
  'login.no_account': { nl: 'Nog geen account?', fr: 'Pas encore de compte\u00a0?', de: 'Noch kein Konto?', en: 'No account yet?' },
  'login.invalid': {
    nl: 'Dit e-mailadres of wachtwoord klopt niet.',
    fr: 'L’adresse e-mail ou le mot de passe est incorrect.',
    de: 'E-Mail-Adresse oder Passwort ist falsch.',
    en: 'The e-mail address or password is not correct.',
  },
  'login.unverified': {
    nl: 'Je hebt je e-mailadres nog niet bevestigd.',
    fr: 'Vous n’avez pas encore confirmé votre adresse e-mail.',
    de: 'Sie haben Ihre E-Mail-Adresse noch nicht bestätigt.',
    en: 'You have not confirmed your e-mail address yet.',
  },
  'login.unverified_help': {
    nl: 'Klik op de link in de e-mail die we je stuurden. Geen e-mail gekregen of is de link verlopen? Vraag een nieuwe link aan.',
    fr: 'Cliquez sur le lien dans l’e-mail que nous vous avons envoyé. Pas d’e-mail ou lien expiré\u00a0? Demandez un nouveau lien.',
    de: 'Klicken Sie auf den Link in der E-Mail, die wir Ihnen gesendet haben. Keine E-Mail erhalten oder ist der Link abgelaufen? Fordern Sie einen neuen Link an.',
    en: 'Click the link in the e-mail we sent you. No e-mail, or has the link expired? Ask for a new link.',
  },
  'login.resend': { nl: 'Stuur een nieuwe link', fr: 'Envoyer un nouveau lien', de: 'Neuen Link senden', en: 'Send a new link' },

  'mfa.title': {
    nl: 'Bevestig dat jij het bent',
    fr: 'Confirmez votre identité',
    de: 'Bestätigen Sie, dass Sie es sind',
    en: 'Confirm it is you',
  },
  'mfa.lead': {
    nl: 'Open de authenticatie-app op je telefoon en vul de code van 6 cijfers in.',
    fr: 'Ouvrez l’application d’authentification sur votre téléphone et saisissez le code à 6 chiffres.',
    de: 'Öffnen Sie die Authentifizierungs-App auf Ihrem Telefon und geben Sie den 6-stelligen Code ein.',
    en: 'Open the authenticator app on your phone and enter the 6-digit code.',
  },
  'mfa.code': { nl: 'Code', fr: 'Code', de: 'Code', en: 'Code' },
  'mfa.invalid': {
    nl: 'Deze code klopt niet of is verlopen. Probeer opnieuw met de nieuwste code uit je app.',
    fr: 'Ce code est incorrect ou a expiré. Réessayez avec le dernier code de votre application.',
    de: 'Dieser Code ist falsch oder abgelaufen. Versuchen Sie es mit dem neuesten Code aus Ihrer App.',
    en: 'This code is not correct or has expired. Try again with the latest code from your app.',
  },
  'mfa.submit': { nl: 'Bevestigen', fr: 'Confirmer', de: 'Bestätigen', en: 'Confirm' },

  'forgot.title': { nl: 'Wachtwoord vergeten', fr: 'Mot de passe oublié', de: 'Passwort vergessen', en: 'Forgot your password' },
  'forgot.lead': {
    nl: 'Vul je e-mailadres in. We sturen je een link om een nieuw wachtwoord te kiezen.',
    fr: 'Saisissez votre adresse e-mail. Nous vous enverrons un lien pour choisir un nouveau mot de passe.',
    de: 'Geben Sie Ihre E-Mail-Adresse ein. Wir senden Ihnen einen Link, um ein neues Passwort zu wählen.',
    en: 'Enter your e-mail address. We will send you a link to choose a new password.',
  },
  'forgot.sent': {
    nl: 'Als er een account bestaat voor dit e-mailadres, hebben we je een link gestuurd. Kijk je mailbox na, ook bij je ongewenste e-mail.',
    fr: 'Si un compte existe pour cette adresse, nous vous avons envoyé un lien. Consultez vos e-mails, y compris vos courriers indésirables.',
    de: 'Falls es ein Konto mit dieser Adresse gibt, haben wir Ihnen einen Link gesendet. Prüfen Sie Ihr Postfach, auch den Spam-Ordner.',
    en: 'If there is an account for this address, we have sent you a link. Check your e-mail, including your spam folder.',
  },
  'forgot.submit': { nl: 'Stuur me een link', fr: 'Envoyer le lien', de: 'Link senden', en: 'Send me a link' },

  'reset.title': {
    nl: 'Nieuw wachtwoord kiezen',
    fr: 'Choisir un nouveau mot de passe',
    de: 'Neues Passwort wählen',
    en: 'Choose a new password',
  },
  'reset.password': { nl: 'Nieuw wachtwoord', fr: 'Nouveau mot de passe', de: 'Neues Passwort', en: 'New password' },
  'reset.submit': { nl: 'Wachtwoord opslaan', fr: 'Enregistrer le mot de passe', de: 'Passwort speichern', en: 'Save password' },
  'reset.invalid': {
    nl: 'Deze link werkt niet meer: hij is verlopen of al gebruikt. Vraag een nieuwe link aan.',
    fr: 'Ce lien ne fonctionne plus\u00a0: il a expiré ou a déjà été utilisé. Demandez un nouveau lien.',
    de: 'Dieser Link funktioniert nicht mehr: Er ist abgelaufen oder wurde schon verwendet. Fordern Sie einen neuen Link an.',
    en: 'This link no longer works: it has expired or has already been used. Ask for a new link.',
  },

  'verify.failed_title': {
    nl: 'Bevestigen is niet gelukt',
    fr: 'La confirmation n’a pas abouti',
    de: 'Bestätigung nicht möglich',
    en: 'We could not confirm your address',
  },
  'verify.failed': {
    nl: 'Deze link werkt niet meer: hij is verlopen of al gebruikt. Meld je aan. Is je adres nog niet bevestigd, dan kun je daar een nieuwe link vragen.',
    fr: 'Ce lien ne fonctionne plus\u00a0: il a expiré ou a déjà été utilisé. Connectez-vous. Si votre adresse n’est pas encore confirmée, vous pourrez y demander un nouveau lien.',
    de: 'Dieser Link funktioniert nicht mehr: Er ist abgelaufen oder wurde schon verwendet. Melden Sie sich an. Ist Ihre Adresse noch nicht bestätigt, können Sie dort einen neuen Link anfordern.',
    en: 'This link no longer works: it has expired or has already been used. Log in. If your address is not confirmed yet, you can ask for a new link there.',
  },
  'verify.resent': {
    nl: 'Als dit adres nog bevestigd moet worden, hebben we een nieuwe link gestuurd. Kijk je mailbox na, ook bij je ongewenste e-mail.',
    fr: 'Si cette adresse doit encore être confirmée, nous avons envoyé un nouveau lien. Consultez vos e-mails, y compris vos courriers indésirables.',
    de: 'Falls diese Adresse noch bestätigt werden muss, haben wir einen neuen Link gesendet. Prüfen Sie Ihr Postfach, auch den Spam-Ordner.',
    en: 'If this address still needs to be confirmed, we have sent a new link. Check your e-mail, including your spam folder.',
  },

  'notice.password_reset': {
    nl: 'Je nieuwe wachtwoord is opgeslagen en je bent op alle toestellen afgemeld. Meld je aan met je nieuwe wachtwoord.',
    fr: 'Votre nouveau mot de passe est enregistré et toutes vos sessions ont été fermées. Connectez-vous avec votre nouveau mot de passe.',
    de: 'Ihr neues Passwort ist gespeichert und Sie wurden auf allen Geräten abgemeldet. Melden Sie sich mit Ihrem neuen Passwort an.',
    en: 'Your new password is saved and you have been logged out on all devices. Log in with your new password.',
  },
  'notice.logged_out': { nl: 'Je bent afgemeld.', fr: 'Déconnexion réussie.', de: 'Sie sind abgemeldet.', en: 'You are logged out.' },
  'notice.verified': {
    nl: 'Je e-mailadres is bevestigd. Je kunt je nu aanmelden.',
    fr: 'Votre adresse e-mail est confirmée. Vous pouvez maintenant vous connecter.',
    de: 'Ihre E-Mail-Adresse ist bestätigt. Sie können sich jetzt anmelden.',
    en: 'Your e-mail address is confirmed. You can now log in.',
  },

  // Signing up from an invitation, sending the confirmation link again, the recovery-code field
  'signup.lead_invited': {
    nl: 'Maak je account. Bevestig daarna je e-mailadres via de link die we je sturen: dan kom je terug bij de uitnodiging.',
    fr: 'Créez votre compte. Confirmez ensuite votre adresse e-mail avec le lien que nous vous envoyons\u00a0: vous reviendrez alors à l’invitation.',
    de: 'Erstellen Sie Ihr Konto. Bestätigen Sie danach Ihre E-Mail-Adresse über den Link, den wir Ihnen senden: Dann kommen Sie zur Einladung zurück.',
    en: 'Create your account. Then confirm your e-mail address with the link we send you: it brings you back to the invitation.',
  },
  'verify.resend_heading': {
    nl: 'Geen e-mail gekregen?',
    fr: 'Pas reçu d’e-mail\u00a0?',
    de: 'Keine E-Mail erhalten?',
    en: 'No e-mail?',
  },
  'verify.resend_lead': {
    nl: 'Vul je e-mailadres in. We sturen een nieuwe link als het adres nog bevestigd moet worden.',
    fr: 'Saisissez votre adresse e-mail. Nous enverrons un nouveau lien si l’adresse doit encore être confirmée.',
    de: 'Geben Sie Ihre E-Mail-Adresse ein. Wir senden einen neuen Link, falls die Adresse noch bestätigt werden muss.',
    en: 'Enter your e-mail address. We will send a new link if the address still needs to be confirmed.',
  },
  'verify.resend_limited': {
    nl: 'We hebben al enkele links gestuurd. Wacht een uur en probeer dan opnieuw. Kijk intussen ook bij je ongewenste e-mail.',
    fr: 'Nous avons déjà envoyé plusieurs liens. Attendez une heure, puis réessayez. Regardez aussi dans vos courriers indésirables.',
    de: 'Wir haben schon mehrere Links gesendet. Warten Sie eine Stunde und versuchen Sie es dann noch einmal. Schauen Sie auch im Spam-Ordner nach.',
    en: 'We have already sent several links. Wait an hour, then try again. Check your spam folder too.',
  },
  'mfa.use_recovery': {
    nl: 'Telefoon kwijt? Gebruik een herstelcode',
    fr: 'Téléphone perdu\u00a0? Utilisez un code de récupération',
    de: 'Telefon verloren? Wiederherstellungscode verwenden',
    en: 'Lost your phone? Use a recovery code',
  },
  'mfa.recovery_code': { nl: 'Herstelcode', fr: 'Code de récupération', de: 'Wiederherstellungscode', en: 'Recovery code' },
  'mfa.recovery_hint': {
    nl: 'Een herstelcode ziet eruit als abcd-efgh-jkmn. Elke code werkt één keer.',
    fr: 'Un code de récupération ressemble à abcd-efgh-jkmn. Chaque code ne fonctionne qu’une fois.',
    de: 'Ein Wiederherstellungscode sieht so aus: abcd-efgh-jkmn. Jeder Code funktioniert nur einmal.',
    en: 'A recovery code looks like abcd-efgh-jkmn. Each code works once.',
  },
});

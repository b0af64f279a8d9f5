import { defineMessages } from '../define.ts';

/**
 * The company's security log: page labels and one sentence per audit event type (AUDIT_TYPES).
 * Params: {actor} who did it, {subject} whose account it is about, {email} an invited address,
 * {role} {from} {to} role names (already translated).
 */
export const audit = defineMessages({
  'audit.heading': { nl: 'Beveiligingslogboek', fr: 'Journal de sécurité', de: 'Sicherheitsprotokoll', en: 'Security log' },
  'audit.explain': {
    nl: 'Hier zie je belangrijke gebeurtenissen voor de beveiliging van dit bedrijf: aanmeldingen, mislukte aanmeldpogingen en wijzigingen aan mensen en instellingen. Zie je iets wat je niet herkent? Verander dan je wachtwoord en kijk na wie toegang heeft.',
    fr: 'Vous voyez ici les événements importants pour la sécurité de cette entreprise\u00a0: connexions, tentatives de connexion échouées et modifications des personnes et des réglages. Vous voyez quelque chose que vous ne reconnaissez pas\u00a0? Changez votre mot de passe et vérifiez qui a accès.',
    de: 'Hier sehen Sie wichtige Ereignisse für die Sicherheit dieses Unternehmens: Anmeldungen, fehlgeschlagene Anmeldungen und Änderungen an Personen und Einstellungen. Sehen Sie etwas, das Sie nicht kennen? Ändern Sie Ihr Passwort und prüfen Sie, wer Zugang hat.',
    en: 'Here you see important events for the security of this company: log-ins, failed log-ins and changes to people and settings. See something you do not recognise? Change your password and check who has access.',
  },
  'audit.when': { nl: 'Wanneer', fr: 'Quand', de: 'Wann', en: 'When' },
  'audit.what': { nl: 'Wat er gebeurde', fr: 'Ce qui s’est passé', de: 'Was passiert ist', en: 'What happened' },
  'audit.address': { nl: 'IP-adres', fr: 'Adresse IP', de: 'IP-Adresse', en: 'IP address' },

  // Personal security events of members
  'audit.user.signed_up': {
    nl: '{subject} heeft een account gemaakt',
    fr: '{subject} a créé un compte',
    de: '{subject} hat ein Konto erstellt',
    en: '{subject} created an account',
  },
  'audit.user.email_verified': {
    nl: '{subject} heeft het e-mailadres bevestigd',
    fr: '{subject} a confirmé son adresse e-mail',
    de: '{subject} hat die E-Mail-Adresse bestätigt',
    en: '{subject} confirmed their e-mail address',
  },
  'audit.user.login': {
    nl: '{subject} heeft zich aangemeld',
    fr: '{subject} s’est connecté',
    de: '{subject} hat sich angemeldet',
    en: '{subject} logged in',
  },
  'audit.user.login_failed': {
    nl: 'Mislukte aanmeldpoging voor {subject}',
    fr: 'Tentative de connexion échouée pour {subject}',
    de: 'Fehlgeschlagene Anmeldung für {subject}',
    en: 'Failed log-in for {subject}',
  },
  'audit.user.login_rate_limited': {
    nl: 'Te veel mislukte aanmeldpogingen voor {subject}: aanmelden is even geblokkeerd',
    fr: 'Trop de tentatives de connexion échouées pour {subject}\u00a0: la connexion est bloquée un moment',
    de: 'Zu viele fehlgeschlagene Anmeldungen für {subject}: Die Anmeldung ist vorübergehend gesperrt',
    en: 'Too many failed log-ins for {subject}: logging in is blocked for a while',
  },
  'audit.user.logout': {
    nl: '{subject} heeft zich afgemeld',
    fr: '{subject} s’est déconnecté',
    de: '{subject} hat sich abgemeldet',
    en: '{subject} logged out',
  },
  'audit.user.password_reset_requested': {
    nl: 'Er is een nieuw wachtwoord gevraagd voor {subject}',
    fr: 'Un nouveau mot de passe a été demandé pour {subject}',
    de: 'Für {subject} wurde ein neues Passwort angefordert',
    en: 'A new password was requested for {subject}',
  },
  'audit.user.password_changed': {
    nl: 'Het wachtwoord van {subject} is gewijzigd',
    fr: 'Le mot de passe de {subject} a été modifié',
    de: 'Das Passwort von {subject} wurde geändert',
    en: 'The password of {subject} was changed',
  },
  'audit.user.mfa_enabled': {
    nl: '{subject} heeft aanmelden in twee stappen aangezet',
    fr: '{subject} a activé la connexion en deux étapes',
    de: '{subject} hat die Anmeldung in zwei Schritten eingeschaltet',
    en: '{subject} turned on two-step login',
  },
  'audit.user.mfa_disabled': {
    nl: '{subject} heeft aanmelden in twee stappen uitgezet',
    fr: '{subject} a désactivé la connexion en deux étapes',
    de: '{subject} hat die Anmeldung in zwei Schritten ausgeschaltet',
    en: '{subject} turned off two-step login',
  },
  'audit.user.mfa_failed': {
    nl: 'Verkeerde code bij aanmelden in twee stappen voor {subject}',
    fr: 'Code incorrect lors de la connexion en deux étapes pour {subject}',
    de: 'Falscher Code bei der Anmeldung in zwei Schritten für {subject}',
    en: 'Wrong two-step login code for {subject}',
  },
  'audit.user.recovery_code_used': {
    nl: '{subject} heeft zich aangemeld met een herstelcode',
    fr: '{subject} s’est connecté avec un code de récupération',
    de: '{subject} hat sich mit einem Wiederherstellungscode angemeldet',
    en: '{subject} logged in with a recovery code',
  },
  'audit.user.recovery_codes_regenerated': {
    nl: '{subject} heeft nieuwe herstelcodes gemaakt',
    fr: '{subject} a créé de nouveaux codes de récupération',
    de: '{subject} hat neue Wiederherstellungscodes erstellt',
    en: '{subject} made new recovery codes',
  },
  'audit.user.sessions_revoked': {
    nl: '{subject} is afgemeld op alle andere toestellen',
    fr: '{subject} a été déconnecté de tous les autres appareils',
    de: '{subject} wurde auf allen anderen Geräten abgemeldet',
    en: '{subject} was logged out on all other devices',
  },
  'audit.user.api_token_created': {
    nl: '{subject} heeft een sleutel voor een ander programma gemaakt (API-sleutel)',
    fr: '{subject} a créé une clé pour un autre programme (clé API)',
    de: '{subject} hat einen Schlüssel für ein anderes Programm erstellt (API-Schlüssel)',
    en: '{subject} made a key for another program (API key)',
  },
  'audit.user.api_token_revoked': {
    nl: '{subject} heeft een sleutel voor een ander programma verwijderd (API-sleutel)',
    fr: '{subject} a supprimé une clé pour un autre programme (clé API)',
    de: '{subject} hat einen Schlüssel für ein anderes Programm gelöscht (API-Schlüssel)',
    en: '{subject} deleted a key for another program (API key)',
  },
  'audit.user.api_tokens_revoked': {
    nl: 'Alle sleutels van {subject} voor andere programma’s (API-sleutels) zijn gestopt',
    fr: 'Toutes les clés de {subject} pour d’autres programmes (clés API) ont été désactivées',
    de: 'Alle Schlüssel von {subject} für andere Programme (API-Schlüssel) wurden gestoppt',
    en: 'All keys for other programs (API keys) belonging to {subject} were stopped',
  },

  // Company events
  'audit.company.created': {
    nl: '{actor} heeft het bedrijf toegevoegd aan Schild',
    fr: '{actor} a ajouté l’entreprise à Schild',
    de: '{actor} hat das Unternehmen bei Schild hinzugefügt',
    en: '{actor} added the company to Schild',
  },
  'audit.company.profile_updated': {
    nl: '{actor} heeft het bedrijfsprofiel aangepast',
    fr: '{actor} a modifié le profil de l’entreprise',
    de: '{actor} hat das Unternehmensprofil geändert',
    en: '{actor} changed the company profile',
  },
  'audit.company.require_mfa_changed': {
    nl: '{actor} heeft de regel voor aanmelden in twee stappen gewijzigd',
    fr: '{actor} a modifié la règle sur la connexion en deux étapes',
    de: '{actor} hat die Regel zur Anmeldung in zwei Schritten geändert',
    en: '{actor} changed the two-step login rule',
  },
  'audit.company.stats_consent_changed': {
    nl: '{actor} heeft gewijzigd of het bedrijf meetelt in de anonieme cijfers',
    fr: '{actor} a modifié la participation de l’entreprise aux chiffres anonymes',
    de: '{actor} hat geändert, ob das Unternehmen in den anonymen Zahlen mitzählt',
    en: '{actor} changed whether the company counts in the anonymous figures',
  },
  'audit.company.member_invited': {
    nl: '{actor} heeft {email} uitgenodigd als {role}',
    fr: '{actor} a invité {email} comme {role}',
    de: '{actor} hat {email} als {role} eingeladen',
    en: '{actor} invited {email} as {role}',
  },
  'audit.company.invitation_revoked': {
    nl: '{actor} heeft een uitnodiging ingetrokken',
    fr: '{actor} a annulé une invitation',
    de: '{actor} hat eine Einladung zurückgezogen',
    en: '{actor} withdrew an invitation',
  },
  'audit.company.member_joined': {
    nl: '{subject} hoort nu bij het bedrijf, als {role}',
    fr: '{subject} a rejoint l’entreprise comme {role}',
    de: '{subject} ist dem Unternehmen als {role} beigetreten',
    en: '{subject} joined the company as {role}',
  },
  'audit.company.role_changed': {
    nl: '{actor} heeft de rol van {subject} gewijzigd van {from} naar {to}',
    fr: '{actor} a changé le rôle de {subject} (avant\u00a0: {from}, maintenant\u00a0: {to})',
    de: '{actor} hat die Rolle von {subject} von {from} auf {to} geändert',
    en: '{actor} changed the role of {subject} from {from} to {to}',
  },
  'audit.company.member_removed': {
    nl: '{actor} heeft {subject} ({role}) uit het bedrijf verwijderd',
    fr: '{actor} a retiré {subject} ({role}) de l’entreprise',
    de: '{actor} hat {subject} ({role}) aus dem Unternehmen entfernt',
    en: '{actor} removed {subject} ({role}) from the company',
  },
});

import { defineMessages } from '../define.ts';

/** A company's members, their roles and invitations (split from company.ts). */
export const companyMembers = defineMessages({

  // Members
  'members.heading': {
    nl: 'Mensen in dit bedrijf',
    fr: 'Personnes dans cette entreprise',
    de: 'Personen in diesem Unternehmen',
    en: 'People in this company',
  },
  'members.name': { nl: 'Naam', fr: 'Nom', de: 'Name', en: 'Name' },
  'members.email': { nl: 'E-mailadres', fr: 'Adresse e-mail', de: 'E-Mail-Adresse', en: 'E-mail address' },
  'members.role': { nl: 'Rol', fr: 'Rôle', de: 'Rolle', en: 'Role' },
  'members.mfa': {
    nl: 'Aanmelden in twee stappen',
    fr: 'Connexion en deux étapes',
    de: 'Anmeldung in zwei Schritten',
    en: 'Two-step login',
  },
  'members.role_for': { nl: 'Rol van {name}', fr: 'Rôle de {name}', de: 'Rolle von {name}', en: 'Role of {name}' },
  'members.change_role': { nl: 'Wijzigen', fr: 'Modifier', de: 'Ändern', en: 'Change' },
  'members.remove': { nl: 'Verwijderen', fr: 'Retirer', de: 'Entfernen', en: 'Remove' },
  'members.remove_confirm': {
    nl: '{name} uit dit bedrijf verwijderen?',
    fr: 'Retirer {name} de cette entreprise\u00a0?',
    de: '{name} aus diesem Unternehmen entfernen?',
    en: 'Remove {name} from this company?',
  },
  'members.invitations': {
    nl: 'Openstaande uitnodigingen',
    fr: 'Invitations en attente',
    de: 'Offene Einladungen',
    en: 'Open invitations',
  },
  'members.no_invitations': {
    nl: 'Er zijn geen openstaande uitnodigingen.',
    fr: 'Il n’y a pas d’invitation en attente.',
    de: 'Es gibt keine offenen Einladungen.',
    en: 'There are no open invitations.',
  },
  'members.expires': { nl: 'geldig tot {date}', fr: 'valable jusqu’au {date}', de: 'gültig bis {date}', en: 'valid until {date}' },
  'members.withdraw': { nl: 'Intrekken', fr: 'Annuler', de: 'Zurückziehen', en: 'Withdraw' },
  'members.invite_heading': { nl: 'Iemand uitnodigen', fr: 'Inviter quelqu’un', de: 'Jemanden einladen', en: 'Invite someone' },
  'members.invite': { nl: 'Uitnodiging sturen', fr: 'Envoyer l’invitation', de: 'Einladung senden', en: 'Send invitation' },
  'members.error.already_member': {
    nl: 'Deze persoon hoort al bij het bedrijf.',
    fr: 'Cette personne fait déjà partie de l’entreprise.',
    de: 'Diese Person gehört schon zum Unternehmen.',
    en: 'This person is already in the company.',
  },
  'members.error.last_owner': {
    nl: 'Een bedrijf heeft altijd minstens één eigenaar nodig. Maak eerst iemand anders eigenaar.',
    fr: 'Une entreprise a toujours besoin d’au moins un propriétaire. Désignez d’abord quelqu’un d’autre comme propriétaire.',
    de: 'Ein Unternehmen braucht immer mindestens einen Inhaber. Machen Sie zuerst eine andere Person zum Inhaber.',
    en: 'A company always needs at least one owner. First make someone else owner.',
  },
  'members.error.not_allowed': {
    nl: 'Dat mag je niet doen. Alleen een eigenaar kan rollen wijzigen en beheerders of eigenaars uitnodigen of verwijderen.',
    fr: 'Vous n’êtes pas autorisé à faire cela. Seul un propriétaire peut changer les rôles et inviter ou retirer des administrateurs ou des propriétaires.',
    de: 'Das dürfen Sie nicht. Nur ein Inhaber kann Rollen ändern und Administratoren oder Inhaber einladen oder entfernen.',
    en: 'You are not allowed to do that. Only an owner can change roles and invite or remove admins or owners.',
  },
  'members.error.not_member': {
    nl: 'Deze persoon hoort niet (meer) bij het bedrijf.',
    fr: 'Cette personne ne fait pas (ou plus) partie de l’entreprise.',
    de: 'Diese Person gehört nicht (mehr) zum Unternehmen.',
    en: 'This person is not (or no longer) in the company.',
  },

  // Invitation page
  'invitation.title': { nl: 'Uitnodiging', fr: 'Invitation', de: 'Einladung', en: 'Invitation' },
  'invitation.lead': {
    nl: 'Je bent uitgenodigd om op Schild bij {company} te komen. Je rol: {role}.',
    fr: 'Vous êtes invité à rejoindre {company} sur Schild. Votre rôle\u00a0: {role}.',
    de: 'Sie sind eingeladen, {company} bei Schild beizutreten. Ihre Rolle: {role}.',
    en: 'You are invited to join {company} on Schild. Your role: {role}.',
  },
  'invitation.accept': { nl: 'Uitnodiging aannemen', fr: 'Accepter l’invitation', de: 'Einladung annehmen', en: 'Accept invitation' },
  'invitation.sign_in_first': {
    nl: 'Deze uitnodiging is voor {email}. Meld je aan of maak een account met dat e-mailadres om ze aan te nemen.',
    fr: 'Cette invitation est destinée à {email}. Connectez-vous ou créez un compte avec cette adresse e-mail pour l’accepter.',
    de: 'Diese Einladung ist für {email}. Melden Sie sich an oder erstellen Sie ein Konto mit dieser E-Mail-Adresse, um sie anzunehmen.',
    en: 'This invitation is for {email}. Log in or create an account with that e-mail address to accept it.',
  },
  'invitation.wrong_account': {
    nl: 'Deze uitnodiging is voor {email}, maar je bent aangemeld met een ander e-mailadres. Meld je af en meld je opnieuw aan met {email}.',
    fr: 'Cette invitation est destinée à {email}, mais vous êtes connecté avec une autre adresse e-mail. Déconnectez-vous, puis reconnectez-vous avec {email}.',
    de: 'Diese Einladung ist für {email}, aber Sie sind mit einer anderen E-Mail-Adresse angemeldet. Melden Sie sich ab und mit {email} wieder an.',
    en: 'This invitation is for {email}, but you are logged in with another e-mail address. Log out, then log in again with {email}.',
  },
  'invitation.invalid': {
    nl: 'Deze uitnodiging is niet meer geldig. Ze is misschien verlopen, ingetrokken of al gebruikt. Vraag de persoon die je uitnodigde om een nieuwe te sturen.',
    fr: 'Cette invitation n’est plus valable. Elle a peut-être expiré, été annulée ou déjà été utilisée. Demandez à la personne qui vous a invité de vous en envoyer une nouvelle.',
    de: 'Diese Einladung ist nicht mehr gültig. Sie ist vielleicht abgelaufen, zurückgezogen oder schon benutzt. Bitten Sie die Person, die Sie eingeladen hat, eine neue zu senden.',
    en: 'This invitation is no longer valid. It may have expired, been withdrawn or already been used. Ask the person who invited you to send a new one.',
  },

  // Invitation page for someone without an account; what the roles mean
  'invitation.heading': {
    nl: 'Uitnodiging van {company}',
    fr: 'Invitation de {company}',
    de: 'Einladung von {company}',
    en: 'Invitation from {company}',
  },
  'invitation.new_here': { nl: 'Nieuw bij Schild?', fr: 'Nouveau sur Schild\u00a0?', de: 'Neu bei Schild?', en: 'New to Schild?' },
  'invitation.signup_steps': {
    nl: 'Maak je account met het e-mailadres waarop je de uitnodiging kreeg. Je krijgt een e-mail om je adres te bevestigen. Die link brengt je hier terug, en dan neem je de uitnodiging aan.',
    fr: 'Créez votre compte avec l’adresse e-mail qui a reçu l’invitation. Vous recevrez un e-mail pour confirmer votre adresse. Ce lien vous ramène ici, et vous acceptez alors l’invitation.',
    de: 'Erstellen Sie Ihr Konto mit der E-Mail-Adresse, an die die Einladung ging. Sie erhalten eine E-Mail, um Ihre Adresse zu bestätigen. Der Link darin bringt Sie hierher zurück, und dann nehmen Sie die Einladung an.',
    en: 'Create your account with the e-mail address the invitation was sent to. You will get an e-mail to confirm your address. Its link brings you back here, and then you accept the invitation.',
  },
  'invitation.have_account': {
    nl: 'Heb je al een account?',
    fr: 'Vous avez déjà un compte\u00a0?',
    de: 'Haben Sie schon ein Konto?',
    en: 'Already have an account?',
  },
  'invitation.login_instead': {
    nl: 'Meld je aan als {email}',
    fr: 'Connectez-vous avec {email}',
    de: 'Melden Sie sich als {email} an',
    en: 'Log in as {email}',
  },
  'members.roles_explained': {
    nl: 'Wat mag elke rol?',
    fr: 'Que peut faire chaque rôle\u00a0?',
    de: 'Was darf jede Rolle?',
    en: 'What can each role do?',
  },
  'role.owner.meaning': {
    nl: 'Mag alles: collega’s uitnodigen en hun rol kiezen, het logboek bekijken en veiligheidsregels instellen, zoals aanmelden in twee stappen verplicht maken.',
    fr: 'Peut tout faire\u00a0: inviter des collègues et choisir leur rôle, consulter le journal et fixer les règles de sécurité, comme rendre obligatoire la connexion en deux étapes.',
    de: 'Darf alles: Kolleginnen und Kollegen einladen und ihre Rolle wählen, das Protokoll ansehen und Sicherheitsregeln festlegen, etwa die Anmeldung in zwei Schritten vorschreiben.',
    en: 'Can do everything: invite colleagues and choose their role, read the activity log and set security rules, such as making two-step login compulsory.',
  },
  'role.admin.meaning': {
    nl: 'Werkt mee aan alles voor het bedrijf: het profiel, de zelftest en incidenten. Kan collega’s als lid uitnodigen, maar geen rollen wijzigen.',
    fr: 'Participe à tout pour l’entreprise\u00a0: le profil, l’auto-évaluation et les incidents. Peut inviter des collègues comme membres, mais pas changer les rôles.',
    de: 'Arbeitet an allem für das Unternehmen mit: Profil, Selbsttest und Vorfälle. Kann Kolleginnen und Kollegen als Mitglied einladen, aber keine Rollen ändern.',
    en: 'Works on everything for the company: the profile, the self-assessment and incidents. Can invite colleagues as members, but cannot change roles.',
  },
  'role.member.meaning': {
    nl: 'Ziet het plan en de resultaten van het bedrijf en kan een incident melden. Kan het profiel en de leden niet wijzigen.',
    fr: 'Voit le plan et les résultats de l’entreprise et peut signaler un incident. Ne peut modifier ni le profil ni les membres.',
    de: 'Sieht den Plan und die Ergebnisse des Unternehmens und kann einen Vorfall melden. Kann Profil und Mitglieder nicht ändern.',
    en: 'Sees the company’s plan and results and can report an incident. Cannot change the profile or the members.',
  },
});

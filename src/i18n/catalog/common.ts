import { defineMessages } from '../define.ts';

/** Page meta, navigation and the words every form uses. */
export const common = defineMessages({
  'meta.description': {
    nl: 'Schild helpt kmo’s en zelfstandigen in België om veilig online te werken. In gewone taal, zonder technische kennis.',
    fr: 'Schild aide les PME et les indépendants en Belgique à travailler en sécurité en ligne. Dans un langage simple, sans connaissances techniques.',
    de: 'Schild hilft kleinen und mittleren Betrieben (KMB) und Selbstständigen in Belgien, sicher online zu arbeiten. In einfacher Sprache, ohne technisches Wissen.',
    en: 'Schild helps small businesses and self-employed people in Belgium stay safe online. In plain language, no technical knowledge needed.',
  },

  'pager.label': { nl: 'Pagina’s van de lijst', fr: 'Pages de la liste', de: 'Seiten der Liste', en: 'Pages of the list' },
  'pager.previous': { nl: '← Vorige pagina', fr: '← Page précédente', de: '← Vorherige Seite', en: '← Previous page' },
  'pager.next': { nl: 'Volgende pagina →', fr: 'Page suivante →', de: 'Nächste Seite →', en: 'Next page →' },
  'pager.page_of': { nl: 'Pagina {page} van {pages}', fr: 'Page {page} sur {pages}', de: 'Seite {page} von {pages}', en: 'Page {page} of {pages}' },

  'nav.skip': { nl: 'Naar de inhoud', fr: 'Aller au contenu principal', de: 'Zum Hauptinhalt springen', en: 'Skip to main content' },
  'nav.main': { nl: 'Hoofdmenu', fr: 'Menu principal', de: 'Hauptmenü', en: 'Main menu' },
  'nav.language': { nl: 'Taal', fr: 'Langue', de: 'Sprache', en: 'Language' },
  'nav.about': { nl: 'Over Schild', fr: 'À propos de Schild', de: 'Über Schild', en: 'About Schild' },
  'nav.privacy': { nl: 'Privacy', fr: 'Vie privée', de: 'Datenschutz', en: 'Privacy' },
  'nav.dashboard': { nl: 'Mijn overzicht', fr: 'Mon tableau de bord', de: 'Meine Übersicht', en: 'My dashboard' },
  'nav.login': { nl: 'Aanmelden', fr: 'Se connecter', de: 'Anmelden', en: 'Log in' },
  'nav.logout': { nl: 'Afmelden', fr: 'Se déconnecter', de: 'Abmelden', en: 'Log out' },
  'nav.signup': { nl: 'Account maken', fr: 'Créer un compte', de: 'Konto erstellen', en: 'Create an account' },

  'form.yes': { nl: 'Ja', fr: 'Oui', de: 'Ja', en: 'Yes' },
  'form.no': { nl: 'Nee', fr: 'Non', de: 'Nein', en: 'No' },
  'form.save': { nl: 'Opslaan', fr: 'Enregistrer', de: 'Speichern', en: 'Save' },
  'form.select': { nl: 'Kies…', fr: 'Choisissez…', de: 'Bitte wählen…', en: 'Choose…' },
  'form.problem': { nl: 'Er is een probleem', fr: 'Il y a un problème', de: 'Es gibt ein Problem', en: 'There is a problem' },
  'form.error.required': {
    nl: 'Vul dit veld in.',
    fr: 'Remplissez ce champ.',
    de: 'Bitte füllen Sie dieses Feld aus.',
    en: 'Fill in this field.',
  },
  'form.error.email': {
    nl: 'Vul een geldig e-mailadres in, zoals naam@voorbeeld.be.',
    fr: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.be.',
    de: 'Geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@beispiel.be.',
    en: 'Enter a valid e-mail address, like name@example.be.',
  },
  'form.error.too_long': {
    nl: 'Dit is te lang. Maak het korter.',
    fr: 'C’est trop long. Raccourcissez le texte.',
    de: 'Das ist zu lang. Bitte kürzen Sie den Text.',
    en: 'This is too long. Make it shorter.',
  },
  'form.error.invalid': {
    nl: 'Dit klopt niet. Kijk het na en probeer opnieuw.',
    fr: 'Cette valeur n’est pas valable. Vérifiez-la et réessayez.',
    de: 'Dieser Wert ist ungültig. Bitte prüfen Sie ihn und versuchen Sie es erneut.',
    en: 'This is not valid. Check it and try again.',
  },
  'form.error.choose': { nl: 'Maak een keuze.', fr: 'Faites un choix.', de: 'Bitte wählen Sie eine Option.', en: 'Choose an option.' },
});

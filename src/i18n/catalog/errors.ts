import { defineMessages } from '../define.ts';

/** Messages for the error codes in src/http/errors.ts, the error page, and single invalid API fields. */
export const errors = defineMessages({
  'error.bad_request': {
    nl: 'Er klopt iets niet in je aanvraag. Kijk na wat je hebt ingevuld en probeer opnieuw.',
    fr: 'Votre demande contient une erreur. Vérifiez ce que vous avez saisi et réessayez.',
    de: 'In Ihrer Anfrage stimmt etwas nicht. Prüfen Sie Ihre Eingaben und versuchen Sie es erneut.',
    en: 'Something in your request is not right. Check what you entered and try again.',
  },
  'error.invalid_json': {
    nl: 'We konden de gegevens niet lezen: het is geen geldige JSON.',
    fr: 'Nous n’avons pas pu lire les données\u00a0: ce n’est pas du JSON valide.',
    de: 'Wir konnten die Daten nicht lesen: Es ist kein gültiges JSON.',
    en: 'We could not read the data: it is not valid JSON.',
  },
  'error.validation_failed': {
    nl: 'Sommige gegevens kloppen niet. Kijk ze na en probeer opnieuw.',
    fr: 'Certaines données ne sont pas valables. Vérifiez-les et réessayez.',
    de: 'Einige Angaben sind ungültig. Bitte prüfen Sie sie und versuchen Sie es erneut.',
    en: 'Some of the details are not valid. Check them and try again.',
  },
  'error.unauthenticated': {
    nl: 'Je moet aangemeld zijn om verder te gaan. Meld je aan en probeer opnieuw.',
    fr: 'Vous devez vous connecter pour continuer. Connectez-vous et réessayez.',
    de: 'Sie müssen angemeldet sein, um fortzufahren. Melden Sie sich an und versuchen Sie es erneut.',
    en: 'You need to log in to continue. Log in and try again.',
  },
  'error.insufficient_scope': {
    nl: 'Je toegangstoken geeft geen toestemming voor deze actie.',
    fr: 'Votre jeton d’accès ne permet pas cette action.',
    de: 'Ihr Zugriffstoken erlaubt diese Aktion nicht.',
    en: 'Your access token does not allow this action.',
  },
  'error.mfa_required': {
    nl: 'Dit bedrijf vraagt dat iedereen zich in twee stappen aanmeldt. Zet aanmelden in twee stappen aan in je account; daarna werkt je sleutel weer.',
    fr: 'Cette entreprise demande à chacun de se connecter en deux étapes. Activez la connexion en deux étapes dans votre compte\u00a0; votre clé fonctionnera ensuite à nouveau.',
    de: 'Dieses Unternehmen verlangt von allen die Anmeldung in zwei Schritten. Schalten Sie sie in Ihrem Konto ein; danach funktioniert Ihr Schlüssel wieder.',
    en: 'This company asks everyone to use two-step login. Switch on two-step login in your account; then your key works again.',
  },
  'error.forbidden': {
    nl: 'Je hebt geen toegang tot deze pagina of actie.',
    fr: 'Vous n’avez pas accès à cette page ou à cette action.',
    de: 'Sie haben keinen Zugriff auf diese Seite oder Aktion.',
    en: 'You do not have access to this page or action.',
  },
  'error.csrf_failed': {
    nl: 'Het formulier is verlopen of kwam van een andere website. Laad de pagina opnieuw en probeer nog eens.',
    fr: 'Le formulaire a expiré ou provient d’un autre site. Rechargez la page et réessayez.',
    de: 'Das Formular ist abgelaufen oder stammt von einer anderen Website. Laden Sie die Seite neu und versuchen Sie es erneut.',
    en: 'The form has expired or came from another website. Reload the page and try again.',
  },
  'error.not_found': {
    nl: 'We vinden deze pagina niet. Kijk het adres na of ga naar de startpagina.',
    fr: 'Nous ne trouvons pas cette page. Vérifiez l’adresse ou retournez à l’accueil.',
    de: 'Wir finden diese Seite nicht. Prüfen Sie die Adresse oder gehen Sie zur Startseite.',
    en: 'We cannot find this page. Check the address or go to the home page.',
  },
  'error.invalid_filter': {
    nl: 'Een of meer filters hebben een waarde die we niet kennen. Het veld issues zegt welke.',
    fr: 'Un ou plusieurs filtres ont une valeur que nous ne connaissons pas. Le champ issues indique lesquels.',
    de: 'Ein oder mehrere Filter haben einen Wert, den wir nicht kennen. Das Feld issues nennt sie.',
    en: 'One or more filters have a value we do not know. The issues field says which.',
  },
  'error.release_not_found': {
    nl: 'Deze open-datapublicatie bestaat niet. De lijst van publicaties staat op de pagina Open cijfers.',
    fr: 'Cette publication de données ouvertes n’existe pas. La liste des publications se trouve sur la page Données ouvertes.',
    de: 'Diese Open-Data-Veröffentlichung gibt es nicht. Die Liste der Veröffentlichungen finden Sie auf der Seite Offene Daten.',
    en: 'This open-data release does not exist. The list of releases is on the Open data page.',
  },
  'error.method_not_allowed': {
    nl: 'Deze actie is hier niet mogelijk.',
    fr: 'Cette action n’est pas possible ici.',
    de: 'Diese Aktion ist hier nicht möglich.',
    en: 'This action is not possible here.',
  },
  'error.payload_too_large': {
    nl: 'Wat je verstuurt is te groot.',
    fr: 'Les données envoyées sont trop volumineuses.',
    de: 'Die gesendeten Daten sind zu groß.',
    en: 'What you sent is too large.',
  },
  'error.unsupported_media_type': {
    nl: 'Dit soort gegevens kunnen we niet verwerken.',
    fr: 'Nous ne pouvons pas traiter ce type de données.',
    de: 'Diese Art von Daten können wir nicht verarbeiten.',
    en: 'We cannot process this type of data.',
  },
  'error.rate_limited': {
    nl: 'Te veel pogingen. Wacht even en probeer het later opnieuw.',
    fr: 'Trop de tentatives. Patientez un moment et réessayez plus tard.',
    de: 'Zu viele Versuche. Warten Sie einen Moment und versuchen Sie es später erneut.',
    en: 'Too many attempts. Wait a while and try again later.',
  },
  'error.rate_limited_minutes': {
    nl: 'Te veel pogingen. Wacht {minutes} min. en probeer het dan opnieuw.',
    fr: 'Trop de tentatives. Attendez {minutes}\u00a0min avant de réessayer.',
    de: 'Zu viele Versuche. Warten Sie {minutes} Min. und versuchen Sie es dann erneut.',
    en: 'Too many attempts. Wait {minutes} min and try again.',
  },
  'error.internal': {
    nl: 'Er ging bij ons iets mis. Probeer het later opnieuw.',
    fr: 'Un problème est survenu de notre côté. Réessayez plus tard.',
    de: 'Bei uns ist ein Fehler aufgetreten. Versuchen Sie es später erneut.',
    en: 'Something went wrong on our side. Try again later.',
  },
  'error.unavailable': {
    nl: 'Schild is even niet beschikbaar. Probeer het later opnieuw.',
    fr: 'Schild est momentanément indisponible. Réessayez plus tard.',
    de: 'Schild ist vorübergehend nicht verfügbar. Versuchen Sie es später erneut.',
    en: 'Schild is not available right now. Try again later.',
  },
  'error.storage_full': {
    nl: 'Schild kan nu niets opslaan: de opslag is vol. Er is niets gewijzigd. Bekijken gaat nog; probeer het later opnieuw.',
    fr: 'Schild ne peut rien enregistrer pour l’instant\u00a0: l’espace de stockage est plein. Rien n’a été modifié. La consultation fonctionne toujours\u00a0; réessayez plus tard.',
    de: 'Schild kann gerade nichts speichern: Der Speicher ist voll. Es wurde nichts geändert. Ansehen geht weiterhin; versuchen Sie es später erneut.',
    en: 'Schild cannot save anything right now: its storage is full. Nothing was changed. You can still look things up; try again later.',
  },

  'error.page.title': { nl: 'Dat lukte niet', fr: 'Cela n’a pas fonctionné', de: 'Das hat nicht geklappt', en: 'That did not work' },
  'error.page.not_found_title': { nl: 'Pagina niet gevonden', fr: 'Page introuvable', de: 'Seite nicht gefunden', en: 'Page not found' },
  'error.page.server_title': {
    nl: 'Er ging iets mis',
    fr: 'Un problème est survenu',
    de: 'Etwas ist schiefgelaufen',
    en: 'Something went wrong',
  },
  'error.page.home': { nl: 'Naar de startpagina', fr: 'Retour à l’accueil', de: 'Zur Startseite', en: 'Go to the home page' },
  'error.page.code': { nl: 'Foutcode', fr: 'Code d’erreur', de: 'Fehlercode', en: 'Error code' },

  'api.issue.invalid_type': {
    nl: 'Deze waarde heeft het verkeerde type.',
    fr: 'Le type de cette valeur est incorrect.',
    de: 'Dieser Wert hat den falschen Typ.',
    en: 'This value has the wrong type.',
  },
  'api.issue.too_small': {
    nl: 'Deze waarde is te klein of te kort.',
    fr: 'Cette valeur est trop petite ou trop courte.',
    de: 'Dieser Wert ist zu klein oder zu kurz.',
    en: 'This value is too small or too short.',
  },
  'api.issue.too_big': {
    nl: 'Deze waarde is te groot of te lang.',
    fr: 'Cette valeur est trop grande ou trop longue.',
    de: 'Dieser Wert ist zu groß oder zu lang.',
    en: 'This value is too large or too long.',
  },
  'api.issue.invalid_value': {
    nl: 'Deze waarde is niet toegelaten.',
    fr: 'Cette valeur n’est pas autorisée.',
    de: 'Dieser Wert ist nicht erlaubt.',
    en: 'This value is not allowed.',
  },
  'api.issue.invalid_format': {
    nl: 'Deze waarde heeft niet het juiste formaat.',
    fr: 'Le format de cette valeur est incorrect.',
    de: 'Dieser Wert hat nicht das richtige Format.',
    en: 'This value is not in the right format.',
  },
  'api.issue.unrecognized_keys': {
    nl: 'Hier staan velden in die we niet kennen.',
    fr: 'Contient des champs inconnus.',
    de: 'Enthält unbekannte Felder.',
    en: 'Contains fields we do not recognise.',
  },
});

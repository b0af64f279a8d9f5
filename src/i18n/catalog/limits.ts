import { defineMessages } from '../define.ts';

/** Limits on incidents, phishing campaigns and staff lists (docs/operations.md, "Security rules and limits"). */
export const limits = defineMessages({
  'limit.incident.title': { nl: 'Je hebt een grens bereikt', fr: 'Vous avez atteint une limite', de: 'Sie haben eine Grenze erreicht', en: 'You have reached a limit' },
  'limit.incident.changes': {
    nl: 'Er werden in korte tijd heel veel wijzigingen aan deze melding gedaan. Om misbruik te voorkomen, bewaart Schild deze laatste wijziging niet. Alles wat je eerder bewaarde, blijft bewaard.',
    fr: 'Ce signalement a été modifié un très grand nombre de fois en peu de temps. Pour éviter les abus, Schild n’a pas enregistré cette dernière modification. Tout ce que vous avez enregistré avant est conservé.',
    de: 'Diese Meldung wurde in kurzer Zeit sehr oft geändert. Um Missbrauch zu verhindern, hat Schild diese letzte Änderung nicht gespeichert. Alles, was Sie vorher gespeichert haben, bleibt erhalten.',
    en: 'This report was changed a great many times in a short time. To prevent abuse, Schild did not save this last change. Everything you saved before is kept.',
  },
  'limit.incident.company_reports': {
    nl: 'Je meldde vandaag al heel veel incidenten voor dit bedrijf. Om misbruik te voorkomen, bewaart Schild deze nieuwe melding niet. De incidenten die je eerder meldde, blijven bewaard.',
    fr: 'Vous avez déjà signalé un très grand nombre d’incidents pour cette entreprise aujourd’hui. Pour éviter les abus, Schild n’a pas enregistré ce nouveau signalement. Les incidents signalés avant sont conservés.',
    de: 'Sie haben heute schon sehr viele Vorfälle für dieses Unternehmen gemeldet. Um Missbrauch zu verhindern, hat Schild diese neue Meldung nicht gespeichert. Die vorher gemeldeten Vorfälle bleiben erhalten.',
    en: 'You have already reported a great many incidents for this company today. To prevent abuse, Schild did not save this new report. The incidents you reported before are kept.',
  },
  'limit.incident.when': {
    nl: 'Je kan verder vanaf {time}, over ongeveer {wait}.',
    fr: 'Vous pourrez continuer à partir du {time}, dans environ {wait}.',
    de: 'Sie können ab {time} weitermachen, in etwa {wait}.',
    en: 'You can continue from {time}, in about {wait}.',
  },
  'limit.incident.unsaved_text': {
    nl: 'Deze tekst werd niet bewaard. Kopieer hem om hem later opnieuw toe te voegen:',
    fr: 'Ce texte n’a pas été enregistré. Copiez-le pour l’ajouter plus tard\u00a0:',
    de: 'Dieser Text wurde nicht gespeichert. Kopieren Sie ihn, um ihn später erneut hinzuzufügen:',
    en: 'This text was not saved. Copy it to add it again later:',
  },
  'limit.incident.back_to_report': { nl: 'Terug naar de melding', fr: 'Retour au signalement', de: 'Zurück zur Meldung', en: 'Back to the report' },
  'limit.incident.back_to_list': { nl: 'Naar de incidenten van je bedrijf', fr: 'Vers les incidents de votre entreprise', de: 'Zu den Vorfällen Ihres Unternehmens', en: 'To your company’s incidents' },
  'limit.campaigns': {
    nl: 'Je bedrijf plande vandaag al heel veel oefencampagnes. Deze campagne werd niet gepland en er vertrekt geen e-mail. Probeer het opnieuw over {wait}.',
    fr: 'Votre entreprise a déjà planifié un très grand nombre de campagnes d’exercice aujourd’hui. Cette campagne n’a pas été planifiée et aucun e-mail ne part. Réessayez dans {wait}.',
    de: 'Ihr Unternehmen hat heute schon sehr viele Übungskampagnen geplant. Diese Kampagne wurde nicht geplant, und es wird keine E-Mail verschickt. Versuchen Sie es in {wait} erneut.',
    en: 'Your company has already planned a great many practice campaigns today. This campaign was not planned and no e-mail goes out. Try again in {wait}.',
  },
  'limit.people': {
    nl: 'De personenlijst van je bedrijf werd in korte tijd heel vaak aangevuld. Deze wijziging werd niet bewaard; wie al op de lijst stond, blijft erop. Probeer het opnieuw over {wait}.',
    fr: 'La liste des personnes de votre entreprise a été complétée un très grand nombre de fois en peu de temps. Cette modification n’a pas été enregistrée\u00a0; les personnes déjà sur la liste y restent. Réessayez dans {wait}.',
    de: 'Die Personenliste Ihres Unternehmens wurde in kurzer Zeit sehr oft ergänzt. Diese Änderung wurde nicht gespeichert; wer schon auf der Liste steht, bleibt darauf. Versuchen Sie es in {wait} erneut.',
    en: 'Your company’s staff list was added to a great many times in a short time. This change was not saved; everyone already on the list stays on it. Try again in {wait}.',
  },
});

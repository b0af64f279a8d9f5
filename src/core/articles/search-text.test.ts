import { describe, expect, it } from 'vitest';
import { cleanText, foldText, fts5Query, MAX_QUERY_TERMS, queryWords, stem, stemDutch, stemFrench, stemGerman, stems, words } from './search-text.ts';
import { thesaurusKeywords } from './search-thesaurus.ts';

describe('folding (accents and umlauts do not matter to the search)', () => {
  it('removes accents, umlauts and ligatures and lowers the case', () => {
    expect(foldText('Télétravail')).toBe('teletravail');
    expect(foldText('Schlüssel Größe')).toBe('schlussel grosse');
    expect(foldText('Œuvre Kopieën')).toBe('oeuvre kopieen');
  });
  it('keeps only letters and digits, so no search syntax survives', () => {
    expect(cleanText('"mot" NEAR(passe*) title:x \u0000 -2FA')).toBe('mot near passe title x 2fa');
    expect(words('l’entreprise kmo’s')).toEqual(['entreprise', 'kmo']);
  });
});

describe('light stemmers (Snowball-style suffix stripping, docs/content.md "Search")', () => {
  it('Dutch: plural -en, -s and -e, doubled consonants undone', () => {
    expect(stemDutch('stappen')).toBe('stap');
    expect(stemDutch('stap')).toBe('stap');
    expect(stemDutch('wachtwoorden')).toBe(stemDutch('wachtwoord'));
    expect(stemDutch('computers')).toBe('computer');
    expect(stemDutch('mogelijkheden')).toBe('mogelijkheid');
    expect(stemDutch('twee')).toBe('twee');
  });
  it('French: plural and feminine endings, infinitive -er', () => {
    for (const w of ['sauvegarde', 'sauvegardes', 'sauvegarder', 'sauvegardee', 'sauvegardez']) expect(stemFrench(w)).toBe('sauvegard');
    expect(stemFrench('etapes')).toBe(stemFrench('etape'));
    expect(stemFrench('journaux')).toBe('journal');
  });
  it('German: -ern, -en, -er, -e, -n, -s', () => {
    expect(stemGerman('schritten')).toBe('schritt');
    expect(stemGerman('schritte')).toBe('schritt');
    expect(stemGerman('passworter')).toBe('passwort');
    expect(stemGerman('sicherungskopien')).toBe(stemGerman('sicherungskopie'));
  });
  it('leaves English to the engines (FTS5 porter, PostgreSQL english)', () => {
    expect(stem('updates', 'en')).toBe('updates');
  });
  it('stems whole texts after folding', () => {
    expect(stems('Sauvegardes régulières', 'fr')).toEqual(stems('sauvegarde reguliere', 'fr'));
  });
});

describe('queries are user text', () => {
  it('drops small words and bounds the number of words', () => {
    expect(queryWords('Hoe maak ik een back-up?', 'nl')).toEqual(['maak', 'back', 'up']);
    expect(queryWords(Array.from({ length: 40 }, (_, i) => `woord${i}`).join(' '), 'nl')).toHaveLength(MAX_QUERY_TERMS);
  });
  it('writes every word as an FTS5 string, so operators and column filters are plain words (sqlite.org/fts5.html §3.1)', () => {
    expect(fts5Query('NEAR(a b) OR title:sauvegardes* "x', 'fr')).toBe('"near" "or" "titl" "sauvegard"');
    expect(fts5Query('"" *** ^', 'en')).toBeNull();
    expect(fts5Query('de het een', 'nl')).toBeNull();
  });
});

describe('thesaurus keywords (the words owners type, docs/glossary.md "avoid" column)', () => {
  it('adds the other names of two-step login to a text that uses the glossary term', () => {
    const kw = thesaurusKeywords('Zet aanmelden in twee stappen aan voor je mail.', 'nl');
    expect(kw).toContain('tweestapsverificatie');
    expect(kw).toContain('verificatie in twee stappen');
  });
  it('matches inflected forms and nothing for unrelated texts', () => {
    expect(thesaurusKeywords('Mit aktuellen Sicherungen verlieren Sie nur einen Tag.', 'de')).toContain('Sicherungskopie');
    expect(thesaurusKeywords('Een slot op de deur.', 'nl')).toEqual([]);
  });
});

// The real content file is loaded so that the data and the code are checked together. A JSON import keeps
// this test inside core/'s no-I/O lint rule.
import { describe, expect, it } from 'vitest';
import naceJson from '../../content/nace-bel.json' with { type: 'json' };
import keywordsJson from '../../content/sector-keywords.json' with { type: 'json' };
import { LOCALES } from './locale.ts';
import { divisionOf, findNace, isSelectableNaceCode, searchNace, validateNaceList, withSectorKeywords, type NaceList } from './nace.ts';

const list = validateNaceList(naceJson);

function codes(entries: { code: string }[]): string[] {
  return entries.map((e) => e.code);
}

/** A small valid list to break in one place per test. */
function tiny(): NaceList {
  const title = (en: string) => ({
    nl: `${en} nl`,
    fr: `${en} fr`,
    de: `${en} de`,
    en,
  });
  return {
    version: 'test',
    entries: [
      {
        code: 'N',
        level: 'section',
        parent: null,
        title: title('Professional'),
      },
      {
        code: '69',
        level: 'division',
        parent: 'N',
        title: title('Legal and accounting'),
      },
      {
        code: '69.2',
        level: 'group',
        parent: '69',
        title: title('Accounting'),
      },
    ],
  };
}

describe('content/nace-bel.json', () => {
  it('passes validation and has the full NACE Rev. 2.1 structure', () => {
    const count = (level: string) => list.entries.filter((e) => e.level === level).length;
    expect(count('section')).toBeGreaterThanOrEqual(21);
    expect(count('division')).toBeGreaterThanOrEqual(80);
    expect(count('group')).toBeGreaterThanOrEqual(200);
    // The official Rev. 2.1 counts; a change here means codes were added or lost.
    expect([count('section'), count('division'), count('group')]).toEqual([22, 87, 287]);
  });

  it('has the expected titles for some well-known codes in all four languages', () => {
    const legal = findNace(list, '69');
    expect(legal?.level).toBe('division');
    expect(legal?.title.en).toMatch(/legal and accounting/i);
    expect(legal?.title.nl).toMatch(/rechtskundige.*boekhoudkundige/i);
    expect(legal?.title.fr).toMatch(/juridiques et comptables/i);
    expect(legal?.title.de).toMatch(/rechts.*steuerberatung/i);

    const food = findNace(list, '56');
    expect(food?.title.en).toMatch(/food and beverage service/i);
    expect(food?.title.nl).toMatch(/eet- en drinkgelegenheden/i);
    expect(food?.title.fr).toMatch(/restauration/i);
    expect(food?.title.de).toMatch(/gastronomie/i);

    const retail = findNace(list, '47');
    expect(retail?.title.en).toMatch(/retail/i);
    expect(retail?.title.nl).toMatch(/detailhandel/i);
    expect(retail?.title.fr).toMatch(/commerce de détail/i);
    expect(retail?.title.de).toMatch(/einzelhandel/i);
  });

  it('follows Rev. 2.1, not Rev. 2 (spot checks of what changed)', () => {
    expect(findNace(list, '45')).toBeUndefined(); // motor trade moved into 46/47/95
    expect(findNace(list, '95.3')?.title.en).toMatch(/motor vehicles/i);
    expect(findNace(list, 'K')?.title.en).toMatch(/telecommunication/i);
    expect(findNace(list, '63.1')?.title.en).toMatch(/computing infrastructure/i);
  });
});

describe('searchNace', () => {
  it('finds accounting by a Dutch word stem', () => {
    expect(codes(searchNace(list, 'boekhoud', 'nl'))).toContain('69.2');
  });

  it('finds hairdressing by a French stem, first, and without accents mattering', () => {
    const hits = searchNace(list, 'coiff', 'fr');
    expect(hits[0]?.code).toBe('96.2');
    expect(codes(searchNace(list, 'TÉLÉCOMMUNICATIONS', 'fr'))).toEqual(
      codes(searchNace(list, 'telecommunications', 'fr')),
    );
  });

  it('ranks the exact code first, then codes starting with it', () => {
    const hits = codes(searchNace(list, '69', 'nl'));
    expect(hits[0]).toBe('69');
    expect(hits.slice(1)).toEqual(['69.1', '69.2']);
    expect(codes(searchNace(list, '69.2', 'en'))).toEqual(['69.2']);
    expect(codes(searchNace(list, '692', 'en'))).toEqual(['69.2']);
  });

  it('requires all words and ranks the chosen language before the others', () => {
    // All words, in any order: only 58.2 has both in its Dutch title ("Uitgeverijen van software").
    expect(codes(searchNace(list, 'software uitgeverijen', 'nl'))).toContain('58.2');
    expect(codes(searchNace(list, 'software uitgeverijen boeken', 'nl'))).toEqual(['58.1']);
    // "transport" is in the Dutch titles of 30 ("transportmiddelen") and in the English ones of 49 and
    // more; on the Dutch site the Dutch hits come first.
    const transport = codes(searchNace(list, 'transport', 'nl', 100));
    expect(transport.indexOf('30')).toBeGreaterThanOrEqual(0);
    expect(transport.indexOf('30')).toBeLessThan(transport.indexOf('49'));
    // English word typed on the Dutch site: still found, through the English title.
    expect(codes(searchNace(list, 'hairdressing', 'nl'))).toContain('96.2');
    const nl = searchNace(list, 'restaurant', 'nl');
    expect(nl[0]?.code).toBe('56.1');
  });

  it('never returns sections, respects the limit and handles empty queries', () => {
    for (const q of ['a', 'industrie', 'handel', '4']) {
      expect(searchNace(list, q, 'nl').every((e) => e.level !== 'section')).toBe(true);
    }
    expect(searchNace(list, 'a', 'en', 5)).toHaveLength(5);
    expect(searchNace(list, 'a', 'en')).toHaveLength(20);
    expect(searchNace(list, '   ', 'en')).toEqual([]);
    expect(searchNace(list, '—', 'en')).toEqual([]);
    expect(searchNace(list, 'boekhoud', 'nl', 0)).toEqual([]);
  });
});

describe('findNace, isSelectableNaceCode, divisionOf', () => {
  it('finds codes in their usual written forms', () => {
    expect(findNace(list, ' 69.2 ')?.code).toBe('69.2');
    expect(findNace(list, '692')?.code).toBe('69.2');
    expect(findNace(list, 'k')?.code).toBe('K');
    expect(findNace(list, '00')).toBeUndefined();
  });

  it('lets companies choose divisions and groups only', () => {
    expect(isSelectableNaceCode(list, '69')).toBe(true);
    expect(isSelectableNaceCode(list, '69.2')).toBe(true);
    expect(isSelectableNaceCode(list, 'N')).toBe(false);
    expect(isSelectableNaceCode(list, '69.9')).toBe(false);
    expect(isSelectableNaceCode(list, '')).toBe(false);
  });

  it('maps any finer code onto its division', () => {
    expect(divisionOf('69')).toBe('69');
    expect(divisionOf('69.2')).toBe('69');
    expect(divisionOf('69.20')).toBe('69');
    expect(divisionOf('69.201')).toBe('69');
    expect(divisionOf('01.1')).toBe('01');
    expect(() => divisionOf('N')).toThrow();
    expect(() => divisionOf('6')).toThrow();
  });
});

describe('validateNaceList', () => {
  it('accepts a small valid list and every title language is checked', () => {
    expect(validateNaceList(tiny()).entries).toHaveLength(3);
    expect(LOCALES).toHaveLength(4);
  });

  it('rejects a duplicate code', () => {
    const bad = tiny();
    bad.entries.push({ ...bad.entries[2]! });
    expect(() => validateNaceList(bad)).toThrow(/duplicate code 69\.2/);
  });

  it('rejects a missing or empty translation', () => {
    const missing = JSON.parse(JSON.stringify(tiny())) as {
      entries: { title: Record<string, string> }[];
    };
    delete missing.entries[1]!.title.de;
    expect(() => validateNaceList(missing)).toThrow(/entries\.1\.title\.de/);

    const empty = tiny();
    empty.entries[2]!.title.fr = '  ';
    expect(() => validateNaceList(empty)).toThrow(/69\.2: title in fr is empty/);
  });

  it('rejects an orphan, a parent of the wrong level and a group outside its division', () => {
    const orphan = tiny();
    orphan.entries[2]!.parent = '70';
    expect(() => validateNaceList(orphan)).toThrow(/parent 70 does not exist/);

    const wrongLevel = tiny();
    wrongLevel.entries[2]!.parent = 'N';
    expect(() => validateNaceList(wrongLevel)).toThrow(/parent N is a section, expected a division/);

    const sectionWithParent = tiny();
    sectionWithParent.entries[0]!.parent = '69';
    expect(() => validateNaceList(sectionWithParent)).toThrow(/a section has no parent/);

    const outside = tiny();
    outside.entries.push({
      code: '70.1',
      level: 'group',
      parent: '69',
      title: outside.entries[2]!.title,
    });
    expect(() => validateNaceList(outside)).toThrow(/70\.1: group is not inside its parent division 69/);
  });

  it('rejects badly formatted codes, wrong shapes and lists every problem at once', () => {
    const format = tiny();
    format.entries[1]!.code = '6a';
    format.entries[2]!.parent = '6a';
    expect(() => validateNaceList(format)).toThrow(/6a: code does not have the format of a division/);

    expect(() => validateNaceList(null)).toThrow(/Invalid NACE list/);
    expect(() => validateNaceList({ version: 'x', entries: [] })).toThrow(/entries/);
    expect(() =>
      validateNaceList({
        version: 'x',
        entries: [{ code: '01', level: 'class' }],
      }),
    ).toThrow(/level/);

    const several = tiny();
    several.entries[1]!.title.nl = '';
    several.entries[2]!.parent = '70';
    const message = (() => {
      try {
        validateNaceList(several);
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(/69: title in nl is empty/);
    expect(message).toMatch(/parent 70 does not exist/);
  });
});

describe('searching by the word for a trade (content/sector-keywords.json)', () => {
  const withWords = withSectorKeywords(list, keywordsJson);
  const top = (q: string, locale: 'nl' | 'fr' | 'de' | 'en', n = 3) => codes(searchNace(withWords, q, locale, n));

  it('finds the sector from everyday words in each language, with and without accents or capitals', () => {
    expect(top('boekhouding', 'nl')).toContain('69.2');
    expect(top('boekhouder', 'nl')).toContain('69.2');
    expect(top('bakker', 'nl')).toContain('10.7');
    expect(top('kapper', 'nl')[0]).toBe('96.2');
    expect(top('coiffeur', 'fr')[0]).toBe('96.2');
    expect(top('Coiffeur', 'fr')[0]).toBe('96.2');
    expect(top('comptable', 'fr')[0]).toBe('69.2');
    expect(top('pâtissier', 'fr')).toContain('10.7');
    expect(top('patissier', 'fr')).toContain('10.7');
    expect(top('Schreiner', 'de')).toContain('16.2');
    expect(top('schreiner', 'de')).toContain('43.3');
    expect(top('Bäcker', 'de')).toContain('10.7');
    expect(top('Backer', 'de')).toContain('10.7');
    expect(top('Friseur', 'de')[0]).toBe('96.2');
    expect(top('hairdresser', 'en')[0]).toBe('96.2');
  });

  it('finds a trade typed in another language too, after the hits of the page language', () => {
    expect(top('coiffeur', 'nl', 5)).toContain('96.2');
    expect(top('Friseur', 'fr', 5)).toContain('96.2');
  });

  it('still finds by start of word and by statistical title', () => {
    expect(top('kapp', 'nl')[0]).toBe('96.2');
    expect(top('restaurant', 'en')).toContain('56.1');
  });

  it('refuses keywords for a code that cannot be chosen, or without all four languages', () => {
    const words = { nl: ['x1'], fr: ['x1'], de: ['x1'], en: ['x1'] };
    expect(() => withSectorKeywords(list, { reviewed: '2026-12-05', keywords: { '99.9': words } })).toThrow(/99\.9/);
    expect(() => withSectorKeywords(list, { reviewed: '2026-12-05', keywords: { '96.2': { ...words, de: [] } } })).toThrow(/96\.2 has no words in de/);
  });
});

import { describe, expect, it } from 'vitest';
import { MIN_CELL_COMPANIES } from '../stats/cells.ts';
import { brusselsDate, isCalendarDate, isOfferOpen, offerFigures, validateOffer } from './offer.ts';

const catalogue = { lessons: ['passphrases', 'backups'], templates: ['parcel-delivery'] };
const today = '2026-12-06';
const texts = { title_en: 'Spring challenge', body_en: 'Finish two lessons.' };

describe('validateOffer', () => {
  it('accepts a training challenge ending after today, its lessons from the catalogue', () => {
    const r = validateOffer({ kind: 'training_challenge', texts, lessons: ['passphrases', 'backups'], templateId: undefined, startsOn: undefined, endsOn: '2027-01-31' }, today, catalogue);
    expect(r).toEqual({ ok: true, draft: { kind: 'training_challenge', texts: { en: { title: 'Spring challenge', body: 'Finish two lessons.' } }, lessons: ['passphrases', 'backups'], templateId: null, startsOn: today, endsOn: '2027-01-31' } });
  });

  it('refuses unknown lessons, dates today or in the past, impossible dates and more than a year ahead', () => {
    const base = { kind: 'training_challenge', texts, templateId: undefined, startsOn: undefined };
    const problems = (input: Record<string, unknown>) => {
      const r = validateOffer({ ...base, lessons: ['passphrases'], endsOn: '2027-01-31', ...input } as never, today, catalogue);
      return r.ok ? {} : r.problems;
    };
    expect(problems({ lessons: ['passphrases', 'nope'] })).toEqual({ lessons: 'lessons' });
    expect(problems({ lessons: [] })).toEqual({ lessons: 'lessons' });
    expect(problems({ endsOn: today })).toEqual({ endsOn: 'past' });
    expect(problems({ endsOn: '2027-02-30' })).toEqual({ endsOn: 'date' });
    expect(problems({ endsOn: '2028-01-31' })).toEqual({ endsOn: 'too_far' });
    expect(problems({ kind: 'raffle' })).toMatchObject({ kind: 'required' });
  });

  it('needs a title and a text together in at least one language, within bounds (same rule as announcements)', () => {
    const r = (t: Record<string, unknown>) => validateOffer({ kind: 'training_challenge', texts: t, lessons: 'backups', templateId: undefined, startsOn: undefined, endsOn: '2027-01-31' }, today, catalogue);
    expect(r({})).toMatchObject({ ok: false, problems: { texts: 'texts' } });
    expect(r({ title_fr: 'Titre seul' })).toMatchObject({ ok: false, problems: { texts: 'texts' } });
    expect(r({ title_nl: 'x'.repeat(121), body_nl: 'tekst' })).toMatchObject({ ok: false, problems: { texts: 'texts' } });
    expect(r({ title_nl: ['a', 'b'], body_nl: 'tekst' })).toMatchObject({ ok: false, problems: { texts: 'texts' } });
    expect(r({ title_de: 'Titel', body_de: 'Text' })).toMatchObject({ ok: true });
  });

  it('a phishing exercise has a known template and a window in the future, first day before last, at most 92 days', () => {
    const r = (input: Record<string, unknown>) => validateOffer({ kind: 'phishing_test', texts, lessons: undefined, templateId: 'parcel-delivery', startsOn: '2027-01-10', endsOn: '2027-01-31', ...input }, today, catalogue);
    expect(r({})).toMatchObject({ ok: true, draft: { templateId: 'parcel-delivery', startsOn: '2027-01-10', endsOn: '2027-01-31', lessons: [] } });
    expect(r({ templateId: 'bank-fraud' })).toMatchObject({ ok: false, problems: { templateId: 'template' } });
    expect(r({ startsOn: today })).toMatchObject({ ok: false, problems: { startsOn: 'past' } });
    expect(r({ endsOn: '2027-01-09' })).toMatchObject({ ok: false, problems: { endsOn: 'order' } });
    expect(r({ endsOn: '2027-04-12' })).toMatchObject({ ok: false, problems: { endsOn: 'window' } });
    expect(r({ endsOn: '2027-04-11' })).toMatchObject({ ok: true });
  });
});

describe('offerFigures: the small-cell rule (docs/statistics.md, MIN_CELL_COMPANIES)', () => {
  const under = MIN_CELL_COMPANIES - 1;
  it(`hides the accepted count and the outcome below ${MIN_CELL_COMPANIES} companies`, () => {
    expect(offerFigures('training_challenge', { accepted: under, training: { companies: under, invited: 40, finished: 10 } })).toEqual({ accepted: null, outcome: null });
    // Enough companies accepted, but fewer have staff invited: the count shows, the outcome does not.
    expect(offerFigures('training_challenge', { accepted: 12, training: { companies: under, invited: 40, finished: 10 } })).toEqual({ accepted: 12, outcome: null });
  });

  it(`shows both from ${MIN_CELL_COMPANIES} companies, as whole percentages`, () => {
    expect(offerFigures('training_challenge', { accepted: 10, training: { companies: 10, invited: 30, finished: 10 } })).toEqual({
      accepted: 10,
      outcome: { kind: 'training_challenge', companies: 10, invitedStaff: 30, finishedShare: 33 },
    });
    expect(offerFigures('phishing_test', { accepted: 11, phishing: { companies: 10, sent: 200, reported: 50, clicked: 21 } })).toEqual({
      accepted: 11,
      outcome: { kind: 'phishing_test', companies: 10, sent: 200, reportRate: 25, clickRate: 11 },
    });
  });
});

describe('dates', () => {
  it('knows real calendar dates and the Brussels date around midnight UTC', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2027-1-5')).toBe(false);
    // 23:30 UTC on 6 December is 00:30 on 7 December in Brussels (UTC+1 in winter).
    expect(brusselsDate(new Date('2026-12-06T23:30:00Z'))).toBe('2026-12-07');
  });

  it('an offer is open until its last day, unless withdrawn', () => {
    expect(isOfferOpen({ withdrawnAt: null, endsOn: today }, today)).toBe(true);
    expect(isOfferOpen({ withdrawnAt: null, endsOn: '2026-12-05' }, today)).toBe(false);
    expect(isOfferOpen({ withdrawnAt: '2026-12-01T10:00:00Z', endsOn: '2027-01-01' }, today)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { MIN_CELL_COMPANIES } from '../stats/cells.ts';
import { publishesSnapshot } from './org-snapshots.ts';

// Disclosure by differencing between successive releases (Hundepool et al. 2012, ch. 5 §5.2): the threshold rule
// applies to the difference of two snapshots too.
describe('publishesSnapshot', () => {
  it('keeps a shown snapshot while fewer than 10 companies changed', () => {
    for (let changes = 1; changes < MIN_CELL_COMPANIES; changes++) {
      expect(publishesSnapshot({ published: true, publishedContributors: 24, changes })).toBe(false);
    }
    expect(publishesSnapshot({ published: true, publishedContributors: MIN_CELL_COMPANIES, changes: 1 })).toBe(false);
  });

  it('publishes once 10 companies changed, when nothing changed, and the first time', () => {
    expect(publishesSnapshot({ published: true, publishedContributors: 24, changes: MIN_CELL_COMPANIES })).toBe(true);
    expect(publishesSnapshot({ published: true, publishedContributors: 24, changes: 0 })).toBe(true);
    expect(publishesSnapshot({ published: false, publishedContributors: 0, changes: 3 })).toBe(true);
  });

  it('publishes at once when the shown snapshot rested on fewer than 10 companies (it showed no figure)', () => {
    expect(publishesSnapshot({ published: true, publishedContributors: MIN_CELL_COMPANIES - 1, changes: 1 })).toBe(true);
  });
});

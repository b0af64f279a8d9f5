import { describe, expect, it } from 'vitest';
import { nextSendTime, pauseAfterBatch, windowProblem, type SendingWindow } from './schedule.ts';

const w = (over: Partial<SendingWindow> = {}): SendingWindow => ({ startsAt: '2026-01-01T00:00:00.000Z', windowStart: '09:00', windowEnd: '17:00', weekdaysOnly: true, ...over });

describe('sending window in Europe/Brussels local time', () => {
  it('sends at once inside the window (winter: UTC+1)', () => {
    const now = new Date('2026-12-07T10:30:00Z'); // Monday 11:30 in Brussels
    expect(nextSendTime(now, w()).toISOString()).toBe(now.toISOString());
  });
  it('waits for the window to open the same morning, and for Monday after a Friday evening', () => {
    expect(nextSendTime(new Date('2026-12-07T06:00:00Z'), w()).toISOString()).toBe('2026-12-07T08:00:00.000Z');
    expect(nextSendTime(new Date('2026-12-11T17:00:00Z'), w()).toISOString()).toBe('2026-12-14T08:00:00.000Z');
  });
  it('keeps 09:00 local across the spring daylight-saving change (Sunday 29 March 2026: UTC+1 → UTC+2)', () => {
    // Friday 27 March 18:00 local (17:00Z, winter) → Monday 30 March 09:00 local = 07:00Z (summer).
    expect(nextSendTime(new Date('2026-03-27T17:00:00Z'), w()).toISOString()).toBe('2026-03-30T07:00:00.000Z');
    // Every day allowed: Sunday 29 March itself opens at 09:00 summer time.
    expect(nextSendTime(new Date('2026-03-28T20:00:00Z'), w({ weekdaysOnly: false })).toISOString()).toBe('2026-03-29T07:00:00.000Z');
  });
  it('keeps 09:00 local across the autumn change (Sunday 25 October 2026: UTC+2 → UTC+1)', () => {
    expect(nextSendTime(new Date('2026-10-23T16:00:00Z'), w()).toISOString()).toBe('2026-10-26T08:00:00.000Z');
  });
  it('does not start before the campaign start', () => {
    expect(nextSendTime(new Date('2026-12-07T10:00:00Z'), w({ startsAt: '2026-12-09T12:15:00.000Z' })).toISOString()).toBe('2026-12-09T12:15:00.000Z');
  });
  it('the window must be valid working hours', () => {
    expect(windowProblem('09:00', '17:00')).toBeNull();
    expect(windowProblem('17:00', '09:00')).toBe('window_order');
    expect(windowProblem('05:00', '09:00')).toBe('window_outside_hours');
    expect(windowProblem('9h', '17:00')).toBe('time_invalid');
  });
  it('paces batches to the rate', () => {
    expect(pauseAfterBatch(20, 20)).toBe(60_000);
    expect(pauseAfterBatch(10, 120)).toBe(5_000);
  });
});

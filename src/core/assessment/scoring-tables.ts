/**
 * Scoring is data, versioned. Every stored result records ALGORITHM_VERSION; change the version whenever a number
 * here or the method in engine.ts changes, so old results stay explainable. docs/assessment.md explains the method.
 */
export const ALGORITHM_VERSION = 'schild-assessment-1.2.0';

/** Credit an answer gives a control. "unknown", "na" and unanswered give none and are left out of the score. */
export const ANSWER_CREDIT = { yes: 1, partly: 0.5, no: 0 } as const;

/** Weight of a control in the scores: key measures of CyberFundamentals count double. */
export const WEIGHT = { base: 1, keyMeasure: 2 } as const;

/** The most a fully implemented set of controls can take off a threat's risk (no control removes risk entirely). */
export const MAX_RISK_REDUCTION = 0.8;

/**
 * Plan horizons. "This week" is what a micro-business (under 10 people, EU Recommendation 2003/361/EC) can fit beside
 * its work in one week: at most 3 actions and half a working day (4 hours) in all. This month: up to 24 hours in all.
 * Our own estimate, not a norm; docs/assessment.md gives the reasoning and the review date.
 */
export const HORIZONS = { weekMaxItems: 3, weekMaxTotalHours: 4, monthMaxTotalHours: 24 } as const;

/** The anonymous quick scan asks at most this many questions. */
export const QUICK_SCAN_MAX = 12;

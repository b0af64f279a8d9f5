import type { AppDeps } from '../app/deps.ts';
import { NUDGE_INTERVAL_MS, runNudges, scheduleNudges, TRAINING_NUDGES_JOB } from '../app/training.ts';
import type { JobType } from './job-types.ts';

/**
 * The training scheduler: plans its next run, then sends due nudges (monthly tip, unfinished-lesson reminder). Safe to
 * run twice or on two workers at once: every nudge is claimed once in training_nudges before its mail is queued.
 */
export const trainingNudgesJob: JobType = {
  name: TRAINING_NUDGES_JOB,
  async perform(deps: AppDeps) {
    await scheduleNudges(deps, new Date(deps.clock.now().getTime() + NUDGE_INTERVAL_MS));
    const r = await runNudges(deps);
    if (r.tips + r.reminders > 0) deps.log.info(r, 'training nudges queued');
  },
};

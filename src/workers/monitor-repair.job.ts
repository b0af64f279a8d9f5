import { MONITOR_REPAIR_JOB, runMonitorRepair } from '../app/monitor-repair.ts';
import type { JobType } from './job-types.ts';

/** Daily: every verified company domain has its next monitoring scan waiting (app/monitor-repair.ts). */
export const monitorRepairJob: JobType = {
  name: MONITOR_REPAIR_JOB,
  async perform(deps) {
    await runMonitorRepair(deps);
  },
};

import { z } from 'zod';
import { forwardToSafeonweb, sendReportAnswer } from '../app/mail-report-answers.ts';
import { MAIL_REPORT_ANSWER_JOB, MAIL_REPORT_FORWARD_JOB } from '../app/mail-reports.ts';
import type { JobType } from './job-types.ts';

const Payload = z.object({ reportId: z.uuid() });

/** Answers the employee who forwarded a suspicious mail (src/app/mail-report-answers.ts). */
export const mailReportAnswerJob: JobType = {
  name: MAIL_REPORT_ANSWER_JOB,
  perform: (deps, payload) => sendReportAnswer(deps, Payload.parse(payload).reportId),
};

/** Passes a reported original on to Safeonweb, with the company's consent. */
export const mailReportForwardJob: JobType = {
  name: MAIL_REPORT_FORWARD_JOB,
  perform: (deps, payload) => forwardToSafeonweb(deps, Payload.parse(payload).reportId),
};

/**
 * The error catalogue: every error a client can see has a stable code, an HTTP status and a translated message.
 * docs/errors.md lists the same codes; a test keeps the two in step.
 */
import type { MessageKey } from '../i18n/index.ts';

export const ERROR_CATALOG = {
  bad_request: { status: 400, message: 'error.bad_request' },
  invalid_json: { status: 400, message: 'error.invalid_json' },
  validation_failed: { status: 400, message: 'error.validation_failed' },
  unauthenticated: { status: 401, message: 'error.unauthenticated' },
  insufficient_scope: { status: 403, message: 'error.insufficient_scope' },
  forbidden: { status: 403, message: 'error.forbidden' },
  mfa_required: { status: 403, message: 'error.mfa_required' },
  csrf_failed: { status: 403, message: 'error.csrf_failed' },
  not_found: { status: 404, message: 'error.not_found' },
  release_not_found: { status: 404, message: 'error.release_not_found' },
  method_not_allowed: { status: 405, message: 'error.method_not_allowed' },
  staff_list_full: { status: 409, message: 'error.staff_list_full' },
  payload_too_large: { status: 413, message: 'error.payload_too_large' },
  unsupported_media_type: { status: 415, message: 'error.unsupported_media_type' },
  domain_not_verified: { status: 422, message: 'error.domain_not_verified' },
  public_mailbox_domain: { status: 422, message: 'error.public_mailbox_domain' },
  invalid_filter: { status: 422, message: 'error.invalid_filter' },
  rate_limited: { status: 429, message: 'error.rate_limited' },
  internal: { status: 500, message: 'error.internal' },
  unavailable: { status: 503, message: 'error.unavailable' },
  storage_full: { status: 507, message: 'error.storage_full' },
} as const satisfies Record<string, { status: number; message: MessageKey }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly issues: FieldIssue[] | undefined;
  readonly retryAfterSeconds: number | undefined;
  constructor(code: ErrorCode, opts: { issues?: FieldIssue[]; retryAfterSeconds?: number } = {}) {
    super(code);
    this.code = code;
    this.status = ERROR_CATALOG[code].status;
    this.issues = opts.issues;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
}

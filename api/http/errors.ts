import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode, FieldIssue } from '../schema/messages.ts';

/** The HTTP status of each error code of the contract. */
export const ERROR_STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_json: 400,
  validation_failed: 400,
  unauthorized: 401,
  captcha_failed: 403,
  origin_not_allowed: 403,
  forbidden: 403,
  institution_not_found: 404,
  request_not_found: 404,
  not_found: 404,
  method_not_allowed: 405,
  idempotency_conflict: 409,
  invalid_transition: 409,
  already_anonymized: 409,
  not_awaiting_reply: 409,
  not_open: 409,
  extension_not_allowed: 409,
  transfer_not_allowed: 409,
  already_rated: 409,
  not_answered: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  captcha_unavailable: 503,
  invalid_credentials: 401,
  second_factor_required: 401,
  csrf_failed: 403,
  invalid_link: 400,
  email_taken: 409,
  account_not_found: 404,
  unit_not_found: 404,
  service_not_found: 404,
  unit_cycle: 409,
  mail_unavailable: 503,
};

/** Thrown by handlers and middleware; app.onError turns it into the contract's error body. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly options: {
      params?: Record<string, string | number>;
      issues?: FieldIssue[];
      headers?: Record<string, string>;
    } = {},
  ) {
    super(code);
    this.name = 'ApiError';
  }

  get status(): ContentfulStatusCode {
    return ERROR_STATUS[this.code];
  }
}

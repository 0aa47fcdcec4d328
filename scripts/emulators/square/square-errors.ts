/** Square's error responses: `{errors: [{category, code, detail, field?}]}` with the matching HTTP status. */
import type { SquareErrorBody } from './wire-types';

/** An error the emulator answers with, in Square's shape. */
export class SquareApiError extends Error {
  constructor(
    readonly status: number,
    readonly category: string,
    readonly code: string,
    detail: string,
    readonly field?: string,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'SquareApiError';
  }

  /** The JSON body Square sends. */
  body(): { errors: SquareErrorBody[] } {
    return { errors: [{ category: this.category, code: this.code, detail: this.message, ...(this.field && { field: this.field }) }] };
  }
}

/** 400 for a request Square would reject, naming the offending field. */
export const badRequest = (code: string, detail: string, field?: string): SquareApiError =>
  new SquareApiError(400, 'INVALID_REQUEST_ERROR', code, detail, field);

/** 401 for a missing or wrong bearer token, worded as Square words it. */
export const unauthorized = (): SquareApiError =>
  new SquareApiError(401, 'AUTHENTICATION_ERROR', 'UNAUTHORIZED', 'This request could not be authorized.');

/** 429 with Retry-After in whole seconds. */
export const rateLimited = (retryAfterSeconds: number): SquareApiError =>
  new SquareApiError(429, 'RATE_LIMIT_ERROR', 'RATE_LIMITED', 'Too many requests. Please slow down and retry later.', undefined, {
    'Retry-After': String(retryAfterSeconds),
  });

/** 404 for an unknown path or object. */
export const notFound = (detail: string, field?: string): SquareApiError =>
  new SquareApiError(404, 'INVALID_REQUEST_ERROR', 'NOT_FOUND', detail, field);

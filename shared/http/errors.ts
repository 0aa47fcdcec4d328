/** A failure with an HTTP meaning: the status, a machine code for clients, and a message for people. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly options: {
      details?: unknown;
      cause?: unknown;
      headers?: Record<string, string>;
      /** Fields existing clients read at the top level of the envelope, beside `details` (never replacing its own). */
      topLevel?: Record<string, unknown>;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'HttpError';
  }
}

/** The error envelope every failed request answers with. */
export interface ErrorEnvelope {
  success: false;
  error: string;
  code: string;
  details?: unknown;
  timestamp: string;
}

/** The envelope for an error; internals of unexpected errors are hidden in production. */
export function errorEnvelope(error: unknown, production: boolean): { status: number; body: ErrorEnvelope; headers: Record<string, string> } {
  const timestamp = new Date().toISOString();
  if (error instanceof HttpError) {
    const body: ErrorEnvelope = { ...error.options.topLevel, success: false, error: error.message, code: error.code, timestamp };
    if (error.options.details !== undefined) body.details = error.options.details;
    return { status: error.status, body, headers: error.options.headers ?? {} };
  }
  const message = production || !(error instanceof Error) ? 'Internal error' : error.message;
  return { status: 500, body: { success: false, error: message, code: 'INTERNAL', timestamp }, headers: {} };
}

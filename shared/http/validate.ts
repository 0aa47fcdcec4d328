import type { z } from 'zod';
import { HttpError } from './errors';

/** Where a value came from, for the error message. */
export type InputPart = 'body' | 'query' | 'params';

/** Parses input with a zod schema; a failure is a 400 VALIDATION_ERROR naming every field at fault. */
export function validate<S extends z.ZodType>(schema: S, input: unknown, part: InputPart): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || part,
    message: issue.message,
  }));
  const first = fields[0];
  throw new HttpError(400, 'VALIDATION_ERROR', `Invalid ${part}: ${first.field}: ${first.message}`, {
    details: { field: first.field, fields },
  });
}

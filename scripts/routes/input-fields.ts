import { z } from 'zod';

/** One top-level field of a route's body or query, as its schema declares it (JSON Schema of the accepted input). */
export interface InputField {
  name: string;
  required: boolean;
  schema: JsonSchema;
  /** The field's own zod schema, when the input is a plain object schema. */
  zod?: z.ZodType;
}

/** The part of JSON Schema the README and the fuzz suite read. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

/** The JSON Schema of what a zod schema accepts (its input side: before defaults and transforms). */
export function inputSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** The top-level fields of an object schema, in declaration order; none for a schema that is not an object. */
export function inputFields(schema: z.ZodType | undefined): InputField[] {
  if (!schema) return [];
  const json = inputSchema(schema);
  const required = new Set(json.required ?? []);
  const shape: Record<string, z.ZodType> = schema instanceof z.ZodObject ? schema.shape : {};
  return Object.entries(json.properties ?? {}).map(([name, field]) => ({ name, required: required.has(name), schema: field, zod: shape[name] }));
}

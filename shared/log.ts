/**
 * Structured logging in Cloud Logging's JSON format: one line per event with severity, message, function and trace.
 * Personal data never belongs in a log line; as a second line of defence, fields whose names suggest it are redacted.
 */
export type Severity = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose lines all carry these fields (function name, trace, event id). */
  child(fields: LogFields): Logger;
}

const rank: Record<Severity, number> = { DEBUG: 0, INFO: 1, WARNING: 2, ERROR: 3 };

const personalField =
  /^(email|e_?mail|phone|full_?name|given_?name|family_?name|first_?name|last_?name|name|date_?of_?birth|dob|birth_?date|id_?number.*|last_?4|card.*|password|token|authorization|payment_?token|ip|user_?agent|address)$/i;

/** An Error, including one from another realm (a VM context, a test sandbox) where instanceof fails. */
function isError(value: object): value is Error {
  return value instanceof Error || (typeof (value as Error).message === 'string' && typeof (value as Error).stack === 'string');
}

/** Replaces the values of personal or secret-looking fields, at any depth, with "[redacted]". */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (isError(value)) return { name: value.name, message: value.message, code: (value as { code?: unknown }).code };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: LogFields = {};
  for (const [k, v] of Object.entries(value)) out[k] = personalField.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

export interface LoggerOptions {
  level?: Severity;
  base?: LogFields;
  write?: (line: string) => void;
  /** json (Cloud Logging, the default) or pretty (one readable line, for a developer's terminal). */
  format?: 'json' | 'pretty';
}

const quiet = new Set(['severity', 'message', 'time', 'requestId', 'logging.googleapis.com/trace']);

/** A log entry as one readable line: time, severity, function, message, then the remaining fields. */
export function prettyLine(entry: LogFields): string {
  const time = String(entry.time ?? '').slice(11, 23);
  const http = entry.httpRequest as { requestMethod?: string; status?: number; latency?: string } | undefined;
  const head = http
    ? `${http.requestMethod} ${entry.route} → ${http.status} in ${(parseFloat(String(http.latency)) * 1000).toFixed(1)} ms`
    : String(entry.message);
  const rest = Object.entries(entry)
    .filter(([k]) => !quiet.has(k) && k !== 'function' && !(http && (k === 'httpRequest' || k === 'route')))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return `${time} ${String(entry.severity).padEnd(7)} ${entry.function ? `[${entry.function}] ` : ''}${head}${rest ? '  ' + rest : ''}`;
}

/** A JSON-lines logger writing to stdout (Cloud Logging picks it up as structured entries). */
export function createLogger(options: LoggerOptions = {}): Logger {
  const minimum = rank[options.level ?? 'INFO'];
  const write = options.write ?? ((line: string) => process.stdout.write(line + '\n'));
  const base = options.base ?? {};
  const emit = (severity: Severity, message: string, fields?: LogFields) => {
    if (rank[severity] < minimum) return;
    const entry = { severity, message, time: new Date().toISOString(), ...base, ...(redact(fields ?? {}) as LogFields) };
    write(options.format === 'pretty' ? prettyLine(entry) : JSON.stringify(entry));
  };
  return {
    debug: (m, f) => emit('DEBUG', m, f),
    info: (m, f) => emit('INFO', m, f),
    warn: (m, f) => emit('WARNING', m, f),
    error: (m, f) => emit('ERROR', m, f),
    child: (fields) => createLogger({ ...options, base: { ...base, ...fields } }),
  };
}

/** The Cloud Logging trace field for a request's X-Cloud-Trace-Context or traceparent header. */
export function traceField(projectId: string, header: string | undefined): LogFields {
  if (!header) return {};
  const id = header.includes('-') && header.split('-').length === 4 ? header.split('-')[1] : header.split('/')[0];
  return id ? { 'logging.googleapis.com/trace': `projects/${projectId}/traces/${id}` } : {};
}

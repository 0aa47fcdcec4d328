import { join } from 'node:path';
import { type Block, parseTerraform } from '../terraform/hcl';

/** A log entry as Cloud Logging stores a structured line a 2nd gen function wrote to stdout. */
export interface LogEntry {
  severity: string;
  resource: { type: string; labels: Record<string, string> };
  jsonPayload: Record<string, unknown>;
}

/** Fields Cloud Logging lifts out of a structured line into the entry itself; the rest become jsonPayload. */
const SPECIAL_FIELDS = ['severity', 'time', 'httpRequest', 'logging.googleapis.com/trace', 'logging.googleapis.com/labels'];

/** The entry Cloud Logging makes of one JSON line written by the Cloud Run service `service`. */
export function entryOfLine(line: Record<string, unknown>, service: string): LogEntry {
  return {
    severity: String(line.severity ?? 'DEFAULT'),
    resource: { type: 'cloud_run_revision', labels: { service_name: service } },
    jsonPayload: Object.fromEntries(Object.entries(line).filter(([key]) => !SPECIAL_FIELDS.includes(key))),
  };
}

const SEVERITIES = ['DEFAULT', 'DEBUG', 'INFO', 'NOTICE', 'WARNING', 'ERROR', 'CRITICAL', 'ALERT', 'EMERGENCY'];

/**
 * Whether an entry matches a Cloud Logging filter of the shape the log-based metrics use: comparisons joined by AND,
 * each `field=value`, `field=("a" OR "b")` or `severity>=LEVEL`. Anything else throws rather than guess.
 */
export function matchesLogFilter(filter: string, entry: LogEntry): boolean {
  return topLevelAnd(filter).every((term) => matchesTerm(term, entry));
}

function topLevelAnd(filter: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < filter.length; i++) {
    const c = filter[i];
    if (c === '"' && filter[i - 1] !== '\\') quoted = !quoted;
    if (quoted) continue;
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (depth === 0 && filter.startsWith(' AND ', i)) {
      terms.push(filter.slice(start, i).trim());
      start = i + 5;
    }
  }
  terms.push(filter.slice(start).trim());
  return terms;
}

function matchesTerm(term: string, entry: LogEntry): boolean {
  const m = /^([\w.]+)\s*(>=|=)\s*(.+)$/.exec(term);
  if (!m) throw new Error(`unsupported filter term: ${term}`);
  const [, field, op, rawValue] = m;
  const actual = lookup(entry, field);
  if (op === '>=') {
    if (field !== 'severity') throw new Error(`>= is supported on severity only: ${term}`);
    return SEVERITIES.indexOf(String(actual)) >= SEVERITIES.indexOf(rawValue.replace(/"/g, ''));
  }
  const values = rawValue.startsWith('(') ? rawValue.slice(1, -1).split(' OR ').map(unquote) : [unquote(rawValue)];
  return values.includes(String(actual));
}

function unquote(value: string): string {
  const v = value.trim();
  return v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}

function lookup(entry: LogEntry, path: string): unknown {
  let current: unknown = entry;
  for (const part of path.split('.')) current = (current as Record<string, unknown> | undefined)?.[part];
  return current;
}

/** The value of `EXTRACT(jsonPayload.x)` label extractors for an entry. */
export function extractLabels(extractors: Record<string, string>, entry: LogEntry): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(extractors).map(([label, expression]) => {
      const path = /^EXTRACT\(([\w.]+)\)$/.exec(expression)?.[1];
      if (!path) throw new Error(`unsupported label extractor ${expression}`);
      return [label, lookup(entry, path)];
    }),
  );
}

/** A log-based metric of terraform/modules/monitoring, with its filter as Cloud Logging receives it for `functions`. */
export async function logBasedMetric(name: string, functions: readonly string[]): Promise<{ filter: string; labelExtractors: Record<string, string> }> {
  const monitoring = (await parseTerraform(join(__dirname, '..', '..', 'terraform'))).get('modules/monitoring');
  const metric = monitoring?.resources.google_logging_metric?.[name];
  if (!monitoring || !metric) throw new Error(`terraform/modules/monitoring declares no google_logging_metric.${name}`);
  return { filter: renderFunctionsFilter(String(metric.filter), monitoring.locals, functions), labelExtractors: (metric.label_extractors ?? {}) as Record<string, string> };
}

/** Inlines local.functions_log_filter with `var.functions` set; fails if any interpolation is left. */
export function renderFunctionsFilter(filter: string, locals: Block, functions: readonly string[]): string {
  const list = '${join(" OR ", [for f in var.functions : "\\"${f}\\""])}';
  const rendered = filter
    .replace('${local.functions_log_filter}', String(locals.functions_log_filter))
    .replace(list, functions.map((f) => `"${f}"`).join(' OR '));
  if (rendered.includes('${')) throw new Error(`cannot render ${filter}`);
  return rendered;
}

import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A field of a BigQuery REST schema. */
export interface FakeField {
  name: string;
  type: string;
  mode?: 'NULLABLE' | 'REQUIRED' | 'REPEATED';
  fields?: FakeField[];
}

/** Rows a scripted query answers with: plain values (ISO timestamps, YYYY-MM-DD dates, numbers, JSON values). */
export interface FakeResult {
  fields: FakeField[];
  rows: Array<Record<string, unknown>>;
  /** What the job's statistics and results say it processed (totalBytesProcessed); 0 unless told. */
  bytesProcessed?: number;
}

/** One request as received, with the name of the API method it called. */
export interface FakeRequest {
  method: string;
  path: string;
  /** `jobs.query`, `jobs.getQueryResults`, `jobs.insert`, `jobs.get`, `jobs.upload`, `tables.get`, ... */
  api: string;
  query: Record<string, string>;
  body: unknown;
}

/** A query parameter as the REST API receives it. */
export interface FakeQueryParameter {
  name?: string;
  parameterType?: { type?: string; arrayType?: { type?: string } };
  parameterValue?: { value?: unknown; arrayValues?: Array<{ value?: unknown }> };
}

/** A query job as received (jobs.query or jobs.insert). */
export interface FakeQuery {
  jobId: string;
  query: string;
  location?: string;
  parameterMode?: string;
  parameters: FakeQueryParameter[];
}

/** A load job as received through the media upload, with its rows parsed from the NDJSON. */
export interface FakeLoad {
  jobId: string;
  location?: string;
  /** `dataset.table` */
  destination: string;
  configuration: Record<string, unknown>;
  ndjson: string;
  rows: Array<Record<string, unknown>>;
}

/** A table the fake knows, created by the test or through tables.insert. */
export interface FakeTable {
  id: string;
  type: 'TABLE' | 'VIEW';
  schema?: { fields: FakeField[] };
  expirationTime?: string;
  /** Rows loaded into it by load jobs (the fake keeps no data beyond that). */
  loadedRows?: number;
}

interface Job {
  resource: Record<string, unknown>;
  result?: FakeResult;
  pendingPolls: number;
}

type Scripted = { pattern: RegExp; result?: FakeResult; error?: string; pendingPolls: number };

class Rejection extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    /** False for answers the test asked for (a scripted failure) or that the real API gives too (404, 409). */
    readonly violation = status >= 400 && status !== 404 && status !== 409,
  ) {
    super(message);
  }
}

/**
 * A loopback stand-in for the BigQuery REST API (v2) that the real client talks to. It does not execute SQL: a
 * test scripts the rows a query answers. It is strict about what it is sent: a streaming insert (tabledata.insertAll),
 * a query parameter without an explicit type, a `@name` with no parameter, a table reference that is not
 * project-qualified in backticks, or a job outside the configured location is answered 400 and recorded in
 * `violations`.
 */
export class BigQueryFake {
  readonly requests: FakeRequest[] = [];
  readonly violations: string[] = [];
  readonly queries: FakeQuery[] = [];
  readonly loads: FakeLoad[] = [];
  readonly tables = new Map<string, FakeTable>();
  private readonly datasets = new Set<string>();
  private readonly jobs = new Map<string, Job>();
  private readonly scripted: Scripted[] = [];
  private loadFailure?: string;

  private constructor(
    readonly projectId: string,
    readonly location: string,
    /** Rows per page of query results, so paging is exercised. */
    readonly pageSize: number,
    private readonly server: http.Server,
  ) {}

  static async start(options: { projectId?: string; location?: string; pageSize?: number; tables?: string[]; datasets?: string[] } = {}) {
    let fake: BigQueryFake | undefined;
    const server = http.createServer((req, res) => void fake!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new BigQueryFake(options.projectId ?? 'fake-project', options.location ?? 'US', options.pageSize ?? 1000, server);
    for (const id of options.tables ?? []) fake.addTable(id);
    for (const id of options.datasets ?? []) fake.addDataset(id);
    return fake;
  }

  /** The endpoint to give the client as `apiEndpoint`. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Makes a table (and its dataset) exist. */
  addTable(id: string, table: Partial<FakeTable> = {}): void {
    this.datasets.add(id.split('.')[0]);
    this.tables.set(id, { id, type: 'TABLE', ...table });
  }

  /** Makes a dataset exist without tables. */
  addDataset(id: string): void {
    this.datasets.add(id);
  }

  /**
   * Answers queries whose text matches `pattern` with `result` (the latest matching script wins). With
   * `pendingPolls`, the job first reports itself unfinished that many times, as a slow job does.
   */
  onQuery(pattern: RegExp, result: FakeResult, options: { pendingPolls?: number } = {}): void {
    this.scripted.unshift({ pattern, result, pendingPolls: options.pendingPolls ?? 0 });
  }

  /** Fails queries whose text matches `pattern` the way BigQuery reports a query error. */
  failQuery(pattern: RegExp, message: string): void {
    this.scripted.unshift({ pattern, error: message, pendingPolls: 0 });
  }

  /** Makes the next load job finish with this error, as a load that BigQuery rejects does. */
  failNextLoad(message: string): void {
    this.loadFailure = message;
  }

  /** The API methods called, in order. */
  calls(): string[] {
    return this.requests.map((r) => r.api);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const record: FakeRequest = {
      method,
      path: url.pathname,
      api: 'unknown',
      query: Object.fromEntries(url.searchParams),
      body: raw,
    };
    this.requests.push(record);
    try {
      const answer = this.route(record, raw, String(req.headers['content-type'] ?? ''));
      send(res, 200, answer);
    } catch (thrown) {
      // A bug in the fake (or an unparseable body) is a 500 and a violation, never an unhandled rejection.
      const error = thrown instanceof Rejection ? thrown : new Rejection(500, 'internalError', String(thrown));
      if (error.violation) this.violations.push(`${record.api}: ${error.message}`);
      send(res, error.status, {
        error: {
          code: error.status,
          message: error.message,
          errors: [{ reason: error.reason, message: error.message, domain: 'global' }],
          status: error.status === 404 ? 'NOT_FOUND' : 'INVALID_ARGUMENT',
        },
      });
    }
  }

  private route(record: FakeRequest, raw: string, contentType: string): unknown {
    const { method, path } = record;
    const upload = path.match(/^\/upload\/bigquery\/v2\/projects\/([^/]+)\/jobs$/);
    if (upload && method === 'POST') {
      record.api = 'jobs.upload';
      this.checkProject(upload[1]);
      return this.upload(record, raw, contentType);
    }
    const rest = path.match(/^\/bigquery\/v2\/projects\/([^/]+)(\/.*)?$/);
    if (!rest) throw this.unexpected(record);
    this.checkProject(rest[1]);
    const sub = rest[2] ?? '';
    const json = () => (raw ? JSON.parse(raw) : {});
    let m: RegExpMatchArray | null;
    if (sub === '/queries' && method === 'POST') {
      record.api = 'jobs.query';
      record.body = json();
      return this.jobsQuery(record.body as Record<string, unknown>);
    }
    if ((m = sub.match(/^\/queries\/([^/]+)$/)) && method === 'GET') {
      record.api = 'jobs.getQueryResults';
      return this.getQueryResults(m[1], record.query);
    }
    if (sub === '/jobs' && method === 'POST') {
      record.api = 'jobs.insert';
      record.body = json();
      return this.jobsInsert(record.body as Record<string, unknown>);
    }
    if ((m = sub.match(/^\/jobs\/([^/]+)$/)) && method === 'GET') {
      record.api = 'jobs.get';
      this.checkLocation(record.query.location);
      return this.job(m[1]).resource;
    }
    if ((m = sub.match(/^\/datasets\/([^/]+)$/)) && method === 'GET') {
      record.api = 'datasets.get';
      if (!this.datasets.has(m[1])) throw notFound(`Not found: Dataset ${this.projectId}:${m[1]}`);
      return { kind: 'bigquery#dataset', datasetReference: { projectId: this.projectId, datasetId: m[1] }, location: this.location };
    }
    if ((m = sub.match(/^\/datasets\/([^/]+)\/tables$/)) && method === 'POST') {
      record.api = 'tables.insert';
      record.body = json();
      return this.tablesInsert(m[1], record.body as Record<string, unknown>);
    }
    if ((m = sub.match(/^\/datasets\/([^/]+)\/tables\/([^/]+)$/))) {
      const id = `${m[1]}.${m[2]}`;
      if (method === 'GET') {
        record.api = 'tables.get';
        return this.tableResource(id);
      }
      if (method === 'DELETE') {
        record.api = 'tables.delete';
        this.tableResource(id);
        this.tables.delete(id);
        return {};
      }
    }
    if ((m = sub.match(/^\/datasets\/([^/]+)\/tables\/([^/]+)\/insertAll$/))) {
      record.api = 'tabledata.insertAll';
      throw new Rejection(
        400,
        'invalid',
        `streaming insert into ${m[1]}.${m[2]}: its streaming buffer would block MERGE and DML on the table`,
      );
    }
    throw this.unexpected(record);
  }

  private unexpected(record: FakeRequest): Rejection {
    return new Rejection(400, 'invalid', `unexpected request ${record.method} ${record.path}`);
  }

  private checkProject(projectId: string): void {
    if (projectId !== this.projectId) throw new Rejection(400, 'invalid', `project ${projectId} is not ${this.projectId}`);
  }

  private checkLocation(location: unknown): void {
    if (location !== this.location) {
      throw new Rejection(400, 'invalid', `job location ${String(location)} is not the datasets' location ${this.location}`);
    }
  }

  private tableResource(id: string): Record<string, unknown> {
    const table = this.tables.get(id);
    if (!table) throw notFound(`Not found: Table ${this.projectId}:${id}`);
    const [datasetId, tableId] = id.split('.');
    return {
      kind: 'bigquery#table',
      tableReference: { projectId: this.projectId, datasetId, tableId },
      type: table.type,
      schema: table.schema,
      expirationTime: table.expirationTime,
      location: this.location,
    };
  }

  private tablesInsert(datasetId: string, body: Record<string, unknown>): Record<string, unknown> {
    if (!this.datasets.has(datasetId)) throw notFound(`Not found: Dataset ${this.projectId}:${datasetId}`);
    const reference = body.tableReference as { projectId?: string; tableId?: string } | undefined;
    if (!reference?.tableId) throw new Rejection(400, 'invalid', 'tables.insert without tableReference.tableId');
    const id = `${datasetId}.${reference.tableId}`;
    if (this.tables.has(id)) throw new Rejection(409, 'duplicate', `Already Exists: Table ${this.projectId}:${id}`);
    this.tables.set(id, {
      id,
      type: 'TABLE',
      schema: body.schema as FakeTable['schema'],
      expirationTime: body.expirationTime as string | undefined,
    });
    return this.tableResource(id);
  }

  private jobsQuery(body: Record<string, unknown>): Record<string, unknown> {
    this.checkLocation(body.location);
    const jobId = `job_${randomUUID().replace(/-/g, '')}`;
    const job = this.acceptQuery(jobId, {
      jobId,
      query: String(body.query ?? ''),
      location: body.location as string | undefined,
      parameterMode: body.parameterMode as string | undefined,
      parameters: (body.queryParameters as FakeQueryParameter[] | undefined) ?? [],
    });
    const useInt64 = (body.formatOptions as { useInt64Timestamp?: boolean } | undefined)?.useInt64Timestamp === true;
    return this.resultsPage(jobId, job, 0, Number(body.maxResults ?? this.pageSize), useInt64, 'bigquery#queryResponse');
  }

  private jobsInsert(body: Record<string, unknown>): Record<string, unknown> {
    const reference = (body.jobReference ?? {}) as { jobId?: string; location?: string };
    this.checkLocation(reference.location ?? body.location);
    const configuration = (body.configuration ?? {}) as { query?: Record<string, unknown> };
    if (!configuration.query) throw new Rejection(400, 'invalid', 'jobs.insert without a query: load jobs must upload their rows');
    const jobId = reference.jobId ?? `job_${randomUUID().replace(/-/g, '')}`;
    this.acceptQuery(jobId, {
      jobId,
      query: String(configuration.query.query ?? ''),
      location: reference.location,
      parameterMode: configuration.query.parameterMode as string | undefined,
      parameters: (configuration.query.queryParameters as FakeQueryParameter[] | undefined) ?? [],
    });
    return this.jobs.get(jobId)!.resource;
  }

  /** Checks a query, records it and creates its job with the scripted answer. */
  private acceptQuery(jobId: string, query: FakeQuery): Job {
    this.queries.push(query);
    checkParameters(query);
    checkTableReferences(query.query, this.projectId, this.datasets);
    const script = this.scripted.find((s) => s.pattern.test(query.query));
    if (script?.error) throw new Rejection(400, 'invalidQuery', script.error, false);
    const result = script?.result ?? { fields: [], rows: [] };
    const job: Job = {
      result,
      pendingPolls: script?.pendingPolls ?? 0,
      resource: {
        kind: 'bigquery#job',
        id: `${this.projectId}:${this.location}.${jobId}`,
        jobReference: { projectId: this.projectId, jobId, location: this.location },
        configuration: { query: { query: query.query, useLegacySql: false } },
        status: { state: 'DONE' },
        statistics: { query: { totalBytesProcessed: String(result.bytesProcessed ?? 0), statementType: /^\s*SELECT/i.test(query.query) ? 'SELECT' : 'SCRIPT' } },
      },
    };
    this.jobs.set(jobId, job);
    return job;
  }

  private getQueryResults(jobId: string, query: Record<string, string>): Record<string, unknown> {
    this.checkLocation(query.location);
    const job = this.job(jobId);
    const page = query.pageToken ? Number(query.pageToken.replace('page-', '')) : 0;
    const useInt64 = query['formatOptions.useInt64Timestamp'] === 'true';
    return this.resultsPage(jobId, job, page, Number(query.maxResults ?? this.pageSize), useInt64, 'bigquery#getQueryResultsResponse');
  }

  private resultsPage(jobId: string, job: Job, page: number, pageSize: number, useInt64: boolean, kind: string) {
    const jobReference = { projectId: this.projectId, jobId, location: this.location };
    if (job.pendingPolls > 0) {
      job.pendingPolls -= 1;
      return { kind, jobReference, jobComplete: false };
    }
    const result = job.result ?? { fields: [], rows: [] };
    const rows = result.rows.slice(page * pageSize, (page + 1) * pageSize);
    const more = (page + 1) * pageSize < result.rows.length;
    return {
      kind,
      jobReference,
      jobComplete: true,
      schema: { fields: result.fields },
      totalRows: String(result.rows.length),
      totalBytesProcessed: String(result.bytesProcessed ?? 0),
      ...(rows.length > 0 ? { rows: rows.map((row) => encodeRow(row, result.fields, useInt64)) } : {}),
      ...(more ? { pageToken: `page-${page + 1}` } : {}),
      cacheHit: false,
    };
  }

  private job(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw notFound(`Not found: Job ${this.projectId}:${this.location}.${jobId}`);
    return job;
  }

  /** The load job's media upload: multipart/related with the job resource, then the data. */
  private upload(record: FakeRequest, raw: string, contentType: string): Record<string, unknown> {
    if (record.query.uploadType !== 'multipart') {
      throw new Rejection(400, 'invalid', `upload type ${record.query.uploadType} is not supported by the fake`);
    }
    const boundary = contentType.match(/boundary=([^;]+)/)?.[1];
    if (!boundary || !contentType.startsWith('multipart/related')) {
      throw new Rejection(400, 'invalid', `upload is not multipart/related: ${contentType}`);
    }
    const [metadataPart, dataPart] = multipartParts(raw, boundary);
    const resource = JSON.parse(metadataPart) as {
      configuration?: { load?: Record<string, unknown> };
      jobReference?: { jobId?: string; location?: string };
    };
    record.body = { resource, data: dataPart };
    const load = resource.configuration?.load;
    if (!load) throw new Rejection(400, 'invalid', 'upload without configuration.load');
    this.checkLocation(resource.jobReference?.location);
    const destination = load.destinationTable as { projectId: string; datasetId: string; tableId: string };
    this.checkProject(destination.projectId);
    const jobId = resource.jobReference?.jobId ?? `job_${randomUUID().replace(/-/g, '')}`;
    const id = `${destination.datasetId}.${destination.tableId}`;
    const rows = dataPart
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    this.loads.push({ jobId, location: resource.jobReference?.location, destination: id, configuration: load, ndjson: dataPart, rows });
    const errorResult = this.loadError(id, load, rows);
    if (!errorResult) {
      if (!this.tables.has(id)) this.addTable(id, { schema: load.schema as FakeTable['schema'] });
      const table = this.tables.get(id)!;
      table.loadedRows = (load.writeDisposition === 'WRITE_APPEND' ? (table.loadedRows ?? 0) : 0) + rows.length;
    }
    const job: Job = {
      pendingPolls: 0,
      resource: {
        kind: 'bigquery#job',
        id: `${this.projectId}:${this.location}.${jobId}`,
        jobReference: { projectId: this.projectId, jobId, location: this.location },
        configuration: { load },
        status: errorResult ? { state: 'DONE', errorResult, errors: [errorResult] } : { state: 'DONE' },
        statistics: { load: { outputRows: String(errorResult ? 0 : rows.length) } },
      },
    };
    this.jobs.set(jobId, job);
    // The upload answers while the job runs; the client then polls jobs.get.
    return { ...job.resource, status: { state: 'RUNNING' } };
  }

  /** What a real load job would reject: a missing table it may not create, unknown fields, missing REQUIRED values. */
  private loadError(id: string, load: Record<string, unknown>, rows: Array<Record<string, unknown>>) {
    if (this.loadFailure) {
      const message = this.loadFailure;
      this.loadFailure = undefined;
      return { reason: 'invalid', message };
    }
    const table = this.tables.get(id);
    if (!table && load.createDisposition === 'CREATE_NEVER') {
      return { reason: 'notFound', message: `Not found: Table ${this.projectId}:${id}` };
    }
    if (load.writeDisposition === 'WRITE_EMPTY' && (table?.loadedRows ?? 0) > 0) {
      return { reason: 'duplicate', message: `Already Exists: Table ${this.projectId}:${id} is not empty (WRITE_EMPTY)` };
    }
    const fields = table?.schema?.fields ?? (load.schema as { fields?: FakeField[] } | undefined)?.fields ?? [];
    const names = new Set(fields.map((f) => f.name));
    for (const [i, row] of rows.entries()) {
      const unknown = Object.keys(row).find((k) => !names.has(k));
      if (unknown && !load.ignoreUnknownValues) {
        return { reason: 'invalid', message: `Error while reading data, error message: JSON parsing error in row starting at position ${i}: No such field: ${unknown}.` };
      }
      const missing = fields.find((f) => f.mode === 'REQUIRED' && (row[f.name] === null || row[f.name] === undefined));
      if (missing) return { reason: 'invalid', message: `Missing required field: ${missing.name}.` };
    }
    return undefined;
  }
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function notFound(message: string): Rejection {
  return new Rejection(404, 'notFound', message);
}

function multipartParts(raw: string, boundary: string): string[] {
  return raw
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const body = part.slice(part.indexOf('\r\n\r\n') + 4);
      return body.endsWith('\r\n') ? body.slice(0, -2) : body;
    });
}

/** Every parameter explicitly typed (arrays with their element type), and every `@name` in the text declared. */
function checkParameters(query: FakeQuery): void {
  const declared = new Map(query.parameters.map((p) => [p.name?.toLowerCase(), p]));
  for (const parameter of query.parameters) {
    const type = parameter.parameterType?.type;
    if (!type) throw new Rejection(400, 'invalidQuery', `query parameter ${parameter.name} has no explicit type`);
    if (type === 'ARRAY' && !parameter.parameterType?.arrayType?.type) {
      throw new Rejection(400, 'invalidQuery', `array query parameter ${parameter.name} has no element type`);
    }
  }
  if (query.parameters.length > 0 && query.parameterMode !== 'NAMED' && query.parameterMode !== 'named') {
    throw new Rejection(400, 'invalidQuery', `parameters sent with parameterMode ${query.parameterMode}`);
  }
  for (const [, name] of query.query.matchAll(/(?<![@\w])@([A-Za-z_]\w*)/g)) {
    if (!declared.has(name.toLowerCase())) throw new Rejection(400, 'invalidQuery', `Query parameter '${name}' not found`);
  }
}

/**
 * Tables are named `project.dataset.table` in backticks: a backticked dotted name must carry this project, and a
 * dotted name after FROM, JOIN, INTO, MERGE, USING, TABLE or EXISTS must be in backticks.
 */
function checkTableReferences(sql: string, projectId: string, datasets: ReadonlySet<string>): void {
  for (const [, name] of sql.matchAll(/`([^`]*)`/g)) {
    if (!name.includes('.')) continue; // a quoted column
    const parts = name.split('.');
    if (parts.length !== 3 || parts[0] !== projectId) {
      throw new Rejection(400, 'invalidQuery', `table reference \`${name}\` is not \`${projectId}.dataset.table\``);
    }
  }
  // `alias.column` may follow FROM (EXTRACT(DAY FROM t.at)); a known dataset or a three-part name may not.
  for (const [, name] of sql.matchAll(/\b(?:FROM|JOIN|INTO|MERGE|USING|TABLE|EXISTS)\s+([A-Za-z_][\w-]*(?:\.[\w-]+)+)/gi)) {
    const parts = name.split('.');
    if (parts.length >= 3 || datasets.has(parts[0]) || ['commerce', 'ops'].includes(parts[0])) {
      throw new Rejection(400, 'invalidQuery', `table reference ${name} is not in backticks`);
    }
  }
}

/** A row in the REST shape `{ f: [{ v }] }`, encoded as BigQuery encodes each type. */
function encodeRow(row: Record<string, unknown>, fields: FakeField[], useInt64Timestamp: boolean): unknown {
  return { f: fields.map((field) => ({ v: encodeValue(row[field.name], field, useInt64Timestamp) })) };
}

function encodeValue(value: unknown, field: FakeField, useInt64Timestamp: boolean): unknown {
  if (value === null || value === undefined) return field.mode === 'REPEATED' ? [] : null;
  if (field.mode === 'REPEATED') {
    return (value as unknown[]).map((item) => ({ v: encodeValue(item, { ...field, mode: 'NULLABLE' }, useInt64Timestamp) }));
  }
  switch (field.type) {
    case 'TIMESTAMP': {
      const micros = epochMicros(String(value));
      if (useInt64Timestamp) return micros.toString();
      // Without int64 timestamps the API answers floating-point seconds in E notation, e.g. "1.7736e9".
      const seconds = Number(micros) / 1e6;
      const exponent = Math.floor(Math.log10(Math.abs(seconds) || 1));
      return `${seconds / 10 ** exponent}E${exponent}`;
    }
    case 'BOOLEAN':
    case 'BOOL':
      return value ? 'true' : 'false';
    case 'JSON':
      return JSON.stringify(value);
    case 'RECORD':
    case 'STRUCT':
      return encodeRow(value as Record<string, unknown>, field.fields ?? [], useInt64Timestamp);
    default:
      return String(value);
  }
}

/** Microseconds since the epoch of an ISO-8601 timestamp, keeping sub-millisecond digits as BigQuery stores them. */
function epochMicros(iso: string): bigint {
  const fraction = iso.match(/\.(\d+)/)?.[1] ?? '';
  const seconds = Date.parse(iso.replace(/\.\d+/, '')) / 1000;
  if (Number.isNaN(seconds)) throw new Error(`not a timestamp: ${iso}`);
  return BigInt(seconds) * 1_000_000n + BigInt((fraction + '000000').slice(0, 6));
}

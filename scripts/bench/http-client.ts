import http from 'node:http';

/** What a loopback server answered: the status and the whole body as text. */
export interface RawAnswer {
  status: number;
  text: string;
}

/** One request to a server on 127.0.0.1. */
export interface LoopbackRequest {
  method: string;
  path: string;
  headers?: http.OutgoingHttpHeaders;
  body?: string;
  /** A kept-alive agent whose connections are reused; without one the request opens its own, as a first caller does. */
  agent?: http.Agent;
}

/** Sends one HTTP request on loopback; resolves once the whole body has arrived. */
export function request(port: number, { method, path, headers, body, agent }: LoopbackRequest): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent: agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** An answer of the JSON API: the status and the parsed envelope (loosely typed: each benchmark checks what it reads). */
export interface ApiAnswer {
  status: number;
  json: any;
}

/** One call of the JSON API. */
export interface ApiCall {
  method: string;
  path: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token: string;
  /** Sent as JSON when given. */
  body?: unknown;
  /** More headers, e.g. the client address the load balancer would report. */
  headers?: Record<string, string>;
}

/**
 * One call of the JSON API over a kept-alive loopback connection, as a front end's HTTP client sends it; resolves
 * with the parsed answer.
 */
export async function callApi(agent: http.Agent, port: number, call: ApiCall): Promise<ApiAnswer> {
  const data = call.body === undefined ? undefined : JSON.stringify(call.body);
  const headers: http.OutgoingHttpHeaders = { Authorization: `Bearer ${call.token}`, ...call.headers };
  if (data !== undefined) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) });
  const answer = await request(port, { method: call.method, path: call.path, headers, body: data, agent });
  return { status: answer.status, json: JSON.parse(answer.text) };
}

/** The HTTP server: routes /API, /auth/oauth/token and /emulator to their handlers and writes JSON answers. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleAdminRequest, type AdminControls } from './admin';
import { handleApiRequest, type ApiContext } from './api';
import { basicClientCredentials } from './auth';
import type { OAuthServer } from './oauth';
import { parseFormFields, parseJsonObject, readBody } from './request-body';
import type { LightspeedEmulatorStats } from './stats';

/** What the server dispatches to. */
export interface ServerDeps {
  api: ApiContext;
  oauth: OAuthServer;
  stats: LightspeedEmulatorStats;
  admin: AdminControls;
}

/** An HTTP server for the emulator (not yet listening). */
export function createEmulatorServer(deps: ServerDeps): Server {
  return createServer((req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) send(res, 500, { error: 'emulator_failure', message });
      else res.destroy();
    });
  });
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://emulator.invalid');
  if (url.pathname.startsWith('/API/')) {
    const reply = handleApiRequest(deps.api, method, url, req.headers.authorization);
    send(res, reply.status, reply.body, reply.headers);
    return;
  }
  if (url.pathname === '/auth/oauth/token') {
    if (method !== 'POST') {
      send(res, 405, { error: 'invalid_request', error_description: 'Use POST.' });
      return;
    }
    const fields = {
      ...basicClientCredentials(req.headers.authorization),
      ...parseFormFields(await readBody(req), req.headers['content-type']),
    };
    const reply = deps.oauth.token(fields);
    if (reply.status === 200) deps.stats.tokenRefreshes += 1;
    if (reply.body.error === 'invalid_grant') deps.stats.invalidGrants += 1;
    send(res, reply.status, reply.body, { 'Cache-Control': 'no-store' });
    return;
  }
  if (url.pathname.startsWith('/emulator/')) {
    let body: Record<string, unknown>;
    try {
      body = method === 'POST' ? parseJsonObject(await readBody(req)) : {};
    } catch (error) {
      send(res, 400, { error: error instanceof Error ? error.message : 'bad request body' });
      return;
    }
    const reply = handleAdminRequest(deps.admin, method, url.pathname, body);
    send(res, reply.status, reply.body);
    return;
  }
  send(res, 404, { error: `Nothing at ${url.pathname}.` });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

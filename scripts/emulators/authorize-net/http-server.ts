import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleApiRequest } from './api-request';
import { encodeApiBody } from './api-response';
import { declineStoredCards, settleDueTransactions, type EmulatorState } from './emulator-state';

/** The real endpoint's path (https://api.authorize.net/xml/v1/request.api); the JSON API shares it with XML. */
export const API_PATH = '/xml/v1/request.api';

// Real request bodies are a few kilobytes; the cap only keeps a runaway client from filling memory.
const MAX_BODY_BYTES = 1_000_000;

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  response.end(text);
}

/** An HTTP server for the emulator plus the timers of answers it is holding back (tok_timeout). */
export interface EmulatorServer {
  server: Server;
  /** Drops held answers and open connections, then stops listening. */
  close(): Promise<void>;
}

const DECLINE_PROFILE = /^\/emulator\/profiles\/(\d+)\/decline$/;

/**
 * Serves the JSON API at {@link API_PATH} and, outside the real API, `GET /emulator/transactions`,
 * `GET /emulator/subscriptions`, `GET /emulator/profiles`, `POST /emulator/profiles/:customerProfileId/decline` and
 * `POST /emulator/settle` for tests and the local stack.
 */
export function createEmulatorServer(state: EmulatorState): EmulatorServer {
  const heldAnswers = new Set<NodeJS.Timeout>();

  async function handleApi(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawBody = await readBody(request);
    const result = handleApiRequest(state, rawBody ?? '');
    const text = encodeApiBody(result.body);
    if (!result.delayMs) {
      sendJson(response, 200, text);
      return;
    }
    const timer = setTimeout(() => {
      heldAnswers.delete(timer);
      // The caller may have given up already; that is the situation tok_timeout exists to create.
      if (!response.destroyed) sendJson(response, 200, text);
    }, result.delayMs);
    heldAnswers.add(timer);
  }

  function route(request: IncomingMessage, response: ServerResponse): Promise<void> | void {
    const path = (request.url ?? '/').split('?')[0];
    if (path === API_PATH && request.method === 'POST') return handleApi(request, response);
    if (path === '/emulator/transactions' && request.method === 'GET') {
      settleDueTransactions(state);
      return sendJson(response, 200, JSON.stringify({ transactions: state.transactions.snapshot() }));
    }
    if (path === '/emulator/subscriptions' && request.method === 'GET') {
      return sendJson(response, 200, JSON.stringify({ subscriptions: state.subscriptions.snapshot() }));
    }
    if (path === '/emulator/profiles' && request.method === 'GET') {
      return sendJson(response, 200, JSON.stringify({ profiles: state.profiles.snapshot() }));
    }
    const decline = DECLINE_PROFILE.exec(path);
    if (decline && request.method === 'POST') {
      const declining = declineStoredCards(state, decline[1]);
      return sendJson(response, declining ? 200 : 404, JSON.stringify(declining ? { declining: decline[1] } : { error: `No customer profile ${decline[1]}` }));
    }
    if (path === '/emulator/settle' && request.method === 'POST') {
      const settled = state.settlement.settleAll(state.transactions.live(), state.now());
      return sendJson(response, 200, JSON.stringify({ settled }));
    }
    return sendJson(response, 404, JSON.stringify({ error: `No route for ${request.method} ${path}` }));
  }

  const server = createServer((request, response) => {
    Promise.resolve(route(request, response)).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, JSON.stringify({ error: String(error) }));
    });
  });

  let closing: Promise<void> | undefined;
  return {
    server,
    // Idempotent, so a test's cleanup may close an emulator the test already closed.
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        for (const timer of heldAnswers) clearTimeout(timer);
        heldAnswers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      })),
  };
}

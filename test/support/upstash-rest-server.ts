import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RedisReply, RedisConnection, RedisReplyError, RedisStatus } from './redis-server';

/** A running stand-in for Upstash's REST API; `url` and `token` are what an Upstash client is configured with. */
export interface UpstashRestServer {
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

/** Where the real Redis listens (a `RedisServer` fits). */
export interface RedisAddress {
  readonly host: string;
  readonly port: number;
}

type CommandResult = { result: unknown } | { error: string };

class BadRequest extends Error {}

/**
 * Serves the Upstash REST protocol on 127.0.0.1 in front of a real Redis: POST / with one command as a JSON array,
 * POST /pipeline and POST /multi-exec with arrays of commands, Bearer-token auth, and `Upstash-Encoding: base64`
 * (every string in the result base64-encoded, except the status reply "OK", as Upstash documents).
 */
export async function startUpstashRestServer(options: {
  redis: RedisAddress;
  token?: string;
}): Promise<UpstashRestServer> {
  const token = options.token ?? randomUUID();
  const connection = await RedisConnection.connect(options.redis.port, options.redis.host);

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => reply(response, 500, { error: String(error) }));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') return reply(response, 405, { error: 'Method not allowed' });
    if (request.headers.authorization !== `Bearer ${token}`) {
      return reply(response, 401, { error: 'Unauthorized' });
    }
    const base64 = String(request.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
    const path = new URL(request.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '') || '/';
    try {
      const body = await readJson(request);
      if (path === '/') {
        const [answer] = await connection.send([toCommand(body)]);
        const result = toResult(answer, base64);
        return reply(response, 'error' in result ? 400 : 200, result);
      }
      if (path === '/pipeline') {
        const answers = await connection.send(toCommands(body));
        return reply(response, 200, answers.map((answer) => toResult(answer, base64)));
      }
      if (path === '/multi-exec') {
        return await multiExec(response, toCommands(body), base64);
      }
      return reply(response, 404, { error: `Unknown endpoint ${path}` });
    } catch (error) {
      if (error instanceof BadRequest) return reply(response, 400, { error: error.message });
      throw error;
    }
  }

  async function multiExec(response: ServerResponse, commands: string[][], base64: boolean): Promise<void> {
    const answers = await connection.send([['MULTI'], ...commands, ['EXEC']]);
    const executed = answers[answers.length - 1];
    if (!Array.isArray(executed)) {
      // Discarded as a whole (EXECABORT): report the command that was refused, as Upstash does.
      const refused = answers.slice(1, -1).find((answer) => answer instanceof RedisReplyError) ?? executed;
      return reply(response, 400, { error: refused instanceof Error ? refused.message : 'ERR transaction discarded' });
    }
    return reply(response, 200, executed.map((answer) => toResult(answer, base64)));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await connection.close();
    },
  };
}

function reply(response: ServerResponse, status: number, body: CommandResult | CommandResult[]): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BadRequest('ERR failed to parse command');
  }
}

/** Upstash accepts numbers and booleans among the arguments (the client sends PX and key counts as numbers). */
function toCommand(body: unknown): string[] {
  if (!Array.isArray(body) || body.length === 0) throw new BadRequest('ERR command must be a non-empty JSON array');
  return body.map((arg) => {
    if (typeof arg === 'string') return arg;
    if (typeof arg === 'number' || typeof arg === 'boolean') return String(arg);
    throw new BadRequest('ERR command arguments must be strings or numbers');
  });
}

function toCommands(body: unknown): string[][] {
  if (!Array.isArray(body) || body.length === 0) throw new BadRequest('ERR body must be a JSON array of commands');
  return body.map(toCommand);
}

function toResult(answer: RedisReply, base64: boolean): CommandResult {
  return answer instanceof RedisReplyError ? { error: answer.message } : { result: toJson(answer, base64) };
}

function toJson(answer: RedisReply, base64: boolean): unknown {
  if (answer instanceof RedisStatus) {
    return base64 && answer.text !== 'OK' ? Buffer.from(answer.text).toString('base64') : answer.text;
  }
  if (Buffer.isBuffer(answer)) return answer.toString(base64 ? 'base64' : 'utf8');
  if (answer instanceof RedisReplyError) return answer.message;
  if (Array.isArray(answer)) return answer.map((item) => toJson(item, base64));
  return answer;
}

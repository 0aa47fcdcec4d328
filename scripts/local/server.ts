import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { getFunction } from '@google-cloud/functions-framework/testing';
import { LocalBus } from '@shared/bus/local';
import { pubSubCloudEvent } from '@shared/events';
import { errorEnvelope, HttpError } from '@shared/http/errors';
import { MAX_PATH_LENGTH, splitTarget } from '@shared/http/route-table';
import { FUNCTIONS, SCHEDULES, functionForPath } from '@shared/manifest';
import { type Runtime, setRuntime } from '@shared/runtime';
import { httpFunction, loadFunctions } from '../routes/catalog';
import { cronMatches } from './cron';

type EventHandler = (event: unknown) => Promise<void>;

/** The whole system in one process: every HTTP function under its public paths, the bus, the scheduler. */
export interface LocalStack {
  url: string;
  runtime: Runtime;
  server: http.Server;
  close(): Promise<void>;
}

/**
 * Starts the local stack on `port` (0 = any). The runtime is installed process-wide, so every function shares the
 * same warehouse, kv and bus, and the local bus delivers to the event functions as Pub/Sub would.
 */
export async function startLocalStack(rt: Runtime, port: number, options: { scheduler?: boolean } = {}): Promise<LocalStack> {
  setRuntime(rt);
  loadFunctions();
  if (rt.bus instanceof LocalBus) {
    const bus = rt.bus;
    for (const spec of FUNCTIONS) {
      if (spec.trigger.kind !== 'topic') continue;
      const handler = getFunction(spec.name) as unknown as EventHandler;
      bus.subscribe(spec.trigger.topic, (message) => handler(pubSubCloudEvent(message, rt.config.GCP_PROJECT_ID)));
    }
  }

  // Paths up to the router's own limit reach it (and its 414 envelope, counted by the rate limiter); what Node's parser
  // still refuses (raw non-ASCII, oversized headers, broken HTTP) is answered by answerClientError.
  const server = http.createServer({ maxHeaderSize: 4 * MAX_PATH_LENGTH + 16 * 1024 }, (req, res) => {
    const spec = functionForPath(splitTarget(req.url ?? '/').path);
    if (!spec) {
      sendEnvelope(res, new HttpError(404, 'NOT_FOUND', 'No function serves this path'));
      return;
    }
    void httpFunction(spec.name)(req, res);
  });
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const timer = options.scheduler === false ? undefined : startScheduler(rt);
  return {
    url,
    runtime: rt,
    server,
    async close() {
      if (timer) clearInterval(timer);
      if (rt.bus instanceof LocalBus) rt.bus.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await rt.warehouse.close();
      setRuntime(undefined);
    },
  };
}

function sendEnvelope(res: http.ServerResponse, error: HttpError): void {
  const { status, body } = errorEnvelope(error, false);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

/**
 * A request Node's HTTP parser refused never reaches a function; it gets the envelope here instead of Node's empty
 * 400 or 431, and the connection is closed (the stream cannot be trusted past a parse error).
 */
export function answerClientError(error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const failure = tooLarge
    ? new HttpError(431, 'HEADERS_TOO_LARGE', 'The request line and headers are too large')
    : new HttpError(400, 'MALFORMED_REQUEST', 'The request is not valid HTTP/1.1 (a path or query must be ASCII, with anything else percent-encoded)');
  const { status, body } = errorEnvelope(failure, false);
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

/** Publishes each schedule's message at the minutes its cron names, as Cloud Scheduler does. */
function startScheduler(rt: Runtime): NodeJS.Timeout {
  let lastMinute = -1;
  return setInterval(() => {
    const now = rt.clock.now();
    const minute = Math.floor(now.getTime() / 60_000);
    if (minute === lastMinute) return;
    lastMinute = minute;
    for (const schedule of SCHEDULES) {
      if (!cronMatches(schedule.cron, now, schedule.timeZone)) continue;
      rt.log.info('scheduler fired', { schedule: schedule.name, topic: schedule.topic });
      void rt.bus.publish(schedule.topic, schedule.message, { schedule: schedule.name });
    }
  }, 5_000).unref();
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { getFunction } from '@google-cloud/functions-framework/testing';
import { LocalBus } from '@shared/bus/local';
import { pubSubCloudEvent } from '@shared/events';
import { errorEnvelope, HttpError } from '@shared/http/errors';
import { FUNCTIONS, SCHEDULES, functionForPath } from '@shared/manifest';
import { type Runtime, setRuntime } from '@shared/runtime';
import { cronMatches } from './cron';

type HttpHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;
type EventHandler = (event: unknown) => Promise<void>;

/** The whole system in one process: every HTTP function under its public paths, the bus, the scheduler. */
export interface LocalStack {
  url: string;
  runtime: Runtime;
  server: http.Server;
  close(): Promise<void>;
}

/** Loads every function of the manifest, registering it with the functions framework as its bundle would. */
export function loadFunctions(root = join(__dirname, '..', '..')): void {
  for (const spec of FUNCTIONS) require(join(root, 'functions', spec.name, 'index.ts'));
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

  const server = http.createServer((req, res) => {
    const spec = functionForPath(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (!spec) {
      const { status, body } = errorEnvelope(new HttpError(404, 'NOT_FOUND', `No function serves ${req.url}`), false);
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
      return;
    }
    void (getFunction(spec.name) as unknown as HttpHandler)(req, res);
  });
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

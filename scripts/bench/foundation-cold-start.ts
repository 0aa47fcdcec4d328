import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Benchmark, Metrics } from './benchmark';
import { type BuiltFunction, buildBundles, distDir, repoRoot } from './bundles';
import { embeddedAdapterEnv, randomSecrets } from './embedded-env';
import { request } from './http-client';
import { freePort, spawnNode } from './processes';
import { latencyMetrics, median, round } from './stats';

const frameworkBin = join(repoRoot, 'node_modules', '.bin', 'functions-framework');
const RUNS = { warmup: 1, samples: 5 };
const START_TIMEOUT_MS = 20_000;

/** The local stack's embedded adapters, so a first request needs nothing beyond this machine. */
const embeddedEnv = { ...embeddedAdapterEnv('duckdb::memory:'), ...randomSecrets() };

/** What a cold start is timed up to: a GET of a public path, or a Pub/Sub CloudEvent the handler acknowledges. */
type FirstRequest = { kind: 'http'; path: string } | { kind: 'event'; topic: string };

interface ColdStart {
  listeningMs: number;
  firstResponseMs: number;
}

/**
 * A Pub/Sub message no handler accepts (it matches no message schema): event functions log and acknowledge it, so
 * the timing covers loading, decoding and answering without doing any work.
 */
function unacceptedPubSubEvent(topic: string) {
  const now = new Date().toISOString();
  const id = `cold-start-${Date.now()}`;
  return JSON.stringify({
    specversion: '1.0',
    id,
    source: `//pubsub.googleapis.com/projects/local-project/topics/${topic}`,
    type: 'google.cloud.pubsub.topic.v1.messagePublished',
    time: now,
    datacontenttype: 'application/json',
    data: {
      message: { data: Buffer.from(JSON.stringify({ benchmark: 'cold-start' })).toString('base64'), messageId: id, publishTime: now },
      subscription: `projects/local-project/subscriptions/${topic}-bench`,
    },
  });
}

/** Spawns the functions framework on one function and times it from spawn to listening and to its first answer. */
async function coldStartOnce(target: string, source: string, first: FirstRequest, env: Record<string, string>): Promise<ColdStart> {
  const port = await freePort();
  const started = performance.now();
  const proc = spawnNode([frameworkBin, `--target=${target}`, `--source=${source}`], { ...env, PORT: String(port) });
  try {
    const listeningAt = await proc.waitFor(/Serving function/, START_TIMEOUT_MS);
    const { status } =
      first.kind === 'http'
        ? await request(port, { method: 'GET', path: first.path })
        : await request(port, {
            method: 'POST',
            path: '/',
            headers: { 'content-type': 'application/cloudevents+json' },
            body: unacceptedPubSubEvent(first.topic),
          });
    const answeredAt = performance.now();
    if (status >= 500) throw new Error(`${target} answered its first request with ${status}:\n${proc.output().slice(-2000)}`);
    return { listeningMs: listeningAt - started, firstResponseMs: answeredAt - started };
  } finally {
    await proc.stop();
  }
}

async function coldStarts(target: string, source: string, first: FirstRequest, env: Record<string, string>): Promise<ColdStart[]> {
  for (let i = 0; i < RUNS.warmup; i++) await coldStartOnce(target, source, first, env);
  const runs: ColdStart[] = [];
  for (let i = 0; i < RUNS.samples; i++) runs.push(await coldStartOnce(target, source, first, env));
  return runs;
}

/** Node starting and exiting with nothing to do: the floor under every cold start on this machine. */
async function nodeFloorMs(): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS.warmup + RUNS.samples; i++) {
    const started = performance.now();
    const proc = spawnNode(['-e', 'console.log("ready")'], {});
    await proc.waitFor(/ready/, START_TIMEOUT_MS);
    if (i >= RUNS.warmup) samples.push(performance.now() - started);
    await proc.stop();
  }
  return samples;
}

/** The framework serving a function that does nothing: what any bundle adds is measured against this. */
async function frameworkFloor(): Promise<ColdStart[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-noop-'));
  try {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'noop', private: true, main: 'index.js' }));
    writeFileSync(
      join(dir, 'index.js'),
      "require('@google-cloud/functions-framework').http('noop', (req, res) => res.json({ success: true }));\n",
    );
    return await coldStarts('noop', dir, { kind: 'http', path: '/' }, { NODE_ENV: 'development', NODE_PATH: join(repoRoot, 'node_modules') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function firstRequestOf(f: BuiltFunction): FirstRequest {
  if (f.trigger === 'http') return { kind: 'http', path: f.paths?.[0] ?? '/' };
  return { kind: 'event', topic: f.topic ?? 'unknown' };
}

function coldStartMetrics(prefix: string, runs: ColdStart[]): Metrics {
  return {
    ...latencyMetrics(`${prefix}.listening`, runs.map((r) => r.listeningMs)),
    ...latencyMetrics(`${prefix}.first_response`, runs.map((r) => r.firstResponseMs)),
  };
}

/**
 * Cold start of every bundle under the functions framework, as Cloud Functions starts it: from process spawn to
 * "Serving function" (module loaded, server listening) and to the first answer (an HTTP function's first public
 * path; a CloudEvent for an event function), median of 5 after a warm-up, next to the node and framework floors.
 */
export const coldStartBenchmark: Benchmark = {
  name: 'foundation.cold-start',
  async run() {
    const { functions } = await buildBundles();
    const metrics: Metrics = { 'node.spawn_to_output.median_ms': round(median(await nodeFloorMs())) };
    const floor = await frameworkFloor();
    Object.assign(metrics, coldStartMetrics('framework_noop', floor));
    const floorFirstResponse = median(floor.map((r) => r.firstResponseMs));
    for (const f of functions) {
      const runs = await coldStarts(f.name, join(distDir, f.name), firstRequestOf(f), embeddedEnv);
      Object.assign(metrics, coldStartMetrics(f.name, runs));
      metrics[`${f.name}.first_response_vs_framework_ratio`] = round(median(runs.map((r) => r.firstResponseMs)) / floorFirstResponse);
    }
    return metrics;
  },
};

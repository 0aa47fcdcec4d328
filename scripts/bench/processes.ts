import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';

/** A loopback port nobody is listening on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A child node process whose output is collected (for error messages) and watched for a line. */
export interface WatchedProcess {
  child: ChildProcess;
  /** Resolves with performance.now() when stdout or stderr first matches; rejects on exit or after timeoutMs. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<number>;
  output(): string;
  stop(): Promise<void>;
}

/** Spawns `node <args>` with exactly `env` (plus PATH): nothing of the bench process's own settings leaks in. */
export function spawnNode(args: string[], env: Record<string, string>): WatchedProcess {
  const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  return {
    child,
    output: () => output,
    waitFor(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const done = (error?: Error) => {
          listeners.delete(check);
          clearTimeout(timer);
          child.off('exit', onExit);
          if (error) reject(error);
          else resolve(performance.now());
        };
        const check = () => {
          if (pattern.test(output)) done();
        };
        const onExit = (code: number | null) => done(new Error(`exited with ${code} before ${pattern}:\n${output.slice(-2000)}`));
        const timer = setTimeout(() => done(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output.slice(-2000)}`)), timeoutMs);
        listeners.add(check);
        child.on('exit', onExit);
        check();
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

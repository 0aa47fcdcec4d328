import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Socket, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** A RESP2 simple-string reply (`+OK`, `+PONG`, `+QUEUED`), kept apart from bulk strings as Upstash encodes them differently. */
export class RedisStatus {
  constructor(readonly text: string) {}
}

/** A RESP2 error reply (`-ERR ...`). */
export class RedisReplyError extends Error {
  override name = 'RedisReplyError';
}

/** One decoded reply; bulk strings stay bytes (Redis strings are binary). */
export type RedisReply = RedisStatus | RedisReplyError | Buffer | number | null | RedisReply[];

const CRLF = '\r\n';

/** Encodes one command as a RESP array of bulk strings. */
export function encodeCommand(args: readonly string[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}${CRLF}`)];
  for (const arg of args) {
    const bytes = Buffer.from(arg, 'utf8');
    parts.push(Buffer.from(`$${bytes.length}${CRLF}`), bytes, Buffer.from(CRLF));
  }
  return Buffer.concat(parts);
}

/** Decodes one reply at `offset`; undefined when the buffer does not hold all of it yet. */
export function decodeReply(buffer: Buffer, offset = 0): { reply: RedisReply; next: number } | undefined {
  const lineEnd = buffer.indexOf(CRLF, offset);
  if (lineEnd < 0) return undefined;
  const line = buffer.toString('utf8', offset + 1, lineEnd);
  const afterLine = lineEnd + 2;
  switch (String.fromCharCode(buffer[offset])) {
    case '+':
      return { reply: new RedisStatus(line), next: afterLine };
    case '-':
      return { reply: new RedisReplyError(line), next: afterLine };
    case ':':
      return { reply: Number(line), next: afterLine };
    case '$': {
      const length = Number(line);
      if (length < 0) return { reply: null, next: afterLine };
      if (buffer.length < afterLine + length + 2) return undefined;
      return { reply: Buffer.from(buffer.subarray(afterLine, afterLine + length)), next: afterLine + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { reply: null, next: afterLine };
      const items: RedisReply[] = [];
      let next = afterLine;
      for (let i = 0; i < count; i++) {
        const item = decodeReply(buffer, next);
        if (!item) return undefined;
        items.push(item.reply);
        next = item.next;
      }
      return { reply: items, next };
    }
    default:
      throw new Error(`Unexpected RESP type byte ${JSON.stringify(String.fromCharCode(buffer[offset]))}`);
  }
}

interface PendingBatch {
  expected: number;
  replies: RedisReply[];
  resolve(replies: RedisReply[]): void;
  reject(error: Error): void;
}

/**
 * One pipelined connection to Redis. A batch is written in a single write and Redis answers in order, so a
 * MULTI … EXEC batch cannot be interleaved with another caller's commands.
 */
export class RedisConnection {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly pending: PendingBatch[] = [];
  private closed: Error | undefined;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('Redis connection closed')));
  }

  /** Connects to a Redis server. */
  static connect(port: number, host = '127.0.0.1'): Promise<RedisConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        socket.setNoDelay(true);
        resolve(new RedisConnection(socket));
      });
    });
  }

  /** Sends commands as one batch; resolves with one reply per command (error replies included, not thrown). */
  send(commands: readonly (readonly string[])[]): Promise<RedisReply[]> {
    if (this.closed) return Promise.reject(this.closed);
    if (commands.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.pending.push({ expected: commands.length, replies: [], resolve, reject });
      this.socket.write(Buffer.concat(commands.map(encodeCommand)));
    });
  }

  /** Sends one command and resolves with its reply. */
  async command(...args: string[]): Promise<RedisReply> {
    const [reply] = await this.send([args]);
    return reply;
  }

  /** Closes the connection; commands still waiting are rejected. */
  async close(): Promise<void> {
    if (this.socket.destroyed) return;
    await new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.end();
    });
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    let offset = 0;
    for (;;) {
      const decoded = offset < this.buffer.length ? decodeReply(this.buffer, offset) : undefined;
      if (!decoded) break;
      offset = decoded.next;
      const batch = this.pending[0];
      if (!batch) continue;
      batch.replies.push(decoded.reply);
      if (batch.replies.length === batch.expected) {
        this.pending.shift();
        batch.resolve(batch.replies);
      }
    }
    this.buffer = this.buffer.subarray(offset);
  }

  private fail(error: Error): void {
    this.closed ??= error;
    for (const batch of this.pending.splice(0)) batch.reject(error);
  }
}

/** A redis-server child process on a loopback port, with no persistence. */
export interface RedisServer {
  readonly host: string;
  readonly port: number;
  stop(): Promise<void>;
}

const NOT_INSTALLED =
  'redis-server is not installed (not found on PATH). The Upstash kv tests run against a real Redis: ' +
  'install the Debian package with `apt-get install redis-server`.';

/** The one line that installs redis-server here (Debian). */
export const REDIS_INSTALL_LINE = 'apt-get install -y redis-server';

/** Whether an executable redis-server is on PATH. */
export function redisServerInstalled(path = process.env.PATH ?? ''): boolean {
  return path.split(delimiter).some((dir) => {
    try {
      accessSync(join(dir || '.', 'redis-server'), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * `describe` for suites that need a real Redis. With redis-server on PATH they run. Without it they are listed as
 * skipped with the line that installs it, so `npm test` passes on a fresh machine and says what it did not run; under
 * CI=true a missing redis-server is a failing test instead, so CI can never pass by skipping them.
 */
export function describeWithRedis(name: string, body: () => void): void {
  if (redisServerInstalled()) return describe(name, body);
  if (process.env.CI === 'true') {
    return describe(name, () => test(`needs redis-server on PATH under CI=true: ${REDIS_INSTALL_LINE}`, () => {
      throw new Error(NOT_INSTALLED);
    }));
  }
  describe.skip(`${name} (skipped: redis-server is not on PATH; install it with \`${REDIS_INSTALL_LINE}\`)`, body);
}

/** Starts redis-server on a free 127.0.0.1 port in a temporary directory; fails clearly when it is not installed. */
export async function startRedisServer(): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'redis-test-'));
  let lastError: unknown;
  // The free port is found before redis binds it, so another process can take it in between: try a few times.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      const child = await launch(port, dir);
      return {
        host: '127.0.0.1',
        port,
        stop: async () => {
          await stopProcess(child);
          await rm(dir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      lastError = error;
      if (error instanceof Error && error.message === NOT_INSTALLED) break;
    }
  }
  await rm(dir, { recursive: true, force: true });
  throw lastError;
}

async function launch(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', '', '--appendonly', 'no', '--loglevel', 'warning'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new Error(NOT_INSTALLED) : error),
    );
  });
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) => reject(new Error(`redis-server exited with code ${code}: ${output.trim()}`)));
  });
  exited.catch(() => {});
  const running = () => child.exitCode === null && child.signalCode === null && child.pid !== undefined;
  try {
    await Promise.race([waitForPong(port, running), exited]);
    return child;
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
}

async function waitForPong(port: number, running: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  let lastReply: unknown;
  while (running()) {
    try {
      const connection = await RedisConnection.connect(port);
      lastReply = await connection.command('PING');
      await connection.close();
      if (lastReply instanceof RedisStatus && lastReply.text === 'PONG') return;
    } catch (error) {
      lastReply = error;
    }
    if (Date.now() > deadline) throw new Error(`redis-server did not answer PING on port ${port}`, { cause: lastReply });
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('redis-server stopped before answering PING');
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

import net from 'node:net';

/** An answer read off the wire: status, lower-cased headers, the body text and, when it is JSON, the parsed body. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  body: any;
}

export interface RawRequest {
  method: string;
  /** The request target exactly as sent: nothing is encoded or normalised (malformed escapes, raw bytes, any length). */
  target: string | Buffer;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/**
 * Sends one HTTP/1.1 request over a fresh connection, byte for byte as given, and reads the answer to the end. fetch
 * and http.request cannot send what a hostile client can: they encode, normalise or refuse such targets.
 */
export function rawRequest(url: string, request: RawRequest): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const headers: Record<string, string> = { Host: `${hostname}:${port}`, Connection: 'close', ...request.headers };
  if (body && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) headers['Content-Length'] = String(body.length);
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const bytes = Buffer.concat([Buffer.from(`${request.method} `), Buffer.from(request.target), Buffer.from(` HTTP/1.1\r\n${head}\r\n`), body ?? Buffer.alloc(0)]);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      try {
        resolve(parseAnswer(Buffer.concat(chunks), request.method === 'HEAD'));
      } catch (error) {
        reject(error);
      }
    });
  });
}

function parseAnswer(raw: Buffer, head: boolean): RawAnswer {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`No complete answer: ${JSON.stringify(raw.toString('latin1').slice(0, 200))}`);
  const [statusLine, ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let payload = raw.subarray(end + 4);
  if (headers['transfer-encoding'] === 'chunked') payload = dechunk(payload);
  const text = head ? '' : payload.toString('utf8');
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: Number(statusLine.split(' ')[1]), headers, text, body };
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!size) return Buffer.concat(parts);
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

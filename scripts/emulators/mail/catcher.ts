import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** A message the catcher accepted. */
export interface CaughtMail {
  /** The Message-ID header as sent, `<...>`. */
  messageId: string;
  /** The envelope recipients (RCPT TO). */
  to: string[];
  /** The kind the sender named in X-Notice-Kind, if any. */
  kind: string | null;
  /** Where the .eml was written, or null when the catcher keeps messages in memory only. */
  file: string | null;
  raw: Buffer;
  receivedAt: Date;
}

/** A scripted relay answer: a reply code and text, as a real relay would give to RCPT TO. */
export interface RelayReply {
  code: number;
  message: string;
}

export interface MailCatcherOptions {
  port?: number;
  /** Directory for the .eml files (created); without it, messages are kept in memory only. */
  dir?: string;
  /** Called once per accepted message (npm start prints a line). */
  onMessage?: (mail: CaughtMail) => void;
  /**
   * Makes the catcher behave like a relay that refuses: asked at each RCPT TO with the recipient and how many times
   * it was offered before; a reply refuses it (4xx: try later, 5xx: never), null accepts it.
   */
  answer?: (recipient: string, previousOffers: number) => RelayReply | null;
}

export interface MailCatcher {
  url: string;
  port: number;
  messages: CaughtMail[];
  close(): Promise<void>;
}

/** The header's value from a raw message head (unfolded), or null. */
function header(head: string, name: string): string | null {
  const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head);
  return match ? match[1].replace(/\r?\n[ \t]+/g, ' ').trim() : null;
}

/**
 * The local stand-in for an SMTP relay (`smtp-server`): accepts every message (any login, no TLS), keeps it as an
 * .eml file, and can be scripted to refuse recipients with the replies a relay gives (451 greylisting, 550 unknown
 * user), so senders meet the failures they will meet in production.
 */
export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  if (options.dir) mkdirSync(options.dir, { recursive: true });
  const messages: CaughtMail[] = [];
  const offers = new Map<string, number>();
  let sequence = 0;

  const server = new SMTPServer({
    name: 'mail-catcher.local',
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    size: 10 * 1024 * 1024,
    // On close, connections a client keeps open (a sender's pool) get 421 after this long instead of 30 s.
    closeTimeout: 250,
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'catcher' });
    },
    onRcptTo(address, _session, callback) {
      const previous = offers.get(address.address) ?? 0;
      offers.set(address.address, previous + 1);
      const reply = options.answer?.(address.address, previous);
      if (!reply) return callback();
      const error = Object.assign(new Error(reply.message), { responseCode: reply.code });
      callback(error);
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(Object.assign(new Error('552 5.3.4 Message too big'), { responseCode: 552 }));
        const raw = Buffer.concat(chunks);
        const headEnd = raw.indexOf('\r\n\r\n');
        const head = raw.subarray(0, headEnd < 0 ? raw.length : headEnd).toString('utf8');
        const messageId = header(head, 'Message-ID') ?? `<catcher.${++sequence}@mail-catcher.local>`;
        const receivedAt = new Date();
        let file: string | null = null;
        if (options.dir) {
          // Named by arrival and sequence as well as the Message-ID, so a duplicate send shows as a second file.
          const safeId = messageId.replace(/[^A-Za-z0-9._@-]/g, '');
          file = join(options.dir, `${receivedAt.toISOString().replace(/[:.]/g, '-')}-${String(++sequence).padStart(6, '0')}-${safeId}.eml`);
          writeFileSync(file, raw);
        }
        const mail: CaughtMail = {
          messageId,
          to: session.envelope.rcptTo.map((r) => r.address),
          kind: header(head, 'X-Notice-Kind'),
          file,
          raw,
          receivedAt,
        };
        messages.push(mail);
        options.onMessage?.(mail);
        callback(null, `Message queued as ${messageId}`);
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

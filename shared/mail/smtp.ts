import type { Transporter } from 'nodemailer';
import type { Mailer, OutgoingMail, SendOutcome } from './port';

export interface SmtpMailerOptions {
  /** smtp://[user@]host[:port] (STARTTLS when offered) or smtps://[user@]host[:port] (TLS from the start). */
  url: string;
  /** The relay password (the smtp-password secret); asked for only when the URL names a user. */
  password: () => Promise<string>;
  from: string;
  timeoutMs: number;
  /** Connections kept open to the relay: sends run in parallel over them. */
  maxConnections?: number;
}

/** An error nodemailer raises, with the relay's reply when there was one. */
interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/**
 * Classifies a failed send. A 4xx reply is the relay asking us to try later; a 5xx reply refuses this message for
 * good, except a refused login (EAUTH), which is our configuration, not the message: it stays transient so fixing the
 * secret delivers what waited. No reply at all (refused connection, timeout, reset) is transient.
 */
export function classifySmtpError(error: unknown): Exclude<SendOutcome, { outcome: 'sent' }> {
  const e = (error ?? {}) as SmtpError;
  const reply = (e.response ?? e.message ?? String(error)).trim();
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  if (code !== null && code >= 500 && code < 600 && e.code !== 'EAUTH') return { outcome: 'permanent', reply, code };
  return { outcome: 'transient', reply: code === null && e.code ? `${e.code}: ${reply}` : reply, code };
}

/** Sends through any SMTP relay with nodemailer, over a small pool of connections. */
export class SmtpMailer implements Mailer {
  readonly backend = 'smtp' as const;
  private transport: Promise<Transporter> | undefined;

  constructor(private readonly options: SmtpMailerOptions) {}

  private transporter(): Promise<Transporter> {
    this.transport ??= this.createTransport().catch((error) => {
      this.transport = undefined;
      throw error;
    });
    return this.transport;
  }

  private async createTransport(): Promise<Transporter> {
    // Loaded lazily: only the functions that send mail pay for it.
    const nodemailer = (await import('nodemailer')).default;
    const url = new URL(this.options.url);
    const secure = url.protocol === 'smtps:';
    const user = decodeURIComponent(url.username);
    return nodemailer.createTransport({
      pool: true,
      maxConnections: this.options.maxConnections ?? 4,
      host: url.hostname,
      port: url.port ? Number(url.port) : secure ? 465 : 587,
      secure,
      auth: user ? { user, pass: await this.options.password() } : undefined,
      connectionTimeout: this.options.timeoutMs,
      greetingTimeout: this.options.timeoutMs,
      socketTimeout: this.options.timeoutMs,
    });
  }

  async send(mail: OutgoingMail): Promise<SendOutcome> {
    try {
      const transport = await this.transporter();
      const info = await transport.sendMail({
        from: this.options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        references: mail.references,
        headers: mail.headers,
      });
      return { outcome: 'sent', reply: String(info.response ?? '').trim() };
    } catch (error) {
      return classifySmtpError(error);
    }
  }

  async ping(): Promise<void> {
    await (await this.transporter()).verify();
  }

  close(): void {
    void this.transport?.then((t) => t.close()).catch(() => undefined);
    this.transport = undefined;
  }
}

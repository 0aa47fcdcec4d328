/** A message ready to send: rendered, addressed, with its own Message-ID. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<id@domain>`: derived from the notice's outbox key, so a retry carries the same one. */
  messageId: string;
  /** Earlier Message-IDs this one follows (a resend names the first send). */
  references?: string[];
  /** Extra headers (e.g. the notice kind), none personal. */
  headers?: Record<string, string>;
}

/**
 * How a send ended. The relay's reply is kept as it answered (with any address in it masked by the caller):
 * `transient` is a 4xx reply or no answer at all (retry later), `permanent` a 5xx reply about this message (never retry).
 */
export type SendOutcome =
  | { outcome: 'sent'; reply: string }
  | { outcome: 'transient'; reply: string; code: number | null }
  | { outcome: 'permanent'; reply: string; code: number };

/** The mail port: one message per call, through the configured relay. */
export interface Mailer {
  readonly backend: 'smtp';
  send(mail: OutgoingMail): Promise<SendOutcome>;
  /** Checks the relay answers and accepts our credentials. */
  ping(): Promise<void>;
  close(): void;
}

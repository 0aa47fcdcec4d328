import type { Runtime } from '../runtime';
import type { Mailer } from './port';
import { SmtpMailer } from './smtp';

const mailers = new WeakMap<Runtime, Mailer>();

/**
 * The runtime's mailer: SMTP to SMTP_URL (the embedded catcher under `npm start` and in tests), created on first use
 * and reused. Throws when no relay is configured, so a deployed function without SMTP_URL fails loudly, and the
 * notices wait in the outbox until it is set.
 */
export function mailer(rt: Runtime): Mailer {
  const existing = mailers.get(rt);
  if (existing) return existing;
  const url = rt.config.SMTP_URL;
  if (!url) throw new Error('Mail is not configured: set SMTP_URL (npm start runs an embedded catcher and sets it)');
  const created = new SmtpMailer({
    url,
    password: () => rt.secrets.get('smtp-password'),
    from: rt.config.MAIL_FROM,
    timeoutMs: rt.config.SMTP_TIMEOUT_MS,
  });
  mailers.set(rt, created);
  return created;
}

/** Installs a mailer for a runtime in place of the configured one (tests, benchmarks). */
export function setMailer(rt: Runtime, next: Mailer): void {
  mailers.get(rt)?.close();
  mailers.set(rt, next);
}

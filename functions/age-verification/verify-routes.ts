import type { Principal } from '@shared/http/auth';
import { type RequestContext, route } from '@shared/http/router';
import { verificationRequestSchema, type VerificationRequest } from './verification-request';
import { type VerifyKind, verifyAge } from './verify';

/** Who the audit trail names for a request: the customer themself, or the admin acting for them. */
function actorOf(principal: Principal | null): string {
  return principal?.role === 'admin' ? `admin:${principal.sub}` : 'customer';
}

function verifyHandler(kind: VerifyKind) {
  return async (ctx: RequestContext<VerificationRequest, Record<string, string>>) => {
    ctx.assertOwner(ctx.body.customerId);
    const started = performance.now();
    const result = await verifyAge(ctx.runtime, {
      request: ctx.body,
      kind,
      actor: actorOf(ctx.principal),
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      log: ctx.log,
    });
    // processingTime (ms, to the hundredth): the shop's front ends show it, and it proves a cached answer is fast.
    return { body: { ...result, processingTime: Math.round((performance.now() - started) * 100) / 100 } };
  };
}

/**
 * POST /api/age-verification/verify: verifies the calling customer (admins: anyone). 200 with `verified: true` and the
 * verification (method `cache` when one is already current), or `verified: false` with the reason, each with its
 * `processingTime` in milliseconds; 400 for a malformed
 * body; 429 "Too many attempts" with `resetAt` after three failures in 24 hours.
 */
export const verifyRoute = route({
  method: 'POST',
  path: '/api/age-verification/verify',
  access: 'customer',
  summary: 'Verifies that the caller (`customerId` is their own; admins: anyone) is 21+; 3 failures a day, then 429',
  body: verificationRequestSchema,
  handle: verifyHandler('verify'),
});

/**
 * POST /api/age-verification/resubmit: evaluates a new claim even when a verification is current (corrected details,
 * renewal). Passing replaces the current verification; failing revokes it. Counts against the same attempt limit.
 */
export const resubmitRoute = route({
  method: 'POST',
  path: '/api/age-verification/resubmit',
  access: 'customer',
  summary: 'A new claim for the caller (own `customerId`; admins: anyone) even when verified: passing replaces, failing revokes',
  body: verificationRequestSchema,
  handle: verifyHandler('resubmit'),
});

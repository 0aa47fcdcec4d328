import { randomUUID } from 'node:crypto';
import { HttpError } from '@shared/http/errors';
import type { Runtime } from '@shared/runtime';
import { membershipById, openMembershipOf } from './membership-store';

/** How long a subscribe may hold the customer's slot before another may take it (a crashed instance). */
const PENDING_TTL_MS = 10 * 60 * 1000;

/** A held place for a customer's one open membership. */
export interface ActiveSlot {
  /** Turns the hold into the membership's own claim (kept until the membership ends). */
  confirm(membershipId: string): Promise<void>;
  /** Gives the hold back (the subscribe failed). */
  release(): Promise<void>;
}

/** The kv key holding a customer's one open membership: `pending:<attempt>` while subscribing, then `member:<id>`. */
export function activeSlotKey(customerId: string): string {
  return `membership:active:${customerId}`;
}

/**
 * Takes the customer's membership slot atomically (kv set-if-absent), so that concurrent subscribes for one customer
 * cannot both charge: all but one get 409. The slot is rebuilt from the ledger: when the key was missing (kv evicted
 * or lost it), the ledger is checked before anything is charged; a claim whose membership has since ended is cleared.
 */
export async function reserveActiveSlot(rt: Runtime, customerId: string): Promise<ActiveSlot> {
  const key = activeSlotKey(customerId);
  const hold = `pending:${randomUUID()}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await rt.kv.setIfAbsent(key, hold, PENDING_TTL_MS)) {
      const open = await openMembershipOf(rt, customerId).catch(async (error) => {
        await rt.kv.releaseLock(key, hold);
        throw error;
      });
      if (open) {
        await rt.kv.set(key, `member:${open.membership_id}`);
        throw exists(open.membership_id);
      }
      return {
        confirm: (membershipId) => rt.kv.set(key, `member:${membershipId}`),
        release: async () => {
          await rt.kv.releaseLock(key, hold);
        },
      };
    }
    const holder = await rt.kv.get<string>(key);
    if (holder === null) continue;
    if (holder.startsWith('pending:')) {
      throw new HttpError(409, 'SUBSCRIBE_IN_PROGRESS', 'A subscription for this customer is already being processed', {
        headers: { 'Retry-After': '2' },
      });
    }
    const membershipId = holder.slice('member:'.length);
    const membership = await membershipById(rt, membershipId);
    if (membership && membership.status !== 'cancelled') throw exists(membershipId);
    // The claim outlived its membership (the slot was not released when it ended): clear it and try again.
    await rt.kv.releaseLock(key, holder);
  }
  throw new HttpError(409, 'SUBSCRIBE_IN_PROGRESS', 'A subscription for this customer is already being processed');
}

/** Frees the slot of a membership that has ended, unless it has already been taken by another. */
export async function releaseActiveSlot(rt: Runtime, customerId: string, membershipId: string): Promise<void> {
  await rt.kv.releaseLock(activeSlotKey(customerId), `member:${membershipId}`);
}

function exists(membershipId: string): HttpError {
  return new HttpError(409, 'MEMBERSHIP_EXISTS', 'Customer already has an active membership', { details: { membershipId } });
}

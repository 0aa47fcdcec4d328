import { HttpError } from '@shared/http/errors';
import type { JurisdictionProfile } from './jurisdictions';
import type { CreateRaffleBody } from './request-schemas';

/** How many raffles an organization already holds in a calendar year (answered from the ledger). */
export type RafflesHeldIn = (organization: string, year: number) => Promise<number>;

function refuse(status: number, code: string, message: string, details?: Record<string, unknown>): never {
  throw new HttpError(status, code, message, { details });
}

/**
 * Checks a new draw against the jurisdiction: the kind is allowed, no cash prize, a charitable raffle names its
 * organization, has a ticket price, stays under the prize cap and the organization's yearly limit (by the year of its
 * draw, in the shop's time zone); a sweepstakes has no price and its rules make every required statement; dates run
 * open < close ≤ draw, and the draw is in the future. Each refusal has its own code.
 */
export async function checkCreation(
  body: CreateRaffleBody,
  profile: JurisdictionProfile,
  context: { now: Date; timeZone: string; rafflesHeldIn: RafflesHeldIn },
): Promise<void> {
  const refs = { jurisdiction: profile.code, references: profile.references };
  if (!profile.allowedKinds.includes(body.kind)) refuse(400, 'KIND_NOT_ALLOWED', `${body.kind} draws are not allowed in ${profile.name}`, refs);
  if (!profile.cashPrizesAllowed && (body.prizeKind === 'cash' || body.prizeKind === 'cash_equivalent')) {
    refuse(400, 'CASH_PRIZE_NOT_ALLOWED', `A prize of money or a cash equivalent is not allowed in ${profile.name}`, { ...refs, field: 'prizeKind' });
  }
  const open = Date.parse(body.entriesOpenAt);
  const close = Date.parse(body.entriesCloseAt);
  const draw = Date.parse(body.drawAt);
  if (!(open < close)) refuse(400, 'INVALID_SCHEDULE', 'entriesCloseAt must be after entriesOpenAt', { field: 'entriesCloseAt' });
  if (!(close <= draw)) refuse(400, 'INVALID_SCHEDULE', 'drawAt must be at or after entriesCloseAt', { field: 'drawAt' });
  if (!(draw > context.now.getTime())) refuse(400, 'INVALID_SCHEDULE', 'drawAt must be in the future', { field: 'drawAt' });
  if (body.winners + body.runnersUp > body.maxTickets) refuse(400, 'INVALID_SCHEDULE', 'More picks than tickets', { field: 'winners' });

  if (body.kind === 'sweepstakes') {
    if (body.ticketPrice !== undefined && body.ticketPrice > 0) {
      refuse(400, 'PAID_ENTRY_NOT_ALLOWED', 'A sweepstakes takes free entries only; it has no ticket price', { ...refs, field: 'ticketPrice' });
    }
    const missing = profile.sweepstakesDisclosures.filter((d) => !d.pattern.test(body.officialRules));
    if (missing.length > 0) {
      refuse(400, 'SWEEPSTAKES_DISCLOSURES_MISSING', `The official rules must state: ${missing.map((d) => d.statement).join('; ')}`, {
        ...refs,
        field: 'officialRules',
        missing: missing.map((d) => d.name),
      });
    }
    if (body.maxTicketsPerCustomer !== undefined && body.maxTicketsPerCustomer > profile.freeEntriesPerCustomer) {
      refuse(400, 'VALIDATION_ERROR', `A sweepstakes allows ${profile.freeEntriesPerCustomer} free entry per customer`, { field: 'maxTicketsPerCustomer' });
    }
    return;
  }

  if (!body.charitable) refuse(400, 'ORGANIZATION_REQUIRED', 'A charitable raffle names the qualified organization holding it', { field: 'charitable' });
  if (!body.ticketPrice) refuse(400, 'TICKET_PRICE_REQUIRED', 'A charitable raffle sells tickets at a price above zero', { field: 'ticketPrice' });
  if (profile.rafflePrizeCapCents !== null && body.prizeValue > profile.rafflePrizeCapCents) {
    refuse(400, 'PRIZE_VALUE_OVER_CAP', `A raffle prize may be worth at most $${profile.rafflePrizeCapCents / 100} in ${profile.name}`, {
      ...refs,
      field: 'prizeValue',
      capDollars: profile.rafflePrizeCapCents / 100,
    });
  }
  if (profile.rafflesPerOrganizationPerYear !== null) {
    const year = Number(new Intl.DateTimeFormat('en-US', { timeZone: context.timeZone, year: 'numeric' }).format(new Date(draw)));
    const held = await context.rafflesHeldIn(body.charitable.organization, year);
    if (held >= profile.rafflesPerOrganizationPerYear) {
      refuse(409, 'RAFFLE_LIMIT_REACHED', `${body.charitable.organization} already holds ${held} raffles in ${year}; ${profile.name} allows ${profile.rafflesPerOrganizationPerYear} a year`, {
        ...refs,
        year,
        held,
        limit: profile.rafflesPerOrganizationPerYear,
      });
    }
  }
}

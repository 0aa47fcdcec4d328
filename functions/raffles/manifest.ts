import type { Runtime } from '@shared/runtime';
import { type ManifestTicket, manifestOf } from './draw-algorithm';
import { type Entry, entriesOf } from './entry-store';

/** Every ticket of the raffle's confirmed entries, ascending: what the draw freezes. */
export async function frozenTickets(rt: Runtime, raffleId: string): Promise<{ tickets: ManifestTicket[]; entries: Entry[] }> {
  const entries = await entriesOf(rt, raffleId, { statuses: ['confirmed'] });
  const tickets: ManifestTicket[] = [];
  for (const entry of entries) {
    for (let n = entry.firstTicket; n <= entry.lastTicket; n++) tickets.push({ ticketNumber: n, entryRef: entry.entryRef });
  }
  return { tickets, entries };
}

/** The manifest text of a raffle's confirmed entries. */
export async function manifestOfRaffle(rt: Runtime, raffleId: string): Promise<{ manifest: string; tickets: number; entries: Entry[] }> {
  const { tickets, entries } = await frozenTickets(rt, raffleId);
  return { manifest: manifestOf(tickets), tickets: tickets.length, entries };
}

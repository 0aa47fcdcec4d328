import { formatCents, formatInstant, formatInstantDate, formatLocalDate, formatTickets, formatTier } from './formats';
import type { NoticeData, NoticeKind } from './notice-kinds';

/** What a template may print besides its notice's data. */
export interface TemplateContext {
  shopName: string;
  timeZone: string;
}

/**
 * A notice's message: a subject and paragraphs with `{field}` placeholders, and the fields computed from the notice's
 * data (already formatted: dollars, business-local dates). Text and HTML are both made from the same paragraphs.
 */
export interface Template<K extends NoticeKind> {
  subject: string;
  paragraphs: string[];
  fields(data: NoticeData<K>, ctx: TemplateContext): Record<string, string>;
}

const reference = (transactionId: string | null) => transactionId ?? 'none';
const updateCard = (needed: boolean) =>
  needed ? 'We have no card on file for you: please add a payment method in your account.' : 'You can update your payment method in your account at any time.';

/** Every kind's template. The type makes a missing kind a compile error; a test renders each one. */
export const TEMPLATES: { [K in NoticeKind]: Template<K> } = {
  'membership-welcome': {
    subject: 'Welcome to your {tier} membership at {shop}',
    paragraphs: [
      'Thank you for joining. Your {tier} membership is active now, and its discount applies at checkout in our stores and online.',
      'Receipt: we charged {amount} for your first month (reference {reference}).',
      'Your membership renews on {periodEnd} unless you change or cancel it.',
    ],
    fields: (d, c) => ({ shop: c.shopName, tier: formatTier(d.tier), amount: formatCents(d.amountCents), reference: reference(d.transactionId), periodEnd: formatLocalDate(d.periodEndDate) }),
  },
  'membership-upgraded': {
    subject: 'Receipt: your membership is now {tier}',
    paragraphs: [
      'Your upgrade to {tier} took effect today, with its larger discount.',
      'Receipt: {charge} (reference {reference}).',
      'From {periodEnd}, your membership renews at the {tier} price.',
    ],
    fields: (d) => ({
      tier: formatTier(d.tier),
      charge: d.amountCents > 0 ? `we charged ${formatCents(d.amountCents)} for the rest of this billing period` : 'nothing was charged today',
      reference: reference(d.transactionId),
      periodEnd: formatLocalDate(d.periodEndDate),
    }),
  },
  'membership-renewed': {
    subject: 'Receipt: your {tier} membership renewed',
    paragraphs: ['We charged {amount} for another month of your {tier} membership (reference {reference}).', 'Your next renewal is on {periodEnd}.'],
    fields: (d) => ({ tier: formatTier(d.tier), amount: formatCents(d.amountCents), reference: reference(d.transactionId), periodEnd: formatLocalDate(d.periodEndDate) }),
  },
  'membership-payment-failed': {
    subject: 'We could not renew your {tier} membership',
    paragraphs: [
      'We tried to charge {amount} for your {tier} membership renewal, but the card on file was declined. Your benefits continue for now.',
      'We will try the card again on {nextStep}. To avoid an interruption, update your payment method before then.',
    ],
    fields: (d) => ({ tier: formatTier(d.tier), amount: formatCents(d.amountCents), nextStep: formatLocalDate(d.nextStepDate) }),
  },
  'membership-payment-method-needed': {
    subject: 'Add a payment method to keep your {tier} membership',
    paragraphs: [
      'Your {tier} membership renewal of {amount} is due, but we have no card on file to charge. Your benefits continue for now.',
      'Please add a payment method in your account before {nextStep}.',
    ],
    fields: (d) => ({ tier: formatTier(d.tier), amount: formatCents(d.amountCents), nextStep: formatLocalDate(d.nextStepDate) }),
  },
  'membership-payment-retry-failed': {
    subject: 'Second attempt failed: your {tier} membership renewal',
    paragraphs: [
      'We tried again to charge {amount} for your {tier} membership renewal, and it was declined again.',
      'We will make a last attempt on {nextStep}. If it fails, your membership benefits will be suspended.',
      '{action}',
    ],
    fields: (d) => ({ tier: formatTier(d.tier), amount: formatCents(d.amountCents), nextStep: formatLocalDate(d.nextStepDate), action: updateCard(d.paymentMethodNeeded) }),
  },
  'membership-suspended': {
    subject: 'Your {tier} membership is suspended',
    paragraphs: [
      'Our last attempt to charge {amount} for your {tier} membership was declined, so its benefits are suspended.',
      'If the payment is not made by {nextStep}, the membership will be cancelled on that day.',
      '{action}',
    ],
    fields: (d) => ({ tier: formatTier(d.tier), amount: formatCents(d.amountCents), nextStep: formatLocalDate(d.nextStepDate), action: updateCard(d.paymentMethodNeeded) }),
  },
  'membership-payment-recovered': {
    subject: 'Payment received: your {tier} membership is active',
    paragraphs: ['We received {amount} for your {tier} membership, and your benefits are active again.', 'Your next renewal is on {periodEnd}.'],
    fields: (d) => ({ tier: formatTier(d.tier), amount: formatCents(d.amountCents), periodEnd: formatLocalDate(d.periodEndDate) }),
  },
  'membership-cancelled': {
    subject: 'Your {tier} membership has ended',
    paragraphs: ['{reason}', 'Nothing more will be charged. You are welcome to join again at any time.'],
    fields: (d) => ({
      tier: formatTier(d.tier),
      reason:
        d.cause === 'payment_failed'
          ? `We could not collect the renewal payment for your ${formatTier(d.tier)} membership, so it has been cancelled.`
          : `As you asked, your ${formatTier(d.tier)} membership has been cancelled; its paid period ran until ${formatLocalDate(d.periodEndDate)}.`,
    }),
  },
  'age-verification-expiring': {
    subject: 'Your age verification at {shop} expires on {expiresOn}',
    paragraphs: [
      'Your age verification expires on {expiresOn}, {daysLeft} from now.',
      'To keep buying without interruption, verify again online or at any of our stores before {expiresAt}.',
    ],
    fields: (d, c) => ({
      shop: c.shopName,
      expiresOn: formatInstantDate(d.expiresAt, c.timeZone),
      expiresAt: formatInstant(d.expiresAt, c.timeZone),
      daysLeft: d.daysLeft === 1 ? '1 day' : `${d.daysLeft} days`,
    }),
  },
  'raffle-entry-confirmed': {
    subject: 'You are entered in {title}',
    paragraphs: ['You are entered in {title} with {ticketCount}: {tickets}.', '{payment}', 'The draw takes place on {drawAt}. We will tell you if one of your tickets is drawn.'],
    fields: (d, c) => ({
      title: d.raffleTitle,
      ticketCount: d.ticketNumbers.length === 1 ? '1 ticket' : `${d.ticketNumbers.length} tickets`,
      tickets: formatTickets(d.ticketNumbers),
      payment: d.amountCents > 0 ? `Receipt: we charged ${formatCents(d.amountCents)}.` : 'This is a free entry: no purchase is necessary.',
      drawAt: formatInstant(d.drawAt, c.timeZone),
    }),
  },
  'raffle-winner': {
    subject: 'You won {title}',
    paragraphs: [
      'Congratulations: your ticket {ticket} was drawn as the winner of {title} on {drawnAt}.',
      'Your prize: {prize}. We will contact you about collecting it.',
      'Anyone can check the draw: its record and proof are published with the raffle ({raffleId}).',
    ],
    fields: (d, c) => ({ title: d.raffleTitle, ticket: `#${d.ticketNumber}`, drawnAt: formatInstant(d.drawnAt, c.timeZone), prize: d.prize, raffleId: d.raffleId }),
  },
  'raffle-runner-up': {
    subject: 'Your ticket is runner-up {rank} in {title}',
    paragraphs: [
      'Your ticket {ticket} was drawn as runner-up {rank} in {title} on {drawnAt}.',
      'If the winner does not claim the prize, it passes to the runners-up in order, and we will contact you.',
    ],
    fields: (d, c) => ({ title: d.raffleTitle, ticket: `#${d.ticketNumber}`, rank: `#${d.rank}`, drawnAt: formatInstant(d.drawnAt, c.timeZone) }),
  },
  'raffle-refund': {
    subject: 'Refund for {title}',
    paragraphs: ['We refunded {amount} for your {ticketLabel} {tickets} in {title}.', 'Reason: {reason}.', 'The refund reaches your card within a few business days.'],
    fields: (d) => ({
      title: d.raffleTitle,
      amount: formatCents(d.amountCents),
      ticketLabel: d.ticketNumbers.length === 1 ? 'ticket' : 'tickets',
      tickets: formatTickets(d.ticketNumbers),
      reason: d.reason.replace(/\.$/, ''),
    }),
  },
};

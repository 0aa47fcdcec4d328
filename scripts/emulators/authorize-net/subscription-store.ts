import { IdSequence } from './identifiers';
import type { EmulatedSubscription } from './types';

/** The emulator's memory of ARB subscriptions, keyed by subscriptionId. */
export class SubscriptionStore {
  private readonly byId = new Map<string, EmulatedSubscription>();
  private readonly subscriptionIds: IdSequence;

  constructor(seed: Date) {
    this.subscriptionIds = new IdSequence(9_000_000, 100_000, seed);
  }

  /** A fresh subscription id. */
  newSubscriptionId(): string {
    return this.subscriptionIds.take();
  }

  /** Remembers a subscription. */
  add(subscription: EmulatedSubscription): void {
    this.byId.set(subscription.subscriptionId, subscription);
  }

  /** The live record for an id. */
  get(subscriptionId: string): EmulatedSubscription | undefined {
    return this.byId.get(subscriptionId);
  }

  /** Copies for callers outside the emulator. */
  snapshot(): EmulatedSubscription[] {
    return [...this.byId.values()].map((subscription) => ({ ...subscription }));
  }
}

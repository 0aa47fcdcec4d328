import { IdSequence } from './identifiers';
import type { EmulatedCustomerProfile, EmulatedPaymentProfile } from './types';

/** The fields the gateway compares to refuse a second profile for the same customer (E00039). */
export type ProfileIdentity = Pick<EmulatedCustomerProfile, 'merchantCustomerId' | 'description' | 'email'>;

/**
 * The emulator's memory of customer profiles (CIM), keyed by customerProfileId, and the id sequences for profiles,
 * payment profiles and shipping addresses (ARB subscriptions draw their profile ids from here too, so ids never
 * collide).
 */
export class ProfileStore {
  private readonly byId = new Map<string, EmulatedCustomerProfile>();
  private readonly customerProfileIds: IdSequence;
  private readonly paymentProfileIds: IdSequence;

  constructor(seed: Date) {
    // Ten digits, like current customerProfileId and customerPaymentProfileId values ("1929820324", "1841987457").
    this.customerProfileIds = new IdSequence(1_500_000_000, 100_000_000, seed);
    this.paymentProfileIds = new IdSequence(1_800_000_000, 100_000_000, seed);
  }

  /** A fresh customerProfileId. */
  newCustomerProfileId(): string {
    return this.customerProfileIds.take();
  }

  /** A fresh customerPaymentProfileId. */
  newPaymentProfileId(): string {
    return this.paymentProfileIds.take();
  }

  /** Remembers a profile. */
  add(profile: EmulatedCustomerProfile): void {
    this.byId.set(profile.customerProfileId, profile);
  }

  /** The live record for an id. */
  get(customerProfileId: string): EmulatedCustomerProfile | undefined {
    return this.byId.get(customerProfileId);
  }

  /** The first profile with this merchantCustomerId (getCustomerProfileRequest may look a profile up by it). */
  byMerchantCustomerId(merchantCustomerId: string): EmulatedCustomerProfile | undefined {
    return [...this.byId.values()].find((profile) => profile.merchantCustomerId === merchantCustomerId);
  }

  /** An existing profile with the same merchantCustomerId, description and email: a duplicate on the gateway. */
  duplicateOf(identity: ProfileIdentity): EmulatedCustomerProfile | undefined {
    return [...this.byId.values()].find(
      (profile) =>
        profile.merchantCustomerId === identity.merchantCustomerId &&
        profile.description === identity.description &&
        profile.email === identity.email,
    );
  }

  /** Forgets a profile; false when there was none. */
  delete(customerProfileId: string): boolean {
    return this.byId.delete(customerProfileId);
  }

  /** A payment profile of a profile: the one named, or the default (first) one when none is named. */
  paymentProfile(profile: EmulatedCustomerProfile, paymentProfileId: string | undefined): EmulatedPaymentProfile | undefined {
    if (paymentProfileId === undefined) return profile.paymentProfiles[0];
    return profile.paymentProfiles.find((p) => p.customerPaymentProfileId === paymentProfileId);
  }

  /** Copies for callers outside the emulator, so they cannot change its state. */
  snapshot(): EmulatedCustomerProfile[] {
    return [...this.byId.values()].map((profile) => ({
      ...profile,
      paymentProfiles: profile.paymentProfiles.map((p) => ({ ...p })),
      shippingAddressIds: [...profile.shippingAddressIds],
    }));
  }
}

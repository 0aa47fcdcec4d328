import { randomInt } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i += 1) code += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return code;
}

/** A six-character authorization code like the issuer's ("HH5414"). */
export function newAuthCode(): string {
  return randomCode(6);
}

/** A 23-character network transaction id like the card network's ("6PUPU4XXWSO7CCQL0YJNYY7"). */
export function newNetworkTransId(): string {
  return randomCode(23);
}

/**
 * Numeric, increasing ids shaped like the gateway's. The start is derived from the clock so that ids from an
 * emulator restarted during a local session do not repeat ones a local warehouse may already hold.
 */
export class IdSequence {
  private next: number;

  constructor(base: number, spread: number, seed: Date) {
    this.next = base + (Math.floor(seed.getTime() / 1000) % spread) * 10;
  }

  /** The next id as a decimal string. */
  take(): string {
    const id = this.next;
    this.next += 1;
    return String(id);
  }
}

/** Milliseconds in a day of UTC time (business days are local calendar days; see the functions below). */
export const DAY_MS = 86_400_000;

import { type CalendarDate, calendarDateIn, isLeapYear } from '@shared/calendar';

/** The minimum age to buy. */
export const MINIMUM_AGE = 21;
/** Older than this is treated as a mistyped birth date, not a customer. */
export const MAXIMUM_AGE = 120;

/**
 * The day a birthday falls on in a given year. Someone born on 29 February turns a year older on 1 March in a common
 * year (the day after 28 February, which is when the law treats that anniversary as reached).
 */
export function birthdayIn(year: number, birth: CalendarDate): CalendarDate {
  if (birth.month === 2 && birth.day === 29 && !isLeapYear(year)) return { year, month: 3, day: 1 };
  return { year, month: birth.month, day: birth.day };
}

/** Age in whole years on a calendar day; negative when the birth date is after that day. */
export function ageOn(birth: CalendarDate, today: CalendarDate): number {
  const birthday = birthdayIn(today.year, birth);
  const hadBirthday = today.month > birthday.month || (today.month === birthday.month && today.day >= birthday.day);
  return today.year - birth.year - (hadBirthday ? 0 : 1);
}

/** Age in whole years at an instant, counting days as the shop does: in its business time zone. */
export function ageAt(birth: CalendarDate, instant: Date, timeZone: string): number {
  return ageOn(birth, calendarDateIn(instant, timeZone));
}

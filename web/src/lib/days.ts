// Calendar days as the API writes them (YYYY-MM-DD, UTC, no time of day) and the arithmetic on them: a day is
// its number of days since 1970-01-01, so that "how many days until" is a subtraction, whatever the browser's
// time zone or the length of the months between.

const MS_PER_DAY = 86_400_000;

// A date as typed or sent (YYYY-MM-DD) as its day number (days since 1970-01-01, UTC), or null when it is not a
// real date from the year 2000 on (the server's rule: an earlier year is a typo, not a term).
export function parseDay(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 2000 || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.getTime() / MS_PER_DAY;
}

// A day number as YYYY-MM-DD.
export function dayText(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

// Today's day number in UTC (the server's calendar, whatever the browser's time zone).
export function utcToday(now: Date = new Date()): number {
  return Math.floor(now.getTime() / MS_PER_DAY);
}

// The same day `years` later; 29 February becomes 28 February in a year without it.
export function addYears(date: string, years: number): string {
  const day = parseDay(date);
  if (day === null) return date;
  const d = new Date(day * MS_PER_DAY);
  const y = d.getUTCFullYear() + years;
  const month = d.getUTCMonth();
  const last = new Date(Date.UTC(y, month + 1, 0)).getUTCDate();
  return dayText(Date.UTC(y, month, Math.min(d.getUTCDate(), last)) / MS_PER_DAY);
}

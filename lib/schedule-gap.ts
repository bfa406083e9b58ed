/**
 * The most calendar days between two runs of an EventBridge Scheduler expression, where the
 * expression says it plainly: each digest covers the last `digestPeriodDays` whole UTC days, so a
 * schedule that runs less often leaves days in no digest, and the mail ignored on a guess on those
 * days is listed to no one. Undefined for a month or year field, `L`, `W` or `#`, whose gaps take
 * the month and year they fall in: such a schedule is not checked.
 */
const DAY_MINUTES = 24 * 60;
const DAY_MS = DAY_MINUTES * 60 * 1000;
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
/**
 * The calendar a schedule's days are walked over: a 29th, 30th or 31st is missing from some
 * months, so a day-of-month schedule's gap depends on month lengths, and every sequence of them
 * occurs within these years, a leap year among them.
 */
const CALENDAR_FROM = Date.UTC(2024, 0, 1);
const CALENDAR_TO = Date.UTC(2029, 0, 1);

/** `rate(36 hours)`: a run at the end of one day and the next at the start of the day after. */
function rateGap(count: number, unit: string): number {
  return Math.ceil(rateMinutes(count, unit) / DAY_MINUTES);
}

const rateMinutes = (count: number, unit: string): number =>
  count * (unit.startsWith('minute') ? 1 : unit.startsWith('hour') ? 60 : DAY_MINUTES);
const RATE = /^rate\((\d+) (minutes?|hours?|days?)\)$/;

/**
 * The values a cron field's list stands for (`MON-FRI`, `1,15`, `*\/10`), each from `first` to `last`,
 * or undefined for what it does not read (`L`, `W`, `#`, a value out of range).
 */
function fieldValues(field: string, first: number, last: number, name: (token: string) => number | undefined): number[] | undefined {
  const values = new Set<number>();
  for (const item of field.split(',')) {
    const step = /^(\*|[^/]+)\/(\d+)$/.exec(item);
    const range = step ? step[1] : item;
    const by = step ? Number(step[2]) : 1;
    const [from, to] =
      range === '*' ? [first, last] : range.includes('-') ? range.split('-', 2).map(name) : [name(range), step ? last : name(range)];
    if (from === undefined || to === undefined || by < 1 || from < first || from > to || to > last) return undefined;
    for (let v = from; v <= to; v += by) values.add(v);
  }
  return [...values];
}

/** The longest gap between the days of the calendar a schedule runs on (`runsOn`). */
function calendarGap(runsOn: (day: Date) => boolean): number {
  let longest = 0;
  let last: number | undefined;
  for (let time = CALENDAR_FROM; time < CALENDAR_TO; time += DAY_MS) {
    if (!runsOn(new Date(time))) continue;
    if (last !== undefined) longest = Math.max(longest, (time - last) / DAY_MS);
    last = time;
  }
  return longest;
}

const dayOfWeek = (token: string): number | undefined => {
  const named = WEEKDAYS.indexOf(token.toUpperCase());
  if (named >= 0) return named + 1;
  return /^[1-7]$/.test(token) ? Number(token) : undefined;
};
/** A cron field's value written as a number of one or two digits (minute, hour, day of the month); the field checks its range. */
const numeral = (token: string): number | undefined => (/^\d{1,2}$/.test(token) ? Number(token) : undefined);

function cronGap(fields: string[]): number | undefined {
  const [, , monthDay, month, weekDay, year] = fields;
  if (month !== '*' || (year !== '*' && year !== undefined)) return undefined;
  if ((monthDay === '?' || monthDay === '*') && (weekDay === '*' || weekDay === '?')) return 1;
  if (monthDay === '?') {
    const days = fieldValues(weekDay, 1, 7, dayOfWeek);
    return days && calendarGap((day) => days.includes(day.getUTCDay() + 1));
  }
  if (weekDay !== '?') return undefined;
  const days = fieldValues(monthDay, 1, 31, numeral);
  return days && calendarGap((day) => days.includes(day.getUTCDate()));
}

export function longestScheduleGapDays(expression: string): number | undefined {
  const rate = RATE.exec(expression);
  if (rate) return rateGap(Number(rate[1]), rate[2]);
  const cron = /^cron\((.*)\)$/.exec(expression);
  return cron ? cronGap(cron[1].split(' ')) : undefined;
}

/**
 * The most runs of an expression within one UTC day, or undefined for a cron time it does not read. A digest covers the
 * whole days before the day it runs, so every run after the first on a day sends staff the same digest again.
 */
export function mostRunsInADay(expression: string): number | undefined {
  const rate = RATE.exec(expression);
  if (rate) return Math.ceil(DAY_MINUTES / rateMinutes(Number(rate[1]), rate[2]));
  const cron = /^cron\((\S+) (\S+) /.exec(expression);
  const minutes = cron && fieldValues(cron[1], 0, 59, numeral);
  const hours = cron && fieldValues(cron[2], 0, 23, numeral);
  return minutes && hours ? minutes.length * hours.length : undefined;
}

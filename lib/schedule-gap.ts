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
const MONTH_DAYS = 31;
/**
 * The calendar a day-of-month schedule is walked over: a 29th, 30th or 31st is missing from some
 * months, so the gap depends on month lengths, and every sequence of them occurs within these
 * years, a leap year among them.
 */
const CALENDAR_FROM = Date.UTC(2024, 0, 1);
const CALENDAR_TO = Date.UTC(2029, 0, 1);

/** `rate(36 hours)`: a run at the end of one day and the next at the start of the day after. */
function rateGap(count: number, unit: string): number {
  const minutes = count * (unit.startsWith('minute') ? 1 : unit.startsWith('hour') ? 60 : DAY_MINUTES);
  return Math.ceil(minutes / DAY_MINUTES);
}

/** The values a cron field's list stands for (`MON-FRI`, `1,15`, `*\/10`), or undefined for what it does not read (`L`, `W`, `#`). */
function fieldValues(field: string, first: number, last: number, name: (token: string) => number | undefined): number[] | undefined {
  const values = new Set<number>();
  for (const item of field.split(',')) {
    const step = /^(\*|[^/]+)\/(\d+)$/.exec(item);
    const range = step ? step[1] : item;
    const by = step ? Number(step[2]) : 1;
    const [from, to] =
      range === '*' ? [first, last] : range.includes('-') ? range.split('-', 2).map(name) : [name(range), step ? last : name(range)];
    if (from === undefined || to === undefined || by < 1 || from > to) return undefined;
    for (let v = from; v <= to; v += by) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

/** The longest gap between sorted days that repeat every `cycle` days. */
function circularGap(days: number[], cycle: number): number {
  return Math.max(...days.map((day, i) => (i + 1 < days.length ? days[i + 1] - day : days[0] + cycle - day)));
}

/** The longest gap between runs on these days of the month (1-31), on the calendar. */
function monthDayGap(days: readonly number[]): number {
  let longest = 0;
  let last: number | undefined;
  for (let time = CALENDAR_FROM; time < CALENDAR_TO; time += DAY_MS) {
    if (!days.includes(new Date(time).getUTCDate())) continue;
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
const dayOfMonth = (token: string): number | undefined => (/^\d{1,2}$/.test(token) && Number(token) >= 1 ? Number(token) : undefined);

function cronGap(fields: string[]): number | undefined {
  const [, , monthDay, month, weekDay, year] = fields;
  if (month !== '*' || (year !== '*' && year !== undefined)) return undefined;
  if ((monthDay === '?' || monthDay === '*') && (weekDay === '*' || weekDay === '?')) return 1;
  if (monthDay === '?') {
    const days = fieldValues(weekDay, 1, 7, dayOfWeek);
    return days && circularGap(days, 7);
  }
  if (weekDay !== '?') return undefined;
  const days = fieldValues(monthDay, 1, MONTH_DAYS, dayOfMonth);
  return days && days[days.length - 1] <= MONTH_DAYS ? monthDayGap(days) : undefined;
}

export function longestScheduleGapDays(expression: string): number | undefined {
  const rate = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(expression);
  if (rate) return rateGap(Number(rate[1]), rate[2]);
  const cron = /^cron\((.*)\)$/.exec(expression);
  return cron ? cronGap(cron[1].split(' ')) : undefined;
}

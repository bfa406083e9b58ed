/** `n` things in words, for staff to read: "1 message", "3 messages" (`plural` where adding an s will not do). */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/**
 * "0:42", "12:05", "1:02:09": the time left on a countdown, rounded up to the second so it never shows
 * 0:00 while the wait is still running. Hours appear above an hour (as Telegram Desktop does).
 */
export function formatCountdown(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${ss}`;
  return `${minutes}:${ss}`;
}

/** A wait in words for screen readers and sentences: "3 hours 5 minutes", "42 seconds". */
export function describeDuration(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(plural(hours, 'hour'));
  if (minutes > 0) parts.push(plural(minutes, 'minute'));
  if (hours === 0 && (seconds > 0 || parts.length === 0)) parts.push(plural(seconds, 'second'));
  return parts.join(' ');
}

/** The clock time a wait ends, in the user's locale: "14:32", or "Fri 09:10" when it is not today. */
export function formatEndTime(epochMs: number, nowMs: number = Date.now()): string {
  const end = new Date(epochMs);
  const sameDay = end.toDateString() === new Date(nowMs).toDateString();
  const time = end.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return sameDay ? time : `${end.toLocaleDateString(undefined, { weekday: 'short' })} ${time}`;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** Asia/Shanghai business dates (UTC+8 all year, no DST). */
const OFFSET_MS = 8 * 3_600_000;

/** 'YYYY-MM-DD' in Asia/Shanghai of a UTC instant. */
export function toBizDate(instantIso: string): string {
  return new Date(Date.parse(instantIso) + OFFSET_MS).toISOString().slice(0, 10);
}

/** UTC instant (ISO) of a Shanghai business date and wall-clock time 'HH:mm'. */
export function bizDateTimeToInstant(date: string, hm: string): string {
  const [h, m] = hm.split(':').map(Number) as [number, number];
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - OFFSET_MS + (h * 60 + m) * 60_000).toISOString();
}

export function addMinutes(instantIso: string, minutes: number): string {
  return new Date(Date.parse(instantIso) + minutes * 60_000).toISOString();
}

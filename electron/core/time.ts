/** Business date (YYYY-MM-DD in Asia/Shanghai, UTC+8 all year) of a UTC instant. */
export function toBizDateOfInstant(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
}

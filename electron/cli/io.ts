/** Output helpers: results as JSON on stdout, messages for people on stderr. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function fail(message: string, code = 1): never {
  process.stderr.write(`错误：${message}\n`);
  process.exit(code);
}

export function info(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** A one-line progress display on stderr for long jobs. */
export function progressLine(done: number, total: number, message?: string): void {
  const pct = total > 0 ? Math.floor((done / total) * 100) : 0;
  process.stderr.write(`\r${String(pct).padStart(3)}% ${done}/${total}${message ? ` ${message}` : ''}   `);
  if (done >= total) process.stderr.write('\n');
}

/** Table for terminals: pads by display width (CJK characters count as two columns). */
export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uFFFF]/.test(ch) ? 2 : 1), 0);
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => width(r[i] ?? ''))));
  const line = (r: string[]) => r.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - width(c))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

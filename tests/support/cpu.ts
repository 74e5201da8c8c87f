import fs from 'node:fs';

/** Linux PSI: % of the last 10 s some task waited for a CPU (null where unavailable). */
export function cpuPressure(): number | null {
  try {
    const m = /some avg10=([\d.]+)/.exec(fs.readFileSync('/proc/pressure/cpu', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

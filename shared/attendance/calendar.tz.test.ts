// Runs in its own process (vitest pool 'forks'): a machine west of UTC must get the same days.
process.env.TZ = 'America/Los_Angeles';

import { describe, expect, it } from 'vitest';
import { dayKind, isWorkingDay, workingDaysInMonth } from './calendar';
import { toBizDate, weekdayOf } from '../time';

describe('calendar under TZ=America/Los_Angeles', () => {
  it('the machine really is west of UTC here', () => {
    expect(new Date('2024-02-04T00:00:00Z').getDate()).toBe(3);
  });

  it('dates and 调休 do not shift by a day', () => {
    expect(weekdayOf('2024-02-04')).toBe(0);
    expect(dayKind('2024-02-04')).toMatchObject({ kind: 'makeup_workday', working: true, name: '春节' });
    expect(dayKind('2024-02-03')).toMatchObject({ kind: 'weekend', working: false });
    expect(isWorkingDay('2024-10-07')).toBe(false);
    expect(isWorkingDay('2024-10-08')).toBe(true);
    expect(workingDaysInMonth('2024-02')).toHaveLength(18);
    expect(toBizDate('2025-12-31T16:00:00Z')).toBe('2026-01-01');
  });
});

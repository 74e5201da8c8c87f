import type { Db, Sqlite } from '../db/open';
import { attendanceMarks, leaveRequests } from '../attendance/schema';
import { isWorkingDay } from '../../../shared/attendance/calendar';
import { defaultMarkTypes } from '../../../shared/attendance/marks';
import type { Rng } from './random';
import { addDays, localToIso } from './generate';

type Stamp = (ms: number) => { id: string; createdAt: string; updatedAt: string; updatedBy: string; deletedAt: null };

/** The mark code whose printed label is `label` (codes are project data). */
function codeOf(label: string): string {
  const m = defaultMarkTypes().find((t) => t.label === label);
  if (!m) throw new Error(`no mark type labelled ${label}`);
  return m.code;
}

/**
 * Attendance for the demo: present on working days (holidays and 调休 from the calendar),
 * some lates (rarely over an hour), approved personal and sick leave with requests, trips,
 * training, and weekend overtime. The last month stays open (not closed).
 */
export function demoAttendance(db: Db, _sqlite: Sqlite, rng: Rng, o: { projectId: string; staffIds: string[]; days: string[]; stamp: Stamp; managerName: string }): { marks: number; leave: number } {
  const C = {
    present: codeOf('出勤'),
    overtime: codeOf('加班'),
    late: codeOf('迟到'),
    early: codeOf('早退'),
    trip: codeOf('出差'),
    training: codeOf('学习培训'),
    personal: codeOf('事假'),
    sick: codeOf('病假'),
    vacation: codeOf('休假'),
  };
  const rows: Array<typeof attendanceMarks.$inferInsert> = [];
  let leave = 0;
  let count = 0;
  const flush = () => {
    count += rows.length;
    while (rows.length) db.insert(attendanceMarks).values(rows.splice(0, 500)).run();
  };
  for (const staffId of o.staffIds) {
    let i = 0;
    while (i < o.days.length) {
      const day = o.days[i]!;
      const ms = Date.parse(localToIso(day, 8 * 60 + 30));
      const base = { ...o.stamp(ms), projectId: o.projectId, staffId, date: day, half: 'full', note: '', source: 'manual', minutesLate: null, overtimeHours: null };
      if (!isWorkingDay(day)) {
        if (rng.chance(0.04)) rows.push({ ...base, mark: C.overtime, overtimeHours: rng.int(2, 8), note: '系统升级值守' });
        i++;
        continue;
      }
      const r = rng.next();
      if (r < 0.006) {
        // Personal or sick leave of 1–3 days, asked ahead and approved.
        const sick = rng.chance(0.5);
        const span = rng.int(1, 3);
        const to = o.days[Math.min(o.days.length - 1, i + span - 1)]!;
        const requestedAt = localToIso(addDays(day, sick ? 0 : -rng.int(1, 5)), 9 * 60);
        db.insert(leaveRequests)
          .values({ ...o.stamp(Date.parse(requestedAt)), projectId: o.projectId, staffId, kind: sick ? C.sick : C.personal, fromDate: day, toDate: to, half: 'full', reason: sick ? '感冒发热' : '家中有事', requestedAt, status: 'approved', decidedBy: o.managerName, decidedAt: requestedAt, hasNote: sick })
          .run();
        leave++;
        for (let k = 0; k < span && i < o.days.length; k++, i++) {
          const d = o.days[i]!;
          if (isWorkingDay(d)) rows.push({ ...base, ...o.stamp(Date.parse(localToIso(d, 9 * 60))), date: d, mark: sick ? C.sick : C.personal });
        }
        continue;
      }
      if (r < 0.03) rows.push({ ...base, mark: C.late, minutesLate: rng.chance(0.08) ? rng.int(61, 90) : rng.int(3, 25) });
      else if (r < 0.035) rows.push({ ...base, mark: C.early, note: '提前离开' });
      else if (r < 0.045) rows.push({ ...base, mark: C.trip, note: '赴省平台对接' });
      else if (r < 0.05) rows.push({ ...base, mark: C.training, note: '等保培训' });
      else if (r < 0.055) {
        // 年休假 is leave too: asked a week ahead and approved. No random draw (the rest of the
        // history is unchanged): the request takes the id of its mark (another table).
        const requestedAt = localToIso(addDays(day, -7), 9 * 60);
        db.insert(leaveRequests)
          .values({ id: base.id, createdAt: requestedAt, updatedAt: requestedAt, updatedBy: base.updatedBy, deletedAt: null, projectId: o.projectId, staffId, kind: C.vacation, fromDate: day, toDate: day, half: 'full', reason: '年休假', requestedAt, status: 'approved', decidedBy: o.managerName, decidedAt: requestedAt, hasNote: false })
          .run();
        leave++;
        rows.push({ ...base, mark: C.vacation, note: '年休假' });
      }
      else rows.push({ ...base, mark: C.present });
      i++;
      if (rows.length >= 2000) flush();
    }
  }
  flush();
  return { marks: count, leave };
}

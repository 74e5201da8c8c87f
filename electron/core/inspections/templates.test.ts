import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Output } from '../../../shared/contract';
import { adminSession, makeCore, sessionWithRoles, type TestCore } from '../test-utils';

const cores: TestCore[] = [];
afterEach(() => {
  for (const t of cores.splice(0)) {
    t.close();
    fs.rmSync(t.dir, { recursive: true, force: true });
  }
});

describe('inspection templates', () => {
  it('reads a cached layout again when the template row changes', async () => {
    const t = makeCore({ start: '2026-03-02T01:00:00.000Z' });
    cores.push(t);
    const admin = await adminSession(t);
    const eng = await sessionWithRoles(t, admin, 'eng1', ['engineer']);
    const first = (await t.call('inspections/templates', {}, eng)) as Output<'inspections/templates'>;
    const daily = first.find((x) => x.code === 'daily')!;
    expect(daily.layout.slots?.length ?? 0).toBeGreaterThan(0);

    // Another writer (a restore, a later version's migration) changes the layout and moves updated_at.
    const db = new Database(t.dbPath);
    const stored = JSON.parse((db.prepare('SELECT layout FROM inspection_templates WHERE id = ?').get(daily.id) as { layout: string }).layout) as { slots: Array<{ label: string }> };
    stored.slots[0]!.label = '改过的时段';
    db.prepare('UPDATE inspection_templates SET layout = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(stored), '2026-03-02T02:00:00.000Z', daily.id);
    db.close();

    const second = (await t.call('inspections/templates', {}, eng)) as Output<'inspections/templates'>;
    expect(second.find((x) => x.code === 'daily')!.layout.slots![0]!.label).toBe('改过的时段');
  });
});

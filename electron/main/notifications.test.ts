import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CoreEvent, Output } from '../../shared/contract';
import { adminSession, makeCore, sessionWithRoles, type TestCore } from '../core/test-utils';

vi.mock('electron', () => ({ Notification: class {} }));

const { bindDesktopNotifications, isSafeHashRoute, noticeFor, openTarget } = await import('./notifications');

/** A notification as the OS would get it; `click()` does what the user's click does. */
class FakeNotification {
  shown = 0;
  private readonly listeners = new Map<string, Array<() => void>>();
  constructor(readonly options: { title: string; body: string }) {}
  on(event: string, listener: () => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  show(): void {
    this.shown++;
  }
  fire(event: string): void {
    for (const l of this.listeners.get(event) ?? []) l();
  }
}

class FakeWindow {
  readonly log: string[] = [];
  minimized = true;
  destroyed = false;
  readonly webContents = {
    executeJavaScript: (code: string) => {
      this.log.push(`js:${code}`);
      return Promise.resolve();
    },
  };
  isDestroyed = () => this.destroyed;
  isMinimized = () => this.minimized;
  restore = () => {
    this.minimized = false;
    this.log.push('restore');
  };
  show = () => this.log.push('show');
  focus = () => this.log.push('focus');
}

function harness(t: TestCore, supported = true) {
  const shown: FakeNotification[] = [];
  const win = new FakeWindow();
  const off = bindDesktopNotifications(t.core, {
    isSupported: () => supported,
    create: (o) => {
      const n = new FakeNotification(o);
      shown.push(n);
      return n;
    },
    window: () => win,
  });
  return { shown, win, off };
}

/** Monday 2026-03-02, 09:00 in Shanghai. */
let t: TestCore;
let eng: string;
beforeAll(async () => {
  t = makeCore({ start: '2026-03-02T01:00:00.000Z' });
  const admin = await adminSession(t);
  eng = await sessionWithRoles(t, admin, 'eng1', ['engineer']);
}, 120_000);
afterAll(() => {
  t.close();
  fs.rmSync(t.dir, { recursive: true, force: true });
});

describe('desktop notifications from core events', () => {
  it('a severe inspection item shows a Chinese notification at once; a click focuses the window and opens the pre-filled fault report', async () => {
    const h = harness(t);
    const d = (await t.call('inspections/start', { templateCode: 'daily', bizDate: '2026-03-02', slot: 'am' }, eng)) as Output<'inspections/start'>;
    const backup = d.rows.flatMap((r) => r.items).find((i) => i.key === 'backup')!;
    const before = Date.now();
    const res = (await t.call('inspections/set-result', { runId: d.run.id, itemId: backup.itemId, level: 'severe', value: '全量备份失败' }, eng)) as Output<'inspections/set-result'>;
    expect(Date.now() - before).toBeLessThan(60_000);
    const severe = h.shown.filter((n) => n.options.title.includes('严重'));
    expect(severe).toHaveLength(1);
    const n = severe[0]!;
    expect(n.shown).toBe(1);
    expect(n.options.body).toContain('数据备份状况：严重（全量备份失败）');
    expect(n.options.body.split('\n').at(-1)).toBe('点击填写故障报告');

    n.fire('click');
    const resultId = res.item.result!.id;
    expect(h.win.log).toEqual(['restore', 'show', 'focus', `js:location.hash = "#/faults/new/inspection/${resultId}";`]);
    // the route the click opens is a real pre-filled fault for that item
    const draft = (await t.call('faults/prefill', { kind: 'inspection', resultId }, eng)) as Output<'faults/prefill'>;
    expect(draft).toMatchObject({ source: 'inspection', severity: 'serious' });
    h.off();
  });

  it('after unsubscribing, and where the OS has no notifications, nothing is shown', async () => {
    const h = harness(t);
    h.off();
    const none = harness(t, false);
    t.core.runtime.events.emit({ type: 'notify', level: 'severe', title: '测试', body: '', link: '#/inspections' });
    expect(h.shown).toHaveLength(0);
    expect(none.shown).toHaveLength(0);
    none.off();
  });
});

describe('what is shown for which event', () => {
  const base = { type: 'notify' as const, title: '探测发现异常（1 项）', body: '数据库 ping：严重（不可达）' };

  it('only warn and severe notify events', () => {
    expect(noticeFor({ ...base, level: 'info', link: '#/inspections' })).toBeNull();
    expect(noticeFor({ type: 'progress', jobId: 'j', done: 1, total: 2 } as CoreEvent)).toBeNull();
    expect(noticeFor({ ...base, level: 'warn', link: '#/inspections' })).toEqual({ title: base.title, body: `${base.body}\n点击查看详情`, target: '#/inspections' });
    expect(noticeFor({ ...base, level: 'severe', link: '#/inspections', fault: '#/faults/new/probe/0193-ab' })).toMatchObject({ target: '#/faults/new/probe/0193-ab', body: `${base.body}\n点击填写故障报告` });
    expect(noticeFor({ ...base, level: 'severe' })).toEqual({ title: base.title, body: base.body, target: null });
  });

  it('never navigates to anything but a plain hash route', () => {
    for (const bad of ['javascript:alert(1)', '#/a";alert(1);"', "#/a'+x", 'https://example.com/#/x', '#/a b', '#/<x>']) expect(isSafeHashRoute(bad)).toBe(false);
    expect(isSafeHashRoute('#/faults/new/inspection/0193a0b2-7c4d-7000-8000-00000000abcd')).toBe(true);
    const n = noticeFor({ ...base, level: 'warn', fault: '#/x";alert(1)//', link: '#/inspections' });
    expect(n?.target).toBe('#/inspections');
    const w = new FakeWindow();
    openTarget(w, '#/x";alert(1)//');
    expect(w.log).toEqual(['restore', 'show', 'focus']);
    w.destroyed = true;
    openTarget(w, '#/inspections');
    expect(w.log).toHaveLength(3);
  });
});

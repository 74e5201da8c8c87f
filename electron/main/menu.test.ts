import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

vi.mock('electron', () => ({ Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((t: unknown) => t) } }));

const { menuTemplate } = await import('./menu');

function submenu(item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  return Array.isArray(item?.submenu) ? item.submenu : [];
}

describe('application menu', () => {
  const actions = { printPdf: vi.fn(), openDataDir: vi.fn(), checkForUpdates: vi.fn(), about: vi.fn() };

  it('has the four Chinese menus, every item labelled in Chinese', () => {
    const tpl = menuTemplate(actions, { devTools: false });
    expect(tpl.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    for (const top of tpl) {
      for (const item of submenu(top)) {
        if (item.type === 'separator') continue;
        expect(item.label, JSON.stringify(item)).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('shows DevTools only when enabled, and wires the actions', () => {
    const roles = (devTools: boolean) => menuTemplate(actions, { devTools }).flatMap((m) => submenu(m).map((i) => i.role));
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
    const tpl = menuTemplate(actions, { devTools: false });
    const click = (menu: number, label: string) => {
      const item = submenu(tpl[menu]).find((i) => i.label === label);
      (item?.click as (() => void) | undefined)?.();
    };
    click(0, '打印 PDF 文件…');
    click(0, '打开数据文件夹');
    click(3, '检查更新…');
    click(3, '关于驻场运维工作台');
    expect(actions.printPdf).toHaveBeenCalledOnce();
    expect(actions.openDataDir).toHaveBeenCalledOnce();
    expect(actions.checkForUpdates).toHaveBeenCalledOnce();
    expect(actions.about).toHaveBeenCalledOnce();
  });
});

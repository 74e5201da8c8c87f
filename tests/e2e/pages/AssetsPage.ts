import { expect, type Locator } from '@playwright/test';
import { PageObject } from './PageObject';

/** 资产: the list (import/export), the asset drawer, credentials, one asset's checks and history. */
export class AssetsPage extends PageObject {
  readonly root = this.testId('page-assets');

  row(name: string): Locator {
    return this.testId(`asset-row-${name}`);
  }

  async tab(name: '服务器与设备' | '登录凭据' | 'SSH 主机密钥'): Promise<void> {
    await this.root.getByRole('tab', { name }).click();
  }

  /** Fills the asset drawer's text fields (label → value) and saves. */
  async fillAsset(values: Record<string, string>): Promise<void> {
    const form = this.testId('asset-form');
    for (const [label, value] of Object.entries(values)) await form.getByLabel(label, { exact: true }).fill(value);
    await this.testId('asset-save').click();
  }

  async expectRow(name: string): Promise<void> {
    await expect(this.row(name)).toBeVisible();
  }
}

import type { Locator, Page } from '@playwright/test';

/** The antd form item that holds the input `#<form>_<field>`. */
export function formItem(page: Page, form: string, field: string): Locator {
  return page.locator('.ant-form-item').filter({ has: page.locator(`#${form}_${field}`) });
}

/** The validation message(s) shown under a field (not the ones fading out). */
export function fieldError(page: Page, form: string, field: string): Locator {
  return formItem(page, form, field).locator('.ant-form-item-explain-error:not(.ant-form-show-help-item-leave)');
}

/**
 * The accessible name of an antd button labelled `label`, exactly: antd puts a space between two
 * CJK characters ("保 存"), so the name is matched with optional white space between characters.
 * After a button has been `loading`, its spinner (aria-label "loading") can stay in the DOM,
 * collapsed, until its leave animation ends — in a clean run it was still there six minutes
 * later, naming the button "loading 确 认" — so that prefix is allowed too.
 */
export function cjk(label: string): RegExp {
  return new RegExp(`^(?:loading\\s+)?${[...label].join('\\s*')}$`);
}

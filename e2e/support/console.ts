import { expect, type Locator, type Page } from '@playwright/test';
import { signIn } from './sign-in.ts';

/** Selectors and actions for the console's workspace, by role and accessible name. */
export function consolePage(page: Page) {
  const activePanel = page.locator('[role="tabpanel"]:not([hidden])');
  const editor = activePanel.locator('.monaco-editor');
  const results = page.getByRole('region', { name: 'Results' });
  return {
    editor,
    /** The query text as the editor shows it (Monaco renders spaces as U+00A0). */
    async queryText(): Promise<string> {
      await expect(editor).toBeVisible();
      return (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
    },
    async setQuery(text: string) {
      await expect(editor).toBeVisible();
      await editor.locator('.view-lines').click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText(text);
    },
    results,
    /** What a block selection says: its figures while selected, then what Ctrl+C copied. */
    selectionNotice: results.getByRole('status').filter({ hasText: /selected|Copied/ }),
    status: page.getByRole('status').filter({ hasText: 'Request ID' }),
    grid: page.getByRole('grid'),
    errorPanel: results.getByRole('alert'),
    async runQuery(text: string) {
      await this.setQuery(text);
      await page.keyboard.press('Shift+Enter');
    },
    async chooseConnection(label: string | RegExp) {
      const select = activePanel.getByLabel('Connection');
      const options = await select.locator('option').allTextContents();
      const match = options.find((o) => (typeof label === 'string' ? o === label : label.test(o)));
      if (!match) throw new Error(`No connection ${label} among ${options.join(', ')}`);
      await select.selectOption({ label: match });
    },
    async addCluster(url: string, database = 'Samples') {
      await page.getByRole('button', { name: 'Add cluster' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a cluster' });
      await dialog.getByLabel('Cluster URL').fill(url);
      await dialog.getByLabel('Database').fill(database);
      await dialog.getByRole('button', { name: 'Add' }).click();
      return dialog;
    },
    /** A data cell of the result grid, by 0-based row and column header text. */
    async cell(row: number, column: string): Promise<Locator> {
      const grid = page.getByRole('grid');
      await expect(grid.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
      const headers = (await grid.getByRole('columnheader').allTextContents()).map((t) => t.trim());
      const index = headers.indexOf(column);
      // AG Grid numbers rows for assistive tech: the header row is 1, data rows start at 2.
      const rowLocator = grid.locator(`[role="row"][aria-rowindex="${row + 2}"]`);
      if ((await rowLocator.count()) === 0) {
        // Only rows near the viewport are rendered: scroll the row into view, as a user would.
        await grid.evaluate((element, target) => {
          // The vertical scroller: the grid element itself in AG Grid 36 (older: a descendant).
          const scrollers =
            '.ag-grid-viewport, .ag-body-viewport, .ag-body-vertical-scroll-viewport';
          const viewport = [element, ...element.querySelectorAll<HTMLElement>(scrollers)].find(
            (e) => e.matches(scrollers) && e.scrollHeight > e.clientHeight + 1,
          );
          const height = element.querySelector('.ag-row')?.getBoundingClientRect().height ?? 0;
          if (!viewport || height === 0) return;
          const top = target * height;
          if (top < viewport.scrollTop) viewport.scrollTop = top;
          else viewport.scrollTop = top + height - viewport.clientHeight;
        }, row);
        await rowLocator.first().waitFor();
      }
      return rowLocator.locator('[role="gridcell"]').nth(index);
    },
  };
}

export async function expectNoSpinner(page: Page) {
  await expect(page.getByText('Running…')).toHaveCount(0);
}

/**
 * Signs the analyst in with the clipboard granted (the copy tests read back what was copied) and
 * returns the console's workspace.
 */
export async function signInWithClipboard(page: Page): Promise<ReturnType<typeof consolePage>> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn(page);
  return consolePage(page);
}

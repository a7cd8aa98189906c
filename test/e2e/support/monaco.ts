/** Reading and writing the Monaco editor of a page the way a person sees and pastes. */
import type { Page } from 'playwright-core';

/** The editor's visible text, line by line in screen order (Monaco renders lines out of order). */
export async function editorText(page: Page): Promise<string> {
  // A string expression: this file is compiled without the DOM library, the page has it.
  const text = await page.evaluate(`(() => {
    const lines = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')];
    lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    return lines.map((line) => line.textContent).join('\\n');
  })()`);
  return String(text).replace(/\u00a0/g, ' ');
}

/**
 * Replaces the editor's content the way a person pastes a solution: select all, then a real
 * paste event on the editor's input element. (Typed text would be rewritten by auto-indent and
 * auto-closing brackets, as it should be for a person typing.)
 */
export async function pasteIntoEditor(page: Page, code: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate(`(() => {
    const data = new DataTransfer();
    data.setData('text/plain', ${JSON.stringify(code)});
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  })()`);
}

/**
 * Challenge statements are markdown from our own catalog, but they are still rendered as if
 * untrusted: raw HTML is shown as text, and links keep only http(s) or in-page targets, so a
 * catalog mistake (or a hostile pull request) cannot run script in the app.
 */
import { Marked, type Tokens } from 'marked';

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function isSafeHref(href: string): boolean {
  return /^https?:\/\//i.test(href) || href.startsWith('#');
}

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(text);
    },
    link(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, { href, title, tokens }: Tokens.Link) {
      const text = this.parser.parseInline(tokens);
      if (!isSafeHref(href)) return text;
      const titleAttribute = title ? ` title="${escapeHtml(title)}"` : '';
      return `<a href="${escapeHtml(href)}"${titleAttribute} rel="noreferrer noopener">${text}</a>`;
    },
    image({ text }: Tokens.Image) {
      // Remote images are blocked by the CSP anyway; show the description instead of a broken icon.
      return `<span class="md-image-alt">${escapeHtml(text)}</span>`;
    },
  },
});

export function renderMarkdown(markdown: string): string {
  return marked.parse(markdown) as string;
}

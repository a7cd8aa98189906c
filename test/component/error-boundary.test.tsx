import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ErrorBoundary } from '../../desktop/renderer/components/ErrorBoundary.js';

describe('panel error boundary', () => {
  it('renders its children while nothing failed', () => {
    const html = renderToStaticMarkup(
      <ErrorBoundary label="pairing">
        <p>panel body</p>
      </ErrorBoundary>,
    );
    expect(html).toBe('<p>panel body</p>');
  });

  it('shows a calm message with a Reload button once a child failed to render', () => {
    expect(ErrorBoundary.getDerivedStateFromError()).toEqual({ failed: true });
    const boundary = new ErrorBoundary({ label: 'pairing', children: <p>panel body</p> });
    boundary.state = ErrorBoundary.getDerivedStateFromError();
    const html = renderToStaticMarkup(<>{boundary.render()}</>);
    expect(html).toContain('Something went wrong in this panel.');
    expect(html).toContain('>Reload</button>');
    expect(html).not.toContain('panel body');
  });
});

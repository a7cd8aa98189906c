/**
 * The effective colour theme: the person's choice, or the OS preference when the choice is
 * "system". Applied as `data-theme` on <html> so CSS variables switch in one place.
 */
import { useEffect, useState } from 'react';
import type { Theme } from '../bridge/settings-schema.js';

const QUERY = '(prefers-color-scheme: dark)';

export function resolveTheme(choice: Theme, osPrefersDark: boolean): 'light' | 'dark' {
  if (choice === 'system') return osPrefersDark ? 'dark' : 'light';
  return choice;
}

export function useEffectiveTheme(choice: Theme): 'light' | 'dark' {
  const [osDark, setOsDark] = useState(() => window.matchMedia(QUERY).matches);
  useEffect(() => {
    const media = window.matchMedia(QUERY);
    const onChange = (event: MediaQueryListEvent) => setOsDark(event.matches);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);
  const theme = resolveTheme(choice, osDark);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return theme;
}

/** The app's top bar: brand, the way back to the catalog, and settings. */
import type { ReactNode } from 'react';

export interface TopBarProps {
  /** Always-visible status, e.g. which judge answers. */
  status?: ReactNode;
  title?: string;
  guest: boolean;
  onHome(): void;
  onSettings(): void;
  /** Shown when a coach token is set: the coach's own challenges and the editor. */
  onMyChallenges?: () => void;
}

export function TopBar({ title, guest, status, onHome, onSettings, onMyChallenges }: TopBarProps) {
  return (
    <header className="topbar">
      <button type="button" className="brand" onClick={onHome} aria-label="PairJudge: all challenges">
        <span className="brand-mark" aria-hidden="true">
          ⟨⟩
        </span>
        <span className="brand-name">PairJudge</span>
      </button>
      {title && (
        <nav className="crumbs" aria-label="Breadcrumb">
          <button type="button" className="crumb-link" onClick={onHome}>
            Challenges
          </button>
          <span className="crumb-sep" aria-hidden="true">
            /
          </span>
          <span className="crumb-current" aria-current="page">
            {title}
          </span>
        </nav>
      )}
      <div className="toolbar-spacer" />
      {status}
      {guest && <span className="pill">Browser guest</span>}
      {onMyChallenges && (
        <button type="button" className="button ghost small" onClick={onMyChallenges}>
          My challenges
        </button>
      )}
      <button type="button" className="button ghost small" onClick={onSettings}>
        Settings
      </button>
    </header>
  );
}

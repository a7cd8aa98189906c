/**
 * Two panes with a draggable divider (pointer or arrow keys). The first pane's share is kept in
 * localStorage under `storageKey`, so the layout a person chose survives a restart.
 */
import { useCallback, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';

export interface SplitPaneProps {
  direction: 'horizontal' | 'vertical';
  /** Initial share of the first pane, 0..1. */
  initial: number;
  min?: number;
  max?: number;
  storageKey: string;
  label: string;
  first: ReactNode;
  second: ReactNode;
}

function readShare(key: string, fallback: number): number {
  const stored = Number(window.localStorage.getItem(key));
  return Number.isFinite(stored) && stored > 0 && stored < 1 ? stored : fallback;
}

export function SplitPane({ direction, initial, min = 0.2, max = 0.8, storageKey, label, first, second }: SplitPaneProps) {
  const container = useRef<HTMLDivElement>(null);
  const [share, setShare] = useState(() => readShare(storageKey, initial));
  const clamp = useCallback((value: number) => Math.min(max, Math.max(min, value)), [min, max]);

  const commit = useCallback(
    (value: number) => {
      const next = clamp(value);
      setShare(next);
      window.localStorage.setItem(storageKey, String(next));
    },
    [clamp, storageKey],
  );

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    const target = event.currentTarget;
    target.setPointerCapture(event.pointerId);
    const move = (moveEvent: globalThis.PointerEvent) => {
      const box = container.current?.getBoundingClientRect();
      if (!box) return;
      commit(direction === 'horizontal' ? (moveEvent.clientX - box.left) / box.width : (moveEvent.clientY - box.top) / box.height);
    };
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
      document.body.classList.remove('resizing');
    };
    document.body.classList.add('resizing');
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const back = direction === 'horizontal' ? 'ArrowLeft' : 'ArrowUp';
    const forward = direction === 'horizontal' ? 'ArrowRight' : 'ArrowDown';
    if (event.key === back) commit(share - 0.02);
    else if (event.key === forward) commit(share + 0.02);
    else return;
    event.preventDefault();
  };

  const percent = `${(share * 100).toFixed(2)}%`;
  return (
    <div ref={container} className={`split split-${direction}`}>
      <div className="split-pane" style={{ flexBasis: percent }}>
        {first}
      </div>
      <div
        className="split-divider"
        role="separator"
        tabIndex={0}
        aria-label={label}
        aria-orientation={direction === 'horizontal' ? 'vertical' : 'horizontal'}
        aria-valuenow={Math.round(share * 100)}
        aria-valuemin={Math.round(min * 100)}
        aria-valuemax={Math.round(max * 100)}
        onPointerDown={onPointerDown}
        onKeyDown={onKeyDown}
      />
      <div className="split-pane split-pane-rest">{second}</div>
    </div>
  );
}

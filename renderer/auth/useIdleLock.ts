import { useEffect, useRef } from 'react';

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

export interface IdleLockOptions {
  /** Minutes without keyboard/mouse input before `onIdle` (the workstation setting). */
  minutes: number;
  /** False while locked or signed out: no timers run. */
  enabled: boolean;
  onIdle(): void;
  /**
   * Called at most every `heartbeatMs` while the user is active, so the core's own idle clock
   * (which only sees calls) does not lock a session the user is working in.
   */
  onHeartbeat?(): void;
  heartbeatMs?: number;
}

/** Locks the screen after `minutes` without input (等保: session timeout after inactivity). */
export function useIdleLock({ minutes, enabled, onIdle, onHeartbeat, heartbeatMs = 60_000 }: IdleLockOptions): void {
  const callbacks = useRef({ onIdle, onHeartbeat });
  useEffect(() => {
    callbacks.current = { onIdle, onHeartbeat };
  });

  useEffect(() => {
    if (!enabled || !(minutes > 0)) return;
    const idleMs = minutes * 60_000;
    let lastActivity = Date.now();
    let lastBeat = lastActivity;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const check = () => {
      const now = Date.now();
      const left = lastActivity + idleMs - now;
      if (left <= 0) {
        callbacks.current.onIdle();
        return;
      }
      if (lastActivity > lastBeat && now - lastBeat >= heartbeatMs) {
        lastBeat = now;
        callbacks.current.onHeartbeat?.();
      }
      timer = setTimeout(check, Math.min(left, heartbeatMs));
    };
    const onActivity = () => {
      lastActivity = Date.now();
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, onActivity, { passive: true, capture: true });
    timer = setTimeout(check, Math.min(idleMs, heartbeatMs));
    return () => {
      if (timer !== undefined) clearTimeout(timer);
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, onActivity, { capture: true });
    };
  }, [enabled, minutes, heartbeatMs]);
}

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useLocation } from "react-router";

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  setData: (value: T) => void;
}

// Runs `load` when `key` changes (and on reload()), aborting the previous call. While a new key loads,
// `data` still holds the previous answer and `loading` is true.
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: string): Loaded<T> {
  const [round, setRound] = useState(0);
  const requestKey = `${key}#${round}`;
  const [result, setResult] = useState<{ for: string; data: T | undefined; error: unknown }>({
    for: "",
    data: undefined,
    error: null,
  });
  const loadRef = useRef(load);
  useLayoutEffect(() => {
    loadRef.current = load;
  });
  useEffect(() => {
    const controller = new AbortController();
    loadRef.current(controller.signal).then(
      (data) => setResult({ for: requestKey, data, error: null }),
      (error: unknown) => {
        if (!controller.signal.aborted) setResult((r) => ({ for: requestKey, data: r.data, error }));
      },
    );
    return () => controller.abort();
  }, [requestKey]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  const setData = useCallback((data: T) => setResult((r) => ({ ...r, data })), []);
  return { data: result.data, error: result.error, loading: result.for !== requestKey, reload, setData };
}

// Calls `tick` every `ms` while `active`.
export function useInterval(tick: () => void, ms: number, active: boolean): void {
  const tickRef = useRef(tick);
  useLayoutEffect(() => {
    tickRef.current = tick;
  });
  useEffect(() => {
    if (!active) return undefined;
    const id = window.setInterval(() => tickRef.current(), ms);
    return () => window.clearInterval(id);
  }, [ms, active]);
}

// Focuses the input named by the URL's hash (#listing.name) once the page has loaded: notifications and
// errors link there.
export function useFocusFromHash(ready: boolean): void {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready || hash.length < 2) return;
    const id = decodeURIComponent(hash.slice(1));
    const element = document.getElementById(id);
    if (element) {
      element.scrollIntoView({ block: "center" });
      element.focus();
    }
  }, [ready, hash]);
}

export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Seatkeeper` : "Seatkeeper";
  }, [title]);
}

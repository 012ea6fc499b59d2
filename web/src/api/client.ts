// The transport under the API modules (auth.ts, partner.ts, admin.ts, marketplace.ts): fetch with the session
// cookie (same origin), the CSRF token of the sign-in answer on every call that changes something, and
// problem+json errors as ApiError. The token lives in memory; after a reload it comes back from
// GET /api/v1/auth/me (which the app calls at start). Pages call the API modules, not this file.
import { ApiError, toProblem } from "../lib/problem";
import type { List } from "./types";

let csrfToken: string | null = null;
const unauthenticatedListeners = new Set<() => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

// Called when a signed-in call answers 401 (the session expired or was signed out elsewhere).
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

interface Options {
  body?: unknown;
  raw?: Blob | ArrayBuffer;
  contentType?: string;
  signal?: AbortSignal;
  accept?: string; // the media type asked for; JSON unless said
  // Sign-in and "who am I" answer 401 as a result, not as an expired session.
  quiet401?: boolean;
}

async function call(method: Method, path: string, options: Options = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: options.accept ?? "application/json" };
  let body: BodyInit | undefined;
  if (options.raw !== undefined) {
    body = options.raw;
    headers["Content-Type"] = options.contentType ?? "application/octet-stream";
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["Content-Type"] = "application/json";
  }
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    body,
    credentials: "same-origin",
    signal: options.signal,
  });
  if (!response.ok) {
    const problem = toProblem(response.status, response.headers.get("Content-Type"), await response.text());
    if (response.status === 401 && !options.quiet401) unauthenticatedListeners.forEach((l) => l());
    throw new ApiError(problem);
  }
  return response;
}

// One JSON call: the answer's body as `T` (undefined for 204 and a 202 without a body).
export async function json<T>(method: Method, path: string, options?: Options): Promise<T> {
  const response = await call(method, path, options);
  // 204, and a 202 that only says "accepted" (a mail on its way), have no body.
  const text = response.status === 204 ? "" : await response.text();
  return (text === "" ? undefined : JSON.parse(text)) as T;
}

// A file to save (GET): its bytes, and the name the server gives it (Content-Disposition), if any.
export async function download(
  path: string,
  accept: string,
  options?: Options,
): Promise<{ blob: Blob; contentDisposition: string | null }> {
  const response = await call("GET", path, { ...options, accept });
  return { blob: await response.blob(), contentDisposition: response.headers.get("Content-Disposition") };
}

// Every item of a list route: its pages (`limit`, `cursor`) fetched one after another until `next_cursor` is null.
export async function listAll<T>(path: string, options?: Options): Promise<List<T>> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const page: List<T> = await json<List<T>>(
      "GET",
      `${path}${sep}limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      options,
    );
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return { items, next_cursor: null };
}

export const enc = encodeURIComponent;

// The typed API client: fetch with the session cookie (same origin), the CSRF token of the sign-in answer
// on every call that changes something, and problem+json errors as ApiError. The token lives in memory; after
// a reload it comes back from GET /api/v1/auth/me (which the app calls at start).
import { ApiError, toProblem } from "../lib/problem";
import type {
  AuditEvent,
  Lead,
  List,
  NewLead,
  Offer,
  OfferPatch,
  Plan,
  Product,
  Session,
  StaffUser,
} from "./types";

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
  // Sign-in and "who am I" answer 401 as a result, not as an expired session.
  quiet401?: boolean;
}

async function call(method: Method, path: string, options: Options = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json" };
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

// One JSON call; the surfaces that keep their own calls (admin/api.ts, partner/deals/api.ts) build on it.
export async function json<T>(method: Method, path: string, options?: Options): Promise<T> {
  const response = await call(method, path, options);
  // 204, and a 202 that only says "accepted" (a mail on its way), have no body.
  const text = response.status === 204 ? "" : await response.text();
  return (text === "" ? undefined : JSON.parse(text)) as T;
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

const enc = encodeURIComponent;

export const api = {
  // Sign-in
  async login(email: string, password: string): Promise<Session> {
    const session = await json<Session>("POST", "/api/v1/auth/login", { body: { email, password }, quiet401: true });
    setCsrfToken(session.csrf_token ?? null);
    return session;
  },
  async me(signal?: AbortSignal): Promise<Session> {
    const session = await json<Session>("GET", "/api/v1/auth/me", { signal, quiet401: true });
    setCsrfToken(session.csrf_token ?? null);
    return session;
  },
  async logout(): Promise<void> {
    await call("POST", "/api/v1/auth/logout", { quiet401: true });
    setCsrfToken(null);
  },

  // Partner Center
  offers: (signal?: AbortSignal) => listAll<Offer>("/api/v1/offers", { signal }),
  offer: (id: string, signal?: AbortSignal) => json<Offer>("GET", `/api/v1/offers/${enc(id)}`, { signal }),
  createOffer: (input: { id: string; alias: string; type: string }) =>
    json<Offer>("POST", "/api/v1/offers", { body: input }),
  updateOffer: (id: string, patch: OfferPatch) => json<Offer>("PATCH", `/api/v1/offers/${enc(id)}`, { body: patch }),
  uploadPackage: (id: string, zip: Blob) =>
    json<Offer>("PUT", `/api/v1/offers/${enc(id)}/package`, { raw: zip, contentType: "application/zip" }),
  publish: (id: string) => json<Offer>("POST", `/api/v1/offers/${enc(id)}/publish`),
  goLive: (id: string) => json<Offer>("POST", `/api/v1/offers/${enc(id)}/go-live`),
  plans: (offerId: string, signal?: AbortSignal) =>
    listAll<Plan>(`/api/v1/offers/${enc(offerId)}/plans`, { signal }),
  plan: (offerId: string, planId: string, signal?: AbortSignal) =>
    json<Plan>("GET", `/api/v1/offers/${enc(offerId)}/plans/${enc(planId)}`, { signal }),
  createPlan: (offerId: string, input: { id: string; name: string }) =>
    json<Plan>("POST", `/api/v1/offers/${enc(offerId)}/plans`, { body: input }),
  updatePlan: (offerId: string, planId: string, patch: { name?: string; description?: string; more_info_url?: string }) =>
    json<Plan>("PATCH", `/api/v1/offers/${enc(offerId)}/plans/${enc(planId)}`, { body: patch }),
  leads: (signal?: AbortSignal, offerId?: string) =>
    listAll<Lead>(`/api/v1/leads${offerId ? `?offer_id=${enc(offerId)}` : ""}`, { signal }),
  events: (query: { subject?: string; after?: string; limit?: number }, signal?: AbortSignal) => {
    const params = new URLSearchParams();
    if (query.subject) params.set("subject", query.subject);
    if (query.after) params.set("after", query.after);
    if (query.limit) params.set("limit", String(query.limit));
    return json<List<AuditEvent>>("GET", `/api/v1/events?${params.toString()}`, { signal });
  },

  // Staff accounts of the caller's publisher or tenant, and one's own password
  staff: (signal?: AbortSignal) => listAll<StaffUser>("/api/v1/users", { signal }),
  updateStaff: (id: string, patch: { name?: string; role?: string; disabled?: boolean }) =>
    json<StaffUser>("PATCH", `/api/v1/users/${enc(id)}`, { body: patch }),
  deleteStaff: (id: string) => json<void>("DELETE", `/api/v1/users/${enc(id)}`),
  changePassword: (current_password: string, new_password: string) =>
    json<void>("POST", "/api/v1/auth/password", { body: { current_password, new_password } }),
  // Public: the same answer for any address; the mailed link's token sets a new password.
  requestPasswordReset: (email: string) =>
    json<{ detail: string }>("POST", "/api/v1/auth/password-reset", { body: { email } }),
  resetPassword: (token: string, new_password: string) =>
    json<void>("POST", `/api/v1/auth/password-reset/${enc(token)}`, { body: { new_password }, quiet401: true }),

  // Marketplace (public)
  products: (q: string, signal?: AbortSignal) =>
    listAll<Product>(`/api/v1/marketplace/offers${q ? `?q=${enc(q)}` : ""}`, { signal }),
  product: (id: string, preview: string | null, signal?: AbortSignal) =>
    json<Product>("GET", `/api/v1/marketplace/offers/${enc(id)}${preview ? `?preview=${enc(preview)}` : ""}`, {
      signal,
    }),
  contactMe: (id: string, preview: string | null, lead: NewLead) =>
    json<{ id: string }>(
      "POST",
      `/api/v1/marketplace/offers/${enc(id)}/leads${preview ? `?preview=${enc(preview)}` : ""}`,
      { body: lead },
    ),
};

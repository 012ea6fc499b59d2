// Webhook endpoints and deliveries in words: a delivery's status, its last answer, an endpoint's state and the
// URL an endpoint may have (checked while typing; the server checks again, and also refuses private addresses).
import type { WebhookDeliveryStatus, WebhookDelivery, Webhook } from "../api/types";
import type { BadgeColor } from "./format";

export const deliveryStatusLabel: Record<WebhookDeliveryStatus, string> = {
  pending: "Pending",
  succeeded: "Succeeded",
  failed: "Failed",
  dead: "Dead",
};

export const deliveryStatusColor: Record<WebhookDeliveryStatus, BadgeColor> = {
  pending: "informative",
  succeeded: "success",
  failed: "warning",
  dead: "danger",
};

// What the endpoint last answered: "HTTP 500", "HTTP 500: …" (the server's error when it says more, once),
// the error of a request that got no answer (a timeout, a refused connection), or "—" before any attempt.
export function lastAnswer(d: Pick<WebhookDelivery, "last_status_code" | "last_error">): string {
  if (d.last_status_code !== null && d.last_error) {
    const status = `HTTP ${d.last_status_code}`;
    return d.last_error.startsWith(status) ? d.last_error : `${status}: ${d.last_error}`;
  }
  if (d.last_status_code !== null) return `HTTP ${d.last_status_code}`;
  return d.last_error || "—";
}

// Whether a page of deliveries will change soon by itself: one is pending, or failed with its next attempt due
// within `soonMs` — worth reloading the page for, unlike a retry hours away.
export function expectingAttempt(
  deliveries: readonly Pick<WebhookDelivery, "status" | "next_attempt_at">[],
  now: number = Date.now(),
  soonMs = 60_000,
): boolean {
  return deliveries.some(
    (d) =>
      d.status === "pending" ||
      (d.status === "failed" && d.next_attempt_at !== null && Date.parse(d.next_attempt_at) <= now + soonMs),
  );
}

export interface EndpointState {
  label: string;
  color: BadgeColor;
  detail: string | null; // why it is disabled, or how it has been failing
}

export function endpointState(
  e: Pick<Webhook, "enabled" | "disabled_reason" | "consecutive_failures">,
): EndpointState {
  if (!e.enabled) {
    return { label: "Disabled", color: "danger", detail: e.disabled_reason ?? "Disabled by an admin." };
  }
  if (e.consecutive_failures > 0) {
    const n = e.consecutive_failures;
    return { label: "Failing", color: "warning", detail: `The last ${n === 1 ? "delivery" : `${n} deliveries`} failed.` };
  }
  return { label: "Enabled", color: "success", detail: null };
}

export function webhookUrlError(text: string): string | null {
  const url = text.trim();
  if (url === "") return "Endpoint URL is required";
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "Enter the whole URL, starting with https://";
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return "Use an https:// (or http://) URL";
  if (parsed.username || parsed.password) return "Don't put a user name or password in the URL";
  if (parsed.hash) return "A webhook URL can't have a #fragment";
  return null;
}

// Replay's "after event ID": an event's number in the feed (0 for every event).
export function eventIdError(text: string): string | null {
  const t = text.trim();
  if (t === "") return "Enter an event ID";
  if (!/^\d+$/.test(t)) return "An event ID is a number, as a delivery shows it (0 replays every event)";
  return null;
}

// Webhooks' API calls (API.md "Webhooks and the event contract"): a publisher's endpoints under
// /api/v1/webhooks, a tenant's under /api/v1/tenant/webhooks, the same calls under either; global admins only.
// The pages take one of the two (publisherWebhooks, tenantWebhooks), so Partner Center and the Admin Center share
// one implementation.
import { enc, json, listAll } from "./client";
import type {
  WebhookDeliveryStatus,
  EventTypeInfo,
  List,
  WebhookCreate,
  WebhookDelivery,
  Webhook,
  WebhookWithSecret,
  WebhookPatch,
  WebhookReplayRequest,
  WebhookReplay,
} from "./types";

export interface DeliveryQuery {
  status?: WebhookDeliveryStatus;
  limit?: number;
  cursor?: string;
}

function webhooksApi(base: string) {
  const endpoint = (id: string) => `${base}/${enc(id)}`;
  return {
    endpoints: (signal?: AbortSignal) => listAll<Webhook>(base, { signal }),
    endpoint: (id: string, signal?: AbortSignal) => json<Webhook>("GET", endpoint(id), { signal }),
    create: (input: WebhookCreate) => json<WebhookWithSecret>("POST", base, { body: input }),
    update: (id: string, patch: WebhookPatch) => json<Webhook>("PATCH", endpoint(id), { body: patch }),
    remove: (id: string) => json<void>("DELETE", endpoint(id)),
    rotateSecret: (id: string) => json<WebhookWithSecret>("POST", `${endpoint(id)}/rotate-secret`),
    // A webhook.ping event delivered to this endpoint only: its delivery (202).
    sendTest: (id: string) => json<WebhookDelivery>("POST", `${endpoint(id)}/test`),
    // One page, newest first.
    deliveries: (id: string, query: DeliveryQuery, signal?: AbortSignal) => {
      const params = new URLSearchParams();
      if (query.status) params.set("status", query.status);
      if (query.limit) params.set("limit", String(query.limit));
      if (query.cursor) params.set("cursor", query.cursor);
      return json<List<WebhookDelivery>>("GET", `${endpoint(id)}/deliveries?${params.toString()}`, { signal });
    },
    redeliver: (id: string, deliveryId: string) =>
      json<WebhookDelivery>("POST", `${endpoint(id)}/deliveries/${enc(deliveryId)}/redeliver`),
    // One call queues the events of one batch; `next_after` says where the next batch starts.
    replay: (id: string, after: string) =>
      json<WebhookReplay>("POST", `${endpoint(id)}/replay`, { body: { after } satisfies WebhookReplayRequest }),
    // The event types the caller may subscribe to (the same route for both).
    eventTypes: (signal?: AbortSignal) => json<{ items: EventTypeInfo[] }>("GET", "/api/v1/event-types", { signal }),
  };
}

export type WebhooksApi = ReturnType<typeof webhooksApi>;

export const publisherWebhooks: WebhooksApi = webhooksApi("/api/v1/webhooks");
export const tenantWebhooks: WebhooksApi = webhooksApi("/api/v1/tenant/webhooks");

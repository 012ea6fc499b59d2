// What the webhooks pages of both centers show alike: an endpoint's state and its events, a delivery's status,
// and the page another role sees.
import { Badge, Caption1, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { WebhookDeliveryStatus, Webhook } from "../../api/types";
import { describePattern } from "../../lib/eventPatterns";
import { deliveryStatusColor, deliveryStatusLabel, endpointState } from "../../lib/webhooks";
import { useDocumentTitle } from "../hooks";
import { PageHeader, Section } from "../layout";

const useStyles = makeStyles({
  state: { display: "grid", justifyItems: "start", gap: tokens.spacingVerticalXXS },
  muted: { color: tokens.colorNeutralForeground2 },
  events: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS, listStyleType: "none", margin: 0, padding: 0 },
});

// An endpoint's page under the center's webhooks list (/partner/settings/webhooks, /admin/webhooks).
export function endpointPath(basePath: string, id: string): string {
  return `${basePath}/${encodeURIComponent(id)}`;
}

export function EndpointStateBadge({ endpoint }: { endpoint: Webhook }) {
  const s = useStyles();
  const state = endpointState(endpoint);
  return (
    <div className={s.state}>
      <Badge appearance="tint" color={state.color} data-testid="endpoint-state">
        {state.label}
      </Badge>
      {state.detail && <Caption1 className={s.muted}>{state.detail}</Caption1>}
    </div>
  );
}

export function EndpointEvents({ events }: { events: readonly string[] }) {
  const s = useStyles();
  return (
    <ul className={s.events} aria-label="Events">
      {events.map((e) => (
        <li key={e}>
          <Badge appearance="outline" color="informative">
            {describePattern(e)}
          </Badge>
        </li>
      ))}
    </ul>
  );
}

export function DeliveryStatusBadge({ status }: { status: WebhookDeliveryStatus }) {
  return (
    <Badge appearance="tint" color={deliveryStatusColor[status]} data-testid="delivery-status">
      {deliveryStatusLabel[status]}
    </Badge>
  );
}

// What another role sees at a webhooks address: the server refuses them the endpoints.
export function GlobalAdminsOnly() {
  const s = useStyles();
  useDocumentTitle("Webhooks");
  return (
    <>
      <PageHeader title="Webhooks" />
      <Section>
        <Text className={s.muted}>Only global admins manage webhooks. Ask one of them to add the endpoint you need.</Text>
      </Section>
    </>
  );
}

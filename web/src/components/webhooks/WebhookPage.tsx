// One endpoint (Partner Center and the Admin Center alike): its URL, events and state, and what a global admin
// does with it — send a test event, edit, rotate the secret (the new one shown once, the old one accepted until
// it expires), disable or enable (an endpoint the server disabled after failing comes back this way), delete —
// and its deliveries.
import { Body1, Button, Caption1, Text, makeStyles, tokens } from "@fluentui/react-components";
import { DeleteRegular, EditRegular, KeyResetRegular, SendRegular } from "@fluentui/react-icons";
import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import type { WebhooksApi } from "../../api/webhooks";
import type { Webhook, WebhookWithSecret } from "../../api/types";
import { formatDateTime, formatNumber } from "../../lib/format";
import { ApiError } from "../../lib/problem";
import { ConfirmButton } from "../ConfirmButton";
import { LoadError, Loading, useNotify } from "../feedback";
import { useDocumentTitle, useLoad } from "../hooks";
import { Actions, PageHeader, Section } from "../layout";
import { RouterLink } from "../RouterLink";
import { Deliveries } from "./Deliveries";
import { EndpointDialog } from "./EndpointDialog";
import { SecretShown } from "./SecretShown";
import { EndpointEvents, EndpointStateBadge } from "./common";

const useStyles = makeStyles({
  url: { wordBreak: "break-all" },
  facts: {
    display: "grid",
    gridTemplateColumns: "max-content minmax(0, 1fr)",
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    margin: 0,
    "@media (max-width: 600px)": { gridTemplateColumns: "minmax(0, 1fr)", gap: tokens.spacingVerticalXXS },
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, "@media (max-width: 600px)": { marginBottom: tokens.spacingVerticalS } },
});

export function WebhookPage({ api, basePath }: { api: WebhooksApi; basePath: string }) {
  const s = useStyles();
  const { webhookId = "" } = useParams();
  const navigate = useNavigate();
  const notify = useNotify();
  const endpoint = useLoad((signal) => api.endpoint(webhookId, signal), `webhook:${webhookId}`);
  const [rotated, setRotated] = useState<WebhookWithSecret | null>(null);
  // Bumped to reload the deliveries after an action that adds one.
  const [round, setRound] = useState(0);
  const e = endpoint.data;
  useDocumentTitle(e ? `Webhook ${e.url}` : "Webhook");

  if (endpoint.error instanceof ApiError && endpoint.error.status === 404) {
    return (
      <>
        <PageHeader title="Endpoint not found" />
        <Section>
          <Body1>
            There is no endpoint <code>{webhookId}</code>; it may have been deleted. See{" "}
            <RouterLink to={basePath}>all endpoints</RouterLink>.
          </Body1>
        </Section>
      </>
    );
  }
  if (endpoint.error) return <LoadError error={endpoint.error} retry={endpoint.reload} />;
  if (!e) return <Loading label="Loading the endpoint…" />;

  const saved = (next: Webhook) => endpoint.setData(next);
  const sendTest = () => {
    api
      .sendTest(e.id)
      .then(() => {
        notify.success("Test event sent", "A webhook.ping delivery is on its way to this endpoint.");
        setRound((r) => r + 1);
      })
      .catch((err: unknown) => notify.failure(err, "Couldn't send a test event"));
  };
  const setEnabled = async (enabled: boolean) => {
    saved(await api.update(e.id, { enabled }));
    notify.success(enabled ? "Endpoint enabled" : "Endpoint disabled");
  };

  return (
    <>
      <Caption1>
        <RouterLink to={basePath}>Webhooks</RouterLink> › Endpoint
      </Caption1>
      <PageHeader title={<span className={s.url}>{e.url}</span>}>
        <Button icon={<SendRegular />} onClick={sendTest}>
          Send test event
        </Button>
        <EndpointDialog api={api} endpoint={e} label="Edit" icon={<EditRegular />} onSaved={saved} />
      </PageHeader>
      {rotated?.secret && (
        <SecretShown secret={rotated.secret} title="New signing secret">
          {rotated.previous_secret_expires_at && (
            <Text block>
              The old secret keeps working until {formatDateTime(rotated.previous_secret_expires_at)}: deploy the new one
              to your receiver before then.
            </Text>
          )}
        </SecretShown>
      )}
      <Section title="Endpoint">
        <dl className={s.facts}>
          <dt className={s.term}>Status</dt>
          <dd className={s.value}>
            <EndpointStateBadge endpoint={e} />
          </dd>
          <dt className={s.term}>Description</dt>
          <dd className={s.value}>{e.description || "—"}</dd>
          <dt className={s.term}>Events</dt>
          <dd className={s.value}>
            <EndpointEvents events={e.events} />
          </dd>
          <dt className={s.term}>Failures in a row</dt>
          <dd className={s.value} data-testid="consecutive-failures">
            {formatNumber(e.consecutive_failures)}
          </dd>
          {e.previous_secret_expires_at && (
            <>
              <dt className={s.term}>Previous secret</dt>
              <dd className={s.value}>Accepted until {formatDateTime(e.previous_secret_expires_at)}</dd>
            </>
          )}
          <dt className={s.term}>Added</dt>
          <dd className={s.value}>{formatDateTime(e.created_at)}</dd>
        </dl>
        <Actions>
          <ConfirmButton
            label="Rotate secret"
            icon={<KeyResetRegular />}
            title="Rotate the signing secret?"
            confirm="Rotate secret"
            failure="Couldn't rotate the secret"
            onConfirm={async () => {
              const next = await api.rotateSecret(e.id);
              setRotated(next);
              saved(next);
              notify.success("Secret rotated", "Copy the new secret now: it is shown only once.");
            }}
          >
            Deliveries are signed with a new secret from now on. The old one keeps being accepted for a while, so your
            receiver can switch without losing events; the new secret is shown only once.
          </ConfirmButton>
          {e.enabled ? (
            <ConfirmButton
              label="Disable"
              title="Disable this endpoint?"
              confirm="Disable"
              failure="Couldn't disable the endpoint"
              onConfirm={() => setEnabled(false)}
            >
              Seatkeeper stops sending events to {e.url} until the endpoint is enabled again.
            </ConfirmButton>
          ) : (
            <Button onClick={() => void setEnabled(true).catch((err: unknown) => notify.failure(err, "Couldn't enable the endpoint"))}>
              Enable
            </Button>
          )}
          <ConfirmButton
            label="Delete"
            icon={<DeleteRegular />}
            title="Delete this endpoint?"
            confirm="Delete"
            failure="Couldn't delete the endpoint"
            onConfirm={async () => {
              await api.remove(e.id);
              notify.success("Endpoint deleted", `Events are no longer sent to ${e.url}.`);
              navigate(basePath);
            }}
          >
            Events are no longer sent to {e.url}, and its deliveries are gone with it.
          </ConfirmButton>
        </Actions>
      </Section>
      <Deliveries api={api} endpointId={e.id} round={round} />
    </>
  );
}

// An endpoint's deliveries, newest first, a page at a time: each with its status, event (type, ID and subject),
// attempts, what the endpoint last answered and when the next attempt is due, and Redeliver; a status filter;
// "Replay from event" to have every matching event after one delivered again. While a delivery on the page is
// pending or about to be retried, the page reloads itself every few seconds.
import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Dropdown,
  Field,
  Input,
  Option,
  TableCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowClockwiseRegular, HistoryRegular } from "@fluentui/react-icons";
import { useState, type FormEvent } from "react";
import type { WebhooksApi } from "../../api/webhooks";
import type { WebhookDeliveryStatus, WebhookDelivery } from "../../api/types";
import { formatDateTime, formatNumber } from "../../lib/format";
import { errorMessage } from "../../lib/problem";
import { deliveryStatusLabel, eventIdError, expectingAttempt, lastAnswer } from "../../lib/webhooks";
import { DataTable } from "../DataTable";
import { Empty, Refusal, WhenLoaded, useNotify } from "../feedback";
import { useInterval, useLoad } from "../hooks";
import { Actions, Section } from "../layout";
import { DeliveryStatusBadge } from "./common";

const PAGE = 25;
const STATUSES = Object.keys(deliveryStatusLabel) as WebhookDeliveryStatus[];

const useStyles = makeStyles({
  filters: { display: "flex", flexWrap: "wrap", alignItems: "end", gap: tokens.spacingHorizontalM },
  filter: { minWidth: "180px" },
  muted: { color: tokens.colorNeutralForeground2 },
  code: { fontFamily: tokens.fontFamilyMonospace, wordBreak: "break-all" },
  content: { display: "grid", gap: tokens.spacingVerticalM },
  paging: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

function ReplayDialog({ api, endpointId, onQueued }: { api: WebhooksApi; endpointId: string; onQueued: () => void }) {
  const s = useStyles();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [after, setAfter] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = eventIdError(after);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setRefused(null);
    try {
      // Batch after batch, until no event is left.
      let queued = 0;
      let from: string | null = after.trim();
      while (from !== null) {
        const batch = await api.replay(endpointId, from);
        queued += batch.queued;
        from = batch.next_after === from ? null : batch.next_after; // a cursor that doesn't move ends it
      }
      notify.success(
        queued === 0 ? "Nothing to replay" : "Replay queued",
        queued === 0
          ? `No event after ${after.trim()} matches this endpoint.`
          : `${formatNumber(queued)} ${queued === 1 ? "event is" : "events are"} on their way again.`,
      );
      setOpen(false);
      onQueued();
    } catch (err) {
      setRefused(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(_, d) => {
        setOpen(d.open);
        setError(undefined);
        setRefused(null);
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button icon={<HistoryRegular />}>Replay from event…</Button>
      </DialogTrigger>
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <DialogBody>
            <DialogTitle>Replay events</DialogTitle>
            <DialogContent className={s.content}>
              <Text>
                Every event after this one that the endpoint receives is delivered again, in order: for a receiver that
                lost what it had, or was down longer than the retries last.
              </Text>
              {refused && <Refusal title="Couldn't replay">{refused}</Refusal>}
              <Field
                label="After event ID"
                required
                hint="An event's ID, as its delivery shows it (0 for every event); the events after it are sent, not the event itself."
                validationMessage={error}
                validationState={error ? "error" : "none"}
              >
                <Input
                  value={after}
                  onChange={(_, d) => {
                    setAfter(d.value);
                    setError(undefined);
                  }}
                />
              </Field>
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button disabled={busy}>Cancel</Button>
              </DialogTrigger>
              <Button type="submit" appearance="primary" disabled={busy}>
                {busy ? "Replaying…" : "Replay"}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

function DeliveryRow({ d, onRedeliver }: { d: WebhookDelivery; onRedeliver: () => void }) {
  const s = useStyles();
  return (
    <TableRow data-testid={`delivery-${d.id}`}>
      <TableCell>
        <DeliveryStatusBadge status={d.status} />
      </TableCell>
      <TableCell>
        <span className={s.code}>{d.event_type}</span>
        <br />
        <Caption1 className={s.muted}>
          Event {d.event_id} · <span className={s.code}>{d.subject}</span>
        </Caption1>
      </TableCell>
      <TableCell>{formatNumber(d.attempts)}</TableCell>
      <TableCell>
        {lastAnswer(d)}
        {d.last_attempt_at && (
          <>
            <br />
            <Caption1 className={s.muted}>{formatDateTime(d.last_attempt_at)}</Caption1>
          </>
        )}
      </TableCell>
      <TableCell>{d.status === "pending" || d.status === "failed" ? formatDateTime(d.next_attempt_at) : "—"}</TableCell>
      <TableCell>{formatDateTime(d.created_at)}</TableCell>
      <TableCell>
        <Button size="small" aria-label={`Redeliver ${d.event_type} (event ${d.event_id})`} onClick={onRedeliver}>
          Redeliver
        </Button>
      </TableCell>
    </TableRow>
  );
}

export function Deliveries({ api, endpointId, round }: { api: WebhooksApi; endpointId: string; round: number }) {
  const s = useStyles();
  const notify = useNotify();
  const [status, setStatus] = useState<WebhookDeliveryStatus | "">("");
  // The cursors of the pages before this one (the first page has none).
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const deliveries = useLoad(
    (signal) => api.deliveries(endpointId, { status: status || undefined, limit: PAGE, cursor }, signal),
    `deliveries:${endpointId}:${status}:${cursor ?? ""}:${round}`,
  );
  const expecting = expectingAttempt(deliveries.data?.items ?? []);
  useInterval(deliveries.reload, 2000, expecting && !deliveries.loading);

  const redeliver = (d: WebhookDelivery) => {
    api
      .redeliver(endpointId, d.id)
      .then(() => {
        notify.success("Redelivery queued", `${d.event_type} (event ${d.event_id}) is on its way again.`);
        deliveries.reload();
      })
      .catch((e: unknown) => notify.failure(e, "Couldn't redeliver"));
  };

  return (
    <Section title="Deliveries">
      <div className={s.filters}>
        <Field label="Status" className={s.filter}>
          <Dropdown
            value={status ? deliveryStatusLabel[status] : "All statuses"}
            selectedOptions={[status]}
            onOptionSelect={(_, d) => {
              setStatus((d.optionValue ?? "") as WebhookDeliveryStatus | "");
              setCursors([]);
            }}
          >
            <Option value="">All statuses</Option>
            {STATUSES.map((x) => (
              <Option key={x} value={x}>
                {deliveryStatusLabel[x]}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Actions>
          <Button icon={<ArrowClockwiseRegular />} onClick={deliveries.reload}>
            Refresh
          </Button>
          <ReplayDialog api={api} endpointId={endpointId} onQueued={deliveries.reload} />
        </Actions>
      </div>
      <WhenLoaded load={deliveries} label="Loading the deliveries…">
        {({ items, next_cursor }) => (
          <>
            {items.length === 0 ? (
              <Empty title={status ? `No ${deliveryStatusLabel[status].toLowerCase()} deliveries` : "No deliveries yet"}>
                <Text>Send a test event to see one here.</Text>
              </Empty>
            ) : (
              <DataTable
                label="Deliveries"
                minWidth="960px"
                size="small"
                columns={["Status", "Event", "Attempts", "Last answer", "Next attempt", "Created", "Actions"]}
                widths={["110px", undefined, "80px", "170px", "130px", "130px", "110px"]}
              >
                {items.map((d) => (
                  <DeliveryRow key={d.id} d={d} onRedeliver={() => redeliver(d)} />
                ))}
              </DataTable>
            )}
            {(cursors.length > 0 || next_cursor) && (
              <nav className={s.paging} aria-label="Deliveries pages">
                <Button disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
                  Newer
                </Button>
                <Text className={s.muted}>Page {formatNumber(cursors.length + 1)}</Text>
                <Button disabled={!next_cursor} onClick={() => next_cursor && setCursors((c) => [...c, next_cursor])}>
                  Older
                </Button>
              </nav>
            )}
          </>
        )}
      </WhenLoaded>
    </Section>
  );
}

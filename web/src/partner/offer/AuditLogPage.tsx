// Audit log of one offer: every change to it, its plans and its leads (GET /api/v1/events?subject=offers/<id>),
// newest first, with what changed.
import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { api } from "../../api/client";
import type { AuditEvent } from "../../api/types";
import { Empty, LoadError, Loading, useNotify } from "../../components/feedback";
import { useLoad } from "../../components/hooks";
import { useUser } from "../../auth/auth";
import { PageHeader, Section } from "../../components/layout";
import { changedFields, describeActor, describeEvent } from "../../lib/audit";
import { formatDateTime } from "../../lib/format";
import { useOffer } from "./context";

const PAGE = 200;

const useStyles = makeStyles({
  scroll: { overflowX: "auto" },
  table: { minWidth: "640px" },
  changes: { color: tokens.colorNeutralForeground2, wordBreak: "break-word" },
});

export function AuditLogPage() {
  const s = useStyles();
  const { offer } = useOffer();
  const user = useUser();
  const first = useLoad(
    (signal) => api.events({ subject: `offers/${offer.id}`, limit: PAGE }, signal),
    offer.id,
  );
  // Pages after the first, read with "Load more" (the feed runs oldest to newest).
  const [later, setLater] = useState<AuditEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const notify = useNotify();
  const lastPage = later.length > 0 ? later.length % PAGE : (first.data?.items.length ?? 0);
  const more = lastPage === PAGE;
  const events = [...(first.data?.items ?? []), ...later];
  const loadMore = () => {
    setBusy(true);
    api
      .events({ subject: `offers/${offer.id}`, after: cursor ?? first.data?.next_cursor ?? undefined, limit: PAGE })
      .then((page) => {
        setLater((l) => [...l, ...page.items]);
        setCursor(page.next_cursor);
      })
      .catch((e: unknown) => notify.failure(e, "Couldn't load more"))
      .finally(() => setBusy(false));
  };

  const newestFirst = [...events].reverse();
  return (
    <>
      <PageHeader title="Audit log" />
      <Section>
        {first.error ? (
          <LoadError error={first.error} retry={first.reload} />
        ) : !first.data ? (
          <Loading label="Loading the audit log…" />
        ) : events.length === 0 ? (
          <Empty title="Nothing recorded yet" />
        ) : (
          <div className={s.scroll}>
            <Table className={s.table} aria-label="Audit log" size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>When</TableHeaderCell>
                  <TableHeaderCell>Who</TableHeaderCell>
                  <TableHeaderCell>What</TableHeaderCell>
                  <TableHeaderCell>Changes</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {newestFirst.map((e) => (
                  <TableRow key={e.id}>
                    <TableCell>{formatDateTime(e.created_at)}</TableCell>
                    <TableCell>{describeActor(e.actor, user.id)}</TableCell>
                    <TableCell>{describeEvent(e)}</TableCell>
                    <TableCell className={s.changes}>{changedFields(e.payload).join(", ") || "—"}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
        {more && (
          <div>
            <Button disabled={busy} onClick={loadMore}>
              Load newer events
            </Button>
          </div>
        )}
      </Section>
    </>
  );
}

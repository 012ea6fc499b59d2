// The audit log of one subject (GET /api/v1/events?subject=…): every change to it and to what is under it,
// newest first, with what changed. An offer's log and a deal's log are this table.
import { Button, TableCell, TableRow, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { partnerApi } from "../api/partner";
import type { Event } from "../api/types";
import { useUser } from "../auth/auth";
import { changedFields, describeActor, describeEvent } from "../lib/audit";
import { formatDateTime } from "../lib/format";
import { DataTable } from "./DataTable";
import { Empty, WhenLoaded, useNotify } from "./feedback";
import { useLoad } from "./hooks";

const PAGE = 200;

const useStyles = makeStyles({
  changes: { color: tokens.colorNeutralForeground2, wordBreak: "break-word" },
});

export function AuditLog({ subject }: { subject: string }) {
  const s = useStyles();
  const user = useUser();
  const first = useLoad((signal) => partnerApi.events({ subject, limit: PAGE }, signal), subject);
  // Pages after the first, read with "Load more" (the feed runs oldest to newest).
  const [later, setLater] = useState<Event[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const notify = useNotify();
  const lastPage = later.length > 0 ? later.length % PAGE : (first.data?.items.length ?? 0);
  const more = lastPage === PAGE;
  const events = [...(first.data?.items ?? []), ...later];
  const loadMore = () => {
    setBusy(true);
    partnerApi.events({ subject, after: cursor ?? first.data?.next_cursor ?? undefined, limit: PAGE })
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
      <WhenLoaded load={first} label="Loading the audit log…">
        {() =>
          events.length === 0 ? (
            <Empty title="Nothing recorded yet" />
          ) : (
            <DataTable label="Audit log" size="small" minWidth="640px" columns={["When", "Who", "What", "Changes"]}>
              {newestFirst.map((e) => (
                <TableRow key={e.id}>
                  <TableCell>{formatDateTime(e.created_at)}</TableCell>
                  <TableCell>{describeActor(e.actor, user.id)}</TableCell>
                  <TableCell>{describeEvent(e)}</TableCell>
                  <TableCell className={s.changes}>{changedFields(e.payload).join(", ") || "—"}</TableCell>
                </TableRow>
              ))}
            </DataTable>
          )
        }
      </WhenLoaded>
      {more && (
        <div>
          <Button disabled={busy} onClick={loadMore}>
            Load newer events
          </Button>
        </div>
      )}
    </>
  );
}

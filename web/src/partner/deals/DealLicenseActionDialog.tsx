// The dialogs of a row's Renew, Suspend and Reinstate on Manage licenses: Renew asks the new end date (after
// the current one), Suspend asks the reason and says plainly what the customer's users go through, Reinstate
// confirms. The server's refusal shows by the field it names, anything else above the buttons.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  Textarea,
} from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import { Refusal } from "../../components/feedback";
import { formatDate, formatDateTime } from "../../lib/format";
import { graceText, termRange } from "../../lib/licenseTerms";
import { mapError } from "../../lib/problem";
import { useDealLicenseStyles } from "./dealLicenseStyles";
import { MAX_REASON_LENGTH, reasonError, renewalError, renewalProposal } from "./terms";
import type { DealLicenseEditor, LicenseActionChoice } from "./useDealLicenseEditor";

export function DealLicenseActionDialog({ editor, customer }: { editor: DealLicenseEditor; customer: string | undefined }) {
  // The last choice stays shown while the dialog closes.
  const [shown, setShown] = useState<LicenseActionChoice | null>(editor.action);
  if (editor.action && editor.action !== shown) setShown(editor.action);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog open={editor.action !== null} onOpenChange={(_, d) => !d.open && !busy && editor.closeAction()}>
      <DialogSurface>
        {shown && (
          <ActionForm
            key={`${shown.kind}:${shown.row.plan_id}:${shown.row.updated_at}`}
            choice={shown}
            customer={customer ?? "The customer"}
            editor={editor}
            busy={busy}
            setBusy={setBusy}
          />
        )}
      </DialogSurface>
    </Dialog>
  );
}

function ActionForm({
  choice,
  customer,
  editor,
  busy,
  setBusy,
}: {
  choice: LicenseActionChoice;
  customer: string;
  editor: DealLicenseEditor;
  busy: boolean;
  setBusy: (busy: boolean) => void;
}) {
  const s = useDealLicenseStyles();
  const { kind, row } = choice;
  const name = row.plan_name || row.plan_id;
  const [value, setValue] = useState(kind === "renew" && row.term ? renewalProposal(row.term) : "");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [refused, setRefused] = useState<string | null>(null);

  const localError =
    kind === "renew" && row.term ? renewalError(value, row.term) : kind === "suspend" ? reasonError(value) : null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (localError) {
      setFieldError(localError);
      return;
    }
    setBusy(true);
    setRefused(null);
    try {
      await editor.act(
        row,
        kind === "renew"
          ? { kind, end_date: value.trim() }
          : kind === "suspend"
            ? { kind, reason: value.trim() }
            : { kind },
      );
    } catch (error) {
      const mapped = mapError(error, [kind === "renew" ? "end_date" : "reason"]);
      setFieldError(Object.values(mapped.fieldErrors)[0]);
      setRefused(mapped.message);
    } finally {
      setBusy(false);
    }
  };
  const edit = (v: string) => {
    setValue(v);
    setFieldError(undefined);
  };
  const validation = { validationMessage: fieldError, validationState: fieldError ? ("error" as const) : ("none" as const) };

  const title = {
    renew: `Renew the licenses for ${name}`,
    suspend: `Suspend the licenses for ${name}?`,
    reinstate: `Reinstate the licenses for ${name}?`,
  }[kind];
  const confirm = { renew: "Renew", suspend: "Suspend licenses", reinstate: "Reinstate licenses" }[kind];
  const failure = { renew: "Couldn't renew", suspend: "Couldn't suspend", reinstate: "Couldn't reinstate" }[kind];

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <DialogBody>
        <DialogTitle>{title}</DialogTitle>
        <DialogContent className={s.dialog}>
          {kind === "renew" && row.term && (
            <>
              <Text block>
                The term is {termRange(row.term)} ({graceText(row.term).toLowerCase()}). Choose the new last day: the start
                and the grace days stay. Expired licenses or licenses in grace are active again at once, with the seats
                they had.
              </Text>
              <Field label="New end date" required hint={`After ${formatDate(row.term.end_date)}.`} {...validation}>
                <Input type="date" value={value} onChange={(_, d) => edit(d.value)} />
              </Field>
            </>
          )}
          {kind === "suspend" && (
            <>
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>Users keep their seats but can't use the app</MessageBarTitle>
                  {customer}'s users assigned to <span className={s.serviceId}>{row.service_id}</span> keep their seats,
                  but the app denies them until you reinstate these licenses (seats that other licenses in force cover
                  stay usable). Meanwhile these licenses don't count for new assignments. Nothing assigned is lost.
                </MessageBarBody>
              </MessageBar>
              <Field
                label="Reason"
                required
                hint={`Such as an unpaid invoice. Shown on this page and kept in the audit log (at most ${MAX_REASON_LENGTH} characters).`}
                {...validation}
              >
                <Textarea value={value} rows={3} resize="vertical" onChange={(_, d) => edit(d.value)} />
              </Field>
            </>
          )}
          {kind === "reinstate" && (
            <Text block>
              {row.suspension ? (
                <>
                  Suspended {formatDateTime(row.suspension.suspended_at)}: “{row.suspension.reason}”.{" "}
                </>
              ) : null}
              Reinstating lets {customer}'s assigned users of <span className={s.serviceId}>{row.service_id}</span> use
              the app again at once, as far as their term allows ({row.term ? termRange(row.term) : "no end date"}).
            </Text>
          )}
          {refused && <Refusal title={failure}>{refused}</Refusal>}
        </DialogContent>
        <DialogActions>
          <Button type="submit" appearance="primary" disabled={busy}>
            {busy ? "Working…" : confirm}
          </Button>
          <Button disabled={busy} onClick={editor.closeAction}>
            Cancel
          </Button>
        </DialogActions>
      </DialogBody>
    </form>
  );
}

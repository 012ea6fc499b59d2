// Manage licenses (the seed's window): Customer details, then the deal's licenses per plan: "+ Add a plan"
// (Plans for this solution, Number of licenses), change a number, "Update licenses"; the trash icon removes a
// plan's licenses after a confirmation (the row stays as history). A change that would leave fewer seats than
// the customer has assigned is refused with both numbers; the user may then force it, which unassigns the
// most recently assigned users.
import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Option,
  TableCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { AddRegular, DeleteRegular } from "@fluentui/react-icons";
import { useState } from "react";
import { partnerApi } from "../../api/partner";
import { DataTable } from "../../components/DataTable";
import { Empty, LoadError, Loading, useNotify } from "../../components/feedback";
import { useInterval, useLoad } from "../../components/hooks";
import { Actions, Section } from "../../components/layout";
import { formatDateTime, formatNumber } from "../../lib/format";
import { ApiError, errorMessage } from "../../lib/problem";
import { useDeal } from "./context";
import { CustomerDetails } from "./CustomerDetails";
import { addablePlans, changedQuantities, licenseBlock, quantityError } from "./logic";
import type { DealLicenseRow, DealLicenses } from "../../api/types";

const useStyles = makeStyles({
  quantity: { width: "120px" },
  serviceId: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground2 },
  removed: { color: tokens.colorNeutralForeground3 },
  add: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 2fr) minmax(0, 1fr)",
    gap: tokens.spacingHorizontalL,
    maxWidth: "720px",
    "@media (max-width: 600px)": { gridTemplateColumns: "minmax(0, 1fr)" },
  },
});

// A refused change the user may force: what to send again, and the server's words.
interface Forceable {
  plan_id: string;
  quantity: number | null; // null: the trash icon
  message: string;
}

const isBelowAssigned = (e: unknown) => e instanceof ApiError && e.rule === "below_assigned";

export function ManageLicensesPage() {
  const s = useStyles();
  const { deal, plans } = useDeal();
  const notify = useNotify();
  const licenses = useLoad((signal) => partnerApi.dealLicenses(deal.id, signal), `${deal.id}:${deal.state}:${deal.tenant_id}`);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [adding, setAdding] = useState<{ plan_id: string; quantity: string } | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [forceable, setForceable] = useState<Forceable | null>(null);
  const [trash, setTrash] = useState<DealLicenseRow | null>(null);
  const [busy, setBusy] = useState(false);
  // While the invitation waits, look again now and then: the customer's acceptance shows without a reload.
  useInterval(licenses.reload, 5000, licenses.data?.relationship === "invited");

  if (licenses.error && !licenses.data) return <LoadError error={licenses.error} retry={licenses.reload} />;
  if (!licenses.data) return <Loading label="Loading licenses…" />;
  const data = licenses.data;
  const blocked = licenseBlock(data);
  const rows = data.items;
  const addable = addablePlans(plans, rows, deal.plan_ids);
  const changes = changedQuantities(rows, typed);
  const addError = adding ? (adding.plan_id === "" ? "Choose a plan." : quantityError(adding.quantity)) : null;
  const typedErrors = Object.fromEntries(
    rows.filter((r) => r.active && typed[r.plan_id] !== undefined).map((r) => [r.plan_id, quantityError(typed[r.plan_id] ?? "")]),
  );
  const anyTypedError = Object.values(typedErrors).some((e) => e !== null);
  const pending = changes.length + (adding ? 1 : 0);
  const planLabel = (id: string) => {
    const p = plans.find((x) => x.id === id);
    return p ? `${p.name || p.id}` : id;
  };

  const afterChange = () => {
    licenses.reload();
  };
  // The answer of a PUT shows at once (the reload that follows brings the assigned counts a force changed).
  const withRow = (current: DealLicenses, row: DealLicenseRow): DealLicenses => ({
    ...current,
    items: current.items.some((r) => r.plan_id === row.plan_id)
      ? current.items.map((r) => (r.plan_id === row.plan_id ? row : r))
      : [...current.items, row],
  });

  // PUT each change in turn; stops at the first refusal, which is shown by its row.
  const update = async (force: Forceable | null = null) => {
    if (!force && (addError || anyTypedError)) return;
    const work: { plan_id: string; quantity: number }[] = force
      ? [{ plan_id: force.plan_id, quantity: force.quantity ?? 0 }]
      : [...changes, ...(adding ? [{ plan_id: adding.plan_id, quantity: Number(adding.quantity.trim()) }] : [])];
    setBusy(true);
    setForceable(null);
    setRowErrors({});
    let done = 0;
    let shown = data;
    for (const w of work) {
      try {
        const updated = await partnerApi.setDealLicense(deal.id, w.plan_id, w.quantity, force !== null);
        shown = withRow(shown, updated);
        licenses.setData(shown);
        done += 1;
        setTyped((t) => {
          const next = { ...t };
          delete next[w.plan_id];
          return next;
        });
        if (adding && w.plan_id === adding.plan_id) setAdding(null);
      } catch (error) {
        setRowErrors({ [w.plan_id]: errorMessage(error) });
        if (isBelowAssigned(error)) setForceable({ plan_id: w.plan_id, quantity: w.quantity, message: errorMessage(error) });
        else notify.failure(error, "Couldn't update the licenses");
        break;
      }
    }
    if (done > 0) notify.success("Licenses updated", `${done} ${done === 1 ? "plan" : "plans"} changed.`);
    setBusy(false);
    afterChange();
  };

  const remove = async (row: DealLicenseRow, force: boolean) => {
    setBusy(true);
    try {
      await partnerApi.removeDealLicense(deal.id, row.plan_id, force);
      notify.success("Licenses removed", `${row.plan_name || row.plan_id}: kept in the history.`);
      setTrash(null);
      setForceable(null);
      afterChange();
    } catch (error) {
      if (isBelowAssigned(error)) {
        setForceable({ plan_id: row.plan_id, quantity: null, message: errorMessage(error) });
      } else {
        notify.failure(error, "Couldn't remove the licenses");
        setTrash(null);
      }
    } finally {
      setBusy(false);
    }
  };

  const trashForce = forceable && forceable.quantity === null && trash?.plan_id === forceable.plan_id ? forceable : null;

  return (
    <>
      <CustomerDetails licenses={data} onChanged={afterChange} />
      <Section title="Licenses">
        {blocked && (
          <MessageBar intent="info" layout="multiline" data-testid="licenses-blocked">
            <MessageBarBody>{blocked}</MessageBarBody>
          </MessageBar>
        )}
        {forceable && forceable.quantity !== null && (
          <MessageBar intent="warning" layout="multiline" data-testid="below-assigned">
            <MessageBarBody>
              <MessageBarTitle>Fewer licenses than assigned users</MessageBarTitle>
              {forceable.message}
              <Text block>
                Updating anyway unassigns the most recently assigned users of {planLabel(forceable.plan_id)} until the
                licenses cover them: they lose access at once. The customer's admin can choose whom to unassign instead.
              </Text>
            </MessageBarBody>
            <MessageBarActions>
              <Button disabled={busy} onClick={() => void update(forceable)}>
                Unassign users and update
              </Button>
              <Button appearance="subtle" onClick={() => setForceable(null)}>
                Keep as is
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {rows.length === 0 && !adding ? (
          <Empty title="No licenses on this deal yet">
            <Text>{blocked ? "" : "Select Add a plan, then enter the number of licenses and Update licenses."}</Text>
          </Empty>
        ) : (
          rows.length > 0 && (
            <DataTable
              label="Licenses"
              minWidth="760px"
              columns={["Plans for this solution", "Number of licenses", "Assigned", "Last changed", "Actions"]}
            >
              {rows.map((r) => {
                const error = rowErrors[r.plan_id] ?? typedErrors[r.plan_id] ?? undefined;
                return (
                  <TableRow key={r.plan_id} data-testid={`license-${r.plan_id}`}>
                    <TableCell className={r.active ? undefined : s.removed}>
                      {r.plan_name || r.plan_id}
                      <br />
                      <span className={s.serviceId}>{r.service_id}</span>
                    </TableCell>
                    <TableCell>
                      {r.active ? (
                        <Field validationMessage={error} validationState={error ? "error" : "none"}>
                          <Input
                            className={s.quantity}
                            inputMode="numeric"
                            aria-label={`Number of licenses for ${r.plan_name || r.plan_id}`}
                            disabled={blocked !== null || busy}
                            value={typed[r.plan_id] ?? String(r.quantity)}
                            onChange={(_, d) => {
                              setTyped((t) => ({ ...t, [r.plan_id]: d.value }));
                              setRowErrors({});
                            }}
                          />
                        </Field>
                      ) : (
                        <Badge appearance="outline" color="subtle">
                          Removed ({formatNumber(r.quantity)})
                        </Badge>
                      )}
                    </TableCell>
                    <TableCell>{formatNumber(r.assigned)}</TableCell>
                    <TableCell>{formatDateTime(r.updated_at)}</TableCell>
                    <TableCell>
                      {r.active && (
                        <Button
                          appearance="subtle"
                          icon={<DeleteRegular />}
                          aria-label={`Remove the licenses for ${r.plan_name || r.plan_id}`}
                          title="Remove these licenses"
                          disabled={blocked !== null || busy}
                          onClick={() => {
                            setForceable(null);
                            setTrash(r);
                          }}
                        />
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </DataTable>
          )
        )}
        {adding && (
          <div className={s.add} role="group" aria-label="Add a plan">
            <Field
              label="Plans for this solution"
              required
              validationMessage={adding.plan_id === "" ? undefined : rowErrors[adding.plan_id]}
            >
              <Dropdown
                placeholder="Choose a plan"
                value={adding.plan_id ? `${planLabel(adding.plan_id)} (${plans.find((p) => p.id === adding.plan_id)?.service_id ?? ""})` : ""}
                selectedOptions={adding.plan_id ? [adding.plan_id] : []}
                onOptionSelect={(_, d) => setAdding({ ...adding, plan_id: d.optionValue ?? "" })}
              >
                {addable.map((p) => (
                  <Option key={p.id} value={p.id} text={`${p.name || p.id} (${p.service_id})`}>
                    {p.name || p.id} ({p.service_id})
                  </Option>
                ))}
              </Dropdown>
            </Field>
            <Field
              label="Number of licenses"
              required
              validationMessage={adding.quantity !== "" ? (quantityError(adding.quantity) ?? undefined) : undefined}
              validationState={adding.quantity !== "" && quantityError(adding.quantity) ? "error" : "none"}
            >
              <Input
                inputMode="numeric"
                value={adding.quantity}
                onChange={(_, d) => setAdding({ ...adding, quantity: d.value })}
              />
            </Field>
          </div>
        )}
        <Actions>
          <Button
            icon={<AddRegular />}
            disabled={blocked !== null || busy || adding !== null || addable.length === 0}
            onClick={() => setAdding({ plan_id: "", quantity: "" })}
          >
            Add a plan
          </Button>
          <Button
            appearance="primary"
            disabled={blocked !== null || busy || pending === 0 || addError !== null || anyTypedError}
            onClick={() => void update()}
          >
            {busy ? "Updating…" : "Update licenses"}
          </Button>
          {!blocked && !adding && addable.length === 0 && (
            <Text size={200}>Every plan of the offer has licenses on this deal: change a number to update it.</Text>
          )}
          {(adding || changes.length > 0) && (
            <Button
              appearance="subtle"
              disabled={busy}
              onClick={() => {
                setAdding(null);
                setTyped({});
                setRowErrors({});
                setForceable(null);
              }}
            >
              Discard changes
            </Button>
          )}
        </Actions>
      </Section>

      <Dialog open={trash !== null} onOpenChange={(_, d) => !d.open && !busy && setTrash(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Remove the licenses for {trash?.plan_name || trash?.plan_id}?</DialogTitle>
            <DialogContent>
              <Text block>
                {data.customer?.name ?? "The customer"} loses {formatNumber(trash?.quantity ?? 0)} licenses of{" "}
                <span className={s.serviceId}>{trash?.service_id}</span> from this deal. The row stays in the deal's
                history, and adding the plan again restores it.
              </Text>
              {trashForce && (
                <MessageBar intent="warning" layout="multiline">
                  <MessageBarBody>
                    <MessageBarTitle>Fewer licenses than assigned users</MessageBarTitle>
                    {trashForce.message}
                    <Text block>
                      Removing anyway unassigns the most recently assigned users until the remaining licenses cover
                      them: they lose access at once.
                    </Text>
                  </MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              {trashForce ? (
                <Button appearance="primary" disabled={busy} onClick={() => trash && void remove(trash, true)}>
                  Remove and unassign users
                </Button>
              ) : (
                <Button appearance="primary" disabled={busy} onClick={() => trash && void remove(trash, false)}>
                  Remove licenses
                </Button>
              )}
              <Button disabled={busy} onClick={() => setTrash(null)}>
                Cancel
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}

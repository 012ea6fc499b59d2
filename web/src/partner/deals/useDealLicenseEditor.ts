// The editing state of Manage licenses (ManageLicensesPage): the numbers typed into the rows, the plan being
// added, the refusal shown by its row, the change the user may force, the row whose trash icon was pressed, and
// the PUT and DELETE calls that carry the changes out.
import { useState } from "react";
import { partnerApi } from "../../api/partner";
import type { DealLicenseRow, DealLicenses } from "../../api/types";
import { useNotify } from "../../components/feedback";
import type { Loaded } from "../../components/hooks";
import { ApiError, errorMessage } from "../../lib/problem";
import { changedQuantities, quantityError } from "./logic";

// A refused change the user may force: what to send again, and the server's words.
export interface Forceable {
  plan_id: string;
  quantity: number | null; // null: the trash icon
  message: string;
}

// The plan being added: its ID ("" until one is chosen) and the number typed.
export interface AddingPlan {
  plan_id: string;
  quantity: string;
}

const isBelowAssigned = (e: unknown) => e instanceof ApiError && e.rule === "below_assigned";

// The answer of a PUT shows at once (the reload that follows brings the assigned counts a force changed).
function withRow(current: DealLicenses, row: DealLicenseRow): DealLicenses {
  return {
    ...current,
    items: current.items.some((r) => r.plan_id === row.plan_id)
      ? current.items.map((r) => (r.plan_id === row.plan_id ? row : r))
      : [...current.items, row],
  };
}

export function useDealLicenseEditor(dealId: string, licenses: Loaded<DealLicenses>) {
  const notify = useNotify();
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [adding, setAdding] = useState<AddingPlan | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [forceable, setForceable] = useState<Forceable | null>(null);
  const [trash, setTrash] = useState<DealLicenseRow | null>(null);
  const [busy, setBusy] = useState(false);

  const rows = licenses.data?.items ?? [];
  const changes = changedQuantities(rows, typed);
  const addError = adding ? (adding.plan_id === "" ? "Choose a plan." : quantityError(adding.quantity)) : null;
  const typedErrors: Record<string, string | null> = Object.fromEntries(
    rows.filter((r) => r.active && typed[r.plan_id] !== undefined).map((r) => [r.plan_id, quantityError(typed[r.plan_id] ?? "")]),
  );
  const anyTypedError = Object.values(typedErrors).some((e) => e !== null);
  const pending = changes.length + (adding ? 1 : 0);
  // The trash dialog's own refusal: a removal the user may force.
  const trashForce = forceable && forceable.quantity === null && trash?.plan_id === forceable.plan_id ? forceable : null;

  const afterChange = () => {
    licenses.reload();
  };

  // PUT each change in turn; stops at the first refusal, which is shown by its row.
  const update = async (force: Forceable | null = null) => {
    const data = licenses.data;
    if (!data) return;
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
        const updated = await partnerApi.setDealLicense(dealId, w.plan_id, w.quantity, force !== null);
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
      await partnerApi.removeDealLicense(dealId, row.plan_id, force);
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

  return {
    typed,
    adding,
    rowErrors,
    forceable,
    trash,
    trashForce,
    busy,
    changes,
    addError,
    typedErrors,
    anyTypedError,
    pending,
    afterChange,
    update,
    remove,
    // A number typed into a row (the last refusal goes).
    type: (planId: string, value: string) => {
      setTyped((t) => ({ ...t, [planId]: value }));
      setRowErrors({});
    },
    setAdding,
    // The trash icon: its dialog (a refusal of another change goes).
    openTrash: (row: DealLicenseRow) => {
      setForceable(null);
      setTrash(row);
    },
    closeTrash: () => setTrash(null),
    keepAsIs: () => setForceable(null),
    discard: () => {
      setAdding(null);
      setTyped({});
      setRowErrors({});
      setForceable(null);
    },
  };
}

export type DealLicenseEditor = ReturnType<typeof useDealLicenseEditor>;

// The editing state of Manage licenses (ManageLicensesPage): the numbers typed into the rows, their Site license
// boxes, the term fields opened for rows, the trials being converted to paid licenses, the plan being added, the refusal shown by its row (or by its term field), the change the user
// may force, the row whose trash icon or Renew, Suspend or Reinstate was chosen, and the calls that carry the
// changes out (PUT and DELETE …/licenses/{plan_id}, POST …/renew, …/suspend, …/reinstate).
import { useState } from "react";
import { partnerApi } from "../../api/partner";
import type { DealLicenseRow, DealLicenses } from "../../api/types";
import { useNotify } from "../../components/feedback";
import type { Loaded } from "../../components/hooks";
import { utcToday } from "../../lib/days";
import { ApiError, errorMessage } from "../../lib/problem";
import {
  changedLicenses,
  conversionChanges,
  conversionError,
  countChange,
  countError,
  rowQuantityError,
  type ConversionDraft,
  type CountDraft,
  type LicenseChange,
} from "./logic";
import { hasTermErrors, termDraft, termFieldOf, termOf, type TermDraft, type TermErrors } from "./terms";

// A refused change the user may force: what to send again, and the server's words.
export interface Forceable {
  plan_id: string;
  change: LicenseChange | null; // sent again as it was, with force; null: the trash icon
  message: string;
}

// The plan being added: its ID ("" until one is chosen), the number typed or a site license, and its term fields.
export interface AddingPlan extends CountDraft {
  plan_id: string;
  term: TermDraft;
}

// A row's Renew, Suspend or Reinstate, whose dialog is open.
export interface LicenseActionChoice {
  kind: "renew" | "suspend" | "reinstate";
  row: DealLicenseRow;
}

// What each action sends: the new end date, the reason, nothing.
export type LicenseActionInput = { kind: "renew"; end_date: string } | { kind: "suspend"; reason: string } | { kind: "reinstate" };

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const next = { ...record };
  delete next[key];
  return next;
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
  const [terms, setTerms] = useState<Record<string, TermDraft>>({});
  const [sites, setSites] = useState<Record<string, boolean>>({});
  const [conversions, setConversions] = useState<Record<string, ConversionDraft>>({});
  const [termRefusals, setTermRefusals] = useState<Record<string, TermErrors>>({});
  const [action, setAction] = useState<LicenseActionChoice | null>(null);
  const [adding, setAdding] = useState<AddingPlan | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [forceable, setForceable] = useState<Forceable | null>(null);
  const [trash, setTrash] = useState<DealLicenseRow | null>(null);
  const [busy, setBusy] = useState(false);

  const rows = licenses.data?.items ?? [];
  const changes = [...changedLicenses(rows, typed, terms, sites), ...conversionChanges(rows, conversions)];
  const addError = adding
    ? adding.plan_id === ""
      ? "Choose a plan."
      : (countError(adding) ?? (hasTermErrors(adding.term) ? "Check the term." : null))
    : null;
  const typedErrors: Record<string, string | null> = Object.fromEntries(
    rows.filter((r) => r.active && !r.trial).map((r) => [r.plan_id, rowQuantityError(r, typed, sites)]),
  );
  const conversionErrors: Record<string, string | null> = Object.fromEntries(
    rows.flatMap((r) => {
      const draft = conversions[r.plan_id];
      return r.active && r.trial && draft ? [[r.plan_id, conversionError(draft)]] : [];
    }),
  );
  const anyTypedError =
    Object.values(typedErrors).some((e) => e !== null) ||
    Object.values(conversionErrors).some((e) => e !== null) ||
    rows.some((r) => {
      const draft = terms[r.plan_id];
      return r.active && draft !== undefined && hasTermErrors(draft);
    });
  const pending = changes.length + (adding ? 1 : 0);
  // Only trials to convert: the page's button says so.
  const onlyConversions = !adding && changes.length > 0 && changes.every((c) => c.convert);
  const edited = adding !== null || [typed, terms, sites, conversions].some((r) => Object.keys(r).length > 0);
  // The trash dialog's own refusal: a removal the user may force.
  const trashForce = forceable && forceable.change === null && trash?.plan_id === forceable.plan_id ? forceable : null;

  const afterChange = () => {
    licenses.reload();
  };

  // PUT each change in turn; stops at the first refusal, which is shown by its row.
  const update = async (force: Forceable | null = null) => {
    const data = licenses.data;
    if (!data) return;
    if (!force && (addError || anyTypedError)) return;
    // A plan added sends its term whatever it is: "No end date" is null, which also clears the term of a
    // trashed row coming back.
    const work: LicenseChange[] = force
      ? force.change
        ? [force.change]
        : []
      : [
          ...changes,
          ...(adding
            ? [{ plan_id: adding.plan_id, ...countChange(adding, false), term: termOf(adding.term) }]
            : []),
        ];
    setBusy(true);
    setForceable(null);
    setRowErrors({});
    setTermRefusals({});
    let done = 0;
    let converted = 0;
    let shown = data;
    for (const w of work) {
      try {
        const updated = await partnerApi.setDealLicense(dealId, w.plan_id, {
          ...(w.quantity !== undefined && { quantity: w.quantity }),
          ...(w.site !== undefined && { site: w.site }),
          ...(w.term !== undefined && { term: w.term }),
          ...(force && { force: true }),
        });
        shown = withRow(shown, updated);
        licenses.setData(shown);
        done += 1;
        if (w.convert) converted += 1;
        setTyped((t) => without(t, w.plan_id));
        setTerms((t) => without(t, w.plan_id));
        setSites((t) => without(t, w.plan_id));
        setConversions((t) => without(t, w.plan_id));
        if (adding && w.plan_id === adding.plan_id) setAdding(null);
      } catch (error) {
        const termField = termFieldOf(error);
        if (termField) setTermRefusals({ [w.plan_id]: { [termField]: errorMessage(error) } });
        else setRowErrors({ [w.plan_id]: errorMessage(error) });
        if (isBelowAssigned(error)) {
          setForceable({ plan_id: w.plan_id, change: w, message: errorMessage(error) });
        } else notify.failure(error, "Couldn't update the licenses");
        break;
      }
    }
    if (done > 0 && converted === done) {
      notify.success("Trial converted to paid licenses", `${done} ${done === 1 ? "plan" : "plans"} converted.`);
    } else if (done > 0) notify.success("Licenses updated", `${done} ${done === 1 ? "plan" : "plans"} changed.`);
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
        setForceable({ plan_id: row.plan_id, change: null, message: errorMessage(error) });
      } else {
        notify.failure(error, "Couldn't remove the licenses");
        setTrash(null);
      }
    } finally {
      setBusy(false);
    }
  };

  // Renew, Suspend or Reinstate: the answer shows at once; a refusal is thrown for the dialog to show.
  const act = async (row: DealLicenseRow, input: LicenseActionInput) => {
    const name = row.plan_name || row.plan_id;
    let updated: DealLicenseRow;
    let done: string;
    if (input.kind === "renew") {
      updated = await partnerApi.renewDealLicense(dealId, row.plan_id, input.end_date);
      done = "Licenses renewed";
    } else if (input.kind === "suspend") {
      updated = await partnerApi.suspendDealLicense(dealId, row.plan_id, input.reason);
      done = "Licenses suspended";
    } else {
      updated = await partnerApi.reinstateDealLicense(dealId, row.plan_id);
      done = "Licenses reinstated";
    }
    if (licenses.data) licenses.setData(withRow(licenses.data, updated));
    notify.success(done, name);
    setAction(null);
    afterChange();
  };

  return {
    typed,
    terms,
    termRefusals,
    action,
    act,
    adding,
    rowErrors,
    forceable,
    trash,
    trashForce,
    busy,
    sites,
    conversions,
    changes,
    addError,
    typedErrors,
    conversionErrors,
    anyTypedError,
    pending,
    onlyConversions,
    edited,
    afterChange,
    update,
    remove,
    // A number typed into a row (the last refusal goes).
    type: (planId: string, value: string) => {
      setTyped((t) => ({ ...t, [planId]: value }));
      setRowErrors({});
    },
    // The plan being added changed (its term's refusal goes), or null to stop adding.
    setAdding: (next: AddingPlan | null) => {
      setAdding(next);
      setTermRefusals((e) => (adding ? without(e, adding.plan_id) : e));
    },
    // A row's Site license box (the last refusal goes); back as the row is, it is no change.
    setSite: (row: DealLicenseRow, on: boolean) => {
      setSites((t) => (on === row.site ? without(t, row.plan_id) : { ...t, [row.plan_id]: on }));
      setRowErrors({});
    },
    // "Convert to paid" on a trial row: as many licenses as the trial has, "No end date".
    openConversion: (row: DealLicenseRow) => {
      setForceable(null);
      setConversions((t) => ({
        ...t,
        [row.plan_id]: { site: false, quantity: String(row.quantity), term: termDraft(null, utcToday()) },
      }));
    },
    setConversion: (planId: string, draft: ConversionDraft) => {
      setConversions((t) => ({ ...t, [planId]: draft }));
      setTermRefusals((e) => without(e, planId));
      setRowErrors({});
    },
    keepTrial: (planId: string) => {
      setConversions((t) => without(t, planId));
      setTermRefusals((e) => without(e, planId));
    },
    // "+ Add a plan": no plan chosen yet, no number, not a site license, "No end date".
    startAdding: () => setAdding({ plan_id: "", quantity: "", site: false, term: termDraft(null, utcToday()) }),
    // "Change term": the row's term fields, filled with its term as it is.
    editTerm: (row: DealLicenseRow) => {
      setTerms((t) => ({ ...t, [row.plan_id]: termDraft(row.term, utcToday()) }));
    },
    setTerm: (planId: string, draft: TermDraft) => {
      setTerms((t) => ({ ...t, [planId]: draft }));
      setTermRefusals((e) => without(e, planId));
    },
    keepTerm: (planId: string) => {
      setTerms((t) => without(t, planId));
      setTermRefusals((e) => without(e, planId));
    },
    openAction: (kind: LicenseActionChoice["kind"], row: DealLicenseRow) => {
      setForceable(null);
      setAction({ kind, row });
    },
    closeAction: () => setAction(null),
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
      setTerms({});
      setSites({});
      setConversions({});
      setRowErrors({});
      setTermRefusals({});
      setForceable(null);
    },
  };
}

export type DealLicenseEditor = ReturnType<typeof useDealLicenseEditor>;

// The state of a deal form: what is typed, which inputs were left (their local checks show from then on),
// and the server's message per field (cleared when that input changes).
import { useState } from "react";
import type { FieldState } from "./DealFields";
import { validateDealForm, type DealField, type DealFormValues } from "./logic";

export function useDealForm(initial: DealFormValues, mode: "new" | "edit") {
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<Partial<Record<DealField, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<Partial<Record<DealField, string>>>({});
  const local = validateDealForm(values, mode);
  const errors: Partial<Record<DealField, string>> = {};
  for (const f of Object.keys(values) as DealField[]) {
    const m = serverErrors[f] ?? (touched[f] ? local[f] : undefined);
    if (m) errors[f] = m;
  }
  const state: FieldState = {
    values,
    errors,
    set: (field, value) => {
      setValues((v) => ({ ...v, [field]: value }));
      setServerErrors((e) => ({ ...e, [field]: undefined }));
    },
    touch: (field) => setTouched((t) => ({ ...t, [field]: true })),
  };
  // Shows every local mistake and focuses the first; true when there is none.
  const check = (): boolean => {
    const all = Object.fromEntries(Object.keys(values).map((k) => [k, true]));
    setTouched(all);
    const first = (Object.keys(values) as DealField[]).find((f) => local[f]);
    if (first) document.getElementById(first)?.focus();
    return !first;
  };
  const showServerError = (field: DealField, message: string) => {
    setServerErrors((e) => ({ ...e, [field]: message }));
    document.getElementById(field)?.focus();
  };
  return { state, values, setValues, check, showServerError };
}

// The inputs a deal is registered and edited with. Each input's id is its field's name, and each shows the
// local check's message once touched, or the server's message for that field.
import { Checkbox, Field, Input, Label, Text, makeStyles, tokens, type InputProps } from "@fluentui/react-components";
import { ErrorCircle12Filled } from "@fluentui/react-icons";
import type { Plan } from "../../api/types";
import type { DealField, DealFormValues } from "./logic";

const useStyles = makeStyles({
  row: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(200px, 1fr))",
    gap: tokens.spacingHorizontalL,
    alignItems: "start",
  },
  plans: { display: "grid", gap: tokens.spacingVerticalXXS },
  error: {
    color: tokens.colorPaletteRedForeground1,
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
  },
  serviceId: { color: tokens.colorNeutralForeground3, fontFamily: tokens.fontFamilyMonospace },
});

export interface FieldState {
  values: DealFormValues;
  errors: Partial<Record<DealField, string>>;
  set: <K extends DealField>(field: K, value: DealFormValues[K]) => void;
  touch: (field: DealField) => void;
}

function message(state: FieldState, field: DealField) {
  const m = state.errors[field];
  return { validationMessage: m, validationState: m ? ("error" as const) : ("none" as const) };
}

// A required text input of the deal form, with its check's message once the user has left it.
export function DealTextField({
  state,
  field,
  label,
  hint,
  normalize = (v) => v,
  ...input
}: {
  state: FieldState;
  field: Exclude<DealField, "plan_ids">;
  label: string;
  hint?: string;
  normalize?: (typed: string) => string;
} & Pick<InputProps, "type" | "inputMode" | "maxLength" | "autoComplete" | "spellCheck">) {
  return (
    <Field label={label} required hint={hint} {...message(state, field)}>
      <Input
        id={field}
        {...input}
        value={state.values[field]}
        onChange={(_, d) => state.set(field, normalize(d.value))}
        onBlur={() => state.touch(field)}
      />
    </Field>
  );
}

export function ContactEmailField({ state }: { state: FieldState }) {
  return (
    <DealTextField
      state={state}
      field="contact_email"
      label="Contact e-mail"
      hint="The customer's billing or global admin; the consent invitation goes here by default."
      type="email"
      autoComplete="off"
    />
  );
}

// Plans, expected seats, value, currency and close date: what both registering and editing change.
export function DealTermsFields({ state, plans, plansLoading }: { state: FieldState; plans: Plan[]; plansLoading: boolean }) {
  const s = useStyles();
  const { values } = state;
  const togglePlan = (id: string, on: boolean) =>
    state.set("plan_ids", on ? [...values.plan_ids.filter((p) => p !== id), id] : values.plan_ids.filter((p) => p !== id));
  return (
    <>
      {/* A group of checkboxes, not a Field: a Field lends its one id to every checkbox inside it. */}
      <div className={s.plans} id="plan_ids" role="group" aria-labelledby="plan_ids-label" tabIndex={-1}>
        <Label id="plan_ids-label" required>
          Plans
        </Label>
        {plans.length === 0 ? (
          <Text>{plansLoading ? "Loading the offer's plans…" : values.offer_id ? "This offer has no plans yet." : "Choose an offer first."}</Text>
        ) : (
          plans.map((p) => (
            <Checkbox
              key={p.id}
              checked={values.plan_ids.includes(p.id)}
              onChange={(_, d) => {
                togglePlan(p.id, d.checked === true);
                state.touch("plan_ids");
              }}
              label={
                <>
                  {p.name || p.id} <span className={s.serviceId}>{p.service_id}</span>
                </>
              }
            />
          ))
        )}
        {state.errors.plan_ids && (
          <Text className={s.error} size={200} role="alert">
            <ErrorCircle12Filled /> {state.errors.plan_ids}
          </Text>
        )}
      </div>
      <div className={s.row}>
        <DealTextField state={state} field="seats" label="Expected seats" inputMode="numeric" />
        <DealTextField state={state} field="value" label="Deal value" inputMode="decimal" />
        <DealTextField
          state={state}
          field="currency"
          label="Currency"
          hint="ISO 4217, such as USD or EUR"
          maxLength={3}
          normalize={(v) => v.toUpperCase()}
        />
        <DealTextField state={state} field="close_date" label="Expected close date" type="date" />
      </div>
    </>
  );
}

// The inputs a deal is registered and edited with. Each input's id is its field's name, and each shows the
// local check's message once touched, or the server's message for that field.
import { Checkbox, Field, Input, Label, Text, makeStyles, tokens } from "@fluentui/react-components";
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

export function ContactEmailField({ state }: { state: FieldState }) {
  return (
    <Field
      label="Contact e-mail"
      required
      hint="The customer's billing or global admin; the consent invitation goes here by default."
      {...message(state, "contact_email")}
    >
      <Input
        id="contact_email"
        type="email"
        autoComplete="off"
        value={state.values.contact_email}
        onChange={(_, d) => state.set("contact_email", d.value)}
        onBlur={() => state.touch("contact_email")}
      />
    </Field>
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
        <Field label="Expected seats" required {...message(state, "seats")}>
          <Input
            id="seats"
            inputMode="numeric"
            value={values.seats}
            onChange={(_, d) => state.set("seats", d.value)}
            onBlur={() => state.touch("seats")}
          />
        </Field>
        <Field label="Deal value" required {...message(state, "value")}>
          <Input
            id="value"
            inputMode="decimal"
            value={values.value}
            onChange={(_, d) => state.set("value", d.value)}
            onBlur={() => state.touch("value")}
          />
        </Field>
        <Field label="Currency" required hint="ISO 4217, such as USD or EUR" {...message(state, "currency")}>
          <Input
            id="currency"
            maxLength={3}
            value={values.currency}
            onChange={(_, d) => state.set("currency", d.value.toUpperCase())}
            onBlur={() => state.touch("currency")}
          />
        </Field>
        <Field label="Expected close date" required {...message(state, "close_date")}>
          <Input
            id="close_date"
            type="date"
            value={values.close_date}
            onChange={(_, d) => state.set("close_date", d.value)}
            onBlur={() => state.touch("close_date")}
          />
        </Field>
      </div>
    </>
  );
}

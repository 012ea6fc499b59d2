// A plan's Free trial (issue 14): "No free trial", or a trial length in days and a number of trial users; saved
// on its own (PATCH …/plans/{plan_id} {trial_days, trial_seats}), so it can change while the offer is live. A
// customer's global or billing admin then starts it once from the Marketplace's Free trial button. Only offers
// with app license management can offer one: a trial is a pool of licenses.
import { Body1, Button, Field, Input, Radio, RadioGroup, makeStyles, tokens } from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import { partnerApi } from "../../api/partner";
import type { Offer, Plan } from "../../api/types";
import { Refusal, useNotify } from "../../components/feedback";
import { Actions, Section } from "../../components/layout";
import { formatNumber, isFrozen } from "../../lib/format";
import { mapError } from "../../lib/problem";
import { MAX_TRIAL_DAYS, MAX_TRIAL_SEATS, trialSummary } from "../../lib/trials";
import { trialDraft, trialErrors, trialPatch, type TrialErrors } from "./trialForm";

const useStyles = makeStyles({
  form: { display: "grid", gap: tokens.spacingVerticalM, maxWidth: "720px" },
  numbers: {
    display: "grid",
    gridTemplateColumns: "repeat(2, minmax(0, 1fr))",
    gap: tokens.spacingHorizontalL,
    "@media (max-width: 600px)": { gridTemplateColumns: "minmax(0, 1fr)" },
  },
  muted: { color: tokens.colorNeutralForeground2 },
});

const FIELDS = ["trial_days", "trial_seats"] as const;

export function PlanTrialSection({ offer, plan, onSaved }: { offer: Offer; plan: Plan; onSaved: (plan: Plan) => void }) {
  const s = useStyles();
  const notify = useNotify();
  const [draft, setDraft] = useState(() => trialDraft(plan));
  const [refusals, setRefusals] = useState<TrialErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const frozen = isFrozen(offer.state);
  const errors = { ...trialErrors(draft), ...refusals };
  const patch = trialPatch(plan, draft);
  const field = (name: keyof TrialErrors) => ({
    validationMessage: errors[name],
    validationState: errors[name] ? ("error" as const) : ("none" as const),
  });

  if (!offer.licensing.license_management) {
    return (
      <Section title="Free trial">
        <Body1 className={s.muted}>
          A free trial is a pool of licenses for a set time, so only offers with app license management (Offer setup)
          can offer one.
        </Body1>
      </Section>
    );
  }

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!patch) return;
    setBusy(true);
    setRefusals({});
    setMessage(null);
    try {
      const updated = await partnerApi.updatePlan(offer.id, plan.id, patch);
      onSaved(updated);
      notify.success("Free trial saved", trialSummary(updated) ?? `${updated.name} offers no free trial.`);
    } catch (error) {
      const mapped = mapError(error, FIELDS);
      setRefusals(mapped.fieldErrors);
      setMessage(mapped.message);
    } finally {
      setBusy(false);
    }
  };

  const change = (next: typeof draft) => {
    setDraft(next);
    setRefusals({});
  };
  return (
    <Section title="Free trial" id="trial">
      <Body1 className={s.muted}>
        A customer's global or billing admin can start the trial once from your marketplace page (Free trial): their
        organization gets as many licenses as trial users, for the trial's length, and you get a lead and a deal
        marked Trial. Licenses you grant later for this plan end the trial, and every user assigned during it keeps
        their seat.
      </Body1>
      <form className={s.form} noValidate onSubmit={(e) => void save(e)}>
        {message && <Refusal title="Couldn't save the free trial">{message}</Refusal>}
        <Field label="Free trial">
          <RadioGroup
            layout="horizontal"
            value={draft.offered ? "offered" : "none"}
            disabled={frozen}
            onChange={(_, d) => change({ ...draft, offered: d.value === "offered" })}
          >
            <Radio value="none" label="No free trial" />
            <Radio value="offered" label="Offer a free trial" />
          </RadioGroup>
        </Field>
        {draft.offered && (
          <div className={s.numbers}>
            <Field label="Trial length (days)" required hint={`1 to ${MAX_TRIAL_DAYS} days, today included.`} {...field("trial_days")}>
              <Input
                id="trial_days"
                inputMode="numeric"
                value={draft.days}
                disabled={frozen}
                onChange={(_, d) => change({ ...draft, days: d.value })}
              />
            </Field>
            <Field
              label="Trial users (seats)"
              required
              hint={`How many users the customer can assign during the trial (1 to ${formatNumber(MAX_TRIAL_SEATS)}).`}
              {...field("trial_seats")}
            >
              <Input
                id="trial_seats"
                inputMode="numeric"
                value={draft.seats}
                disabled={frozen}
                onChange={(_, d) => change({ ...draft, seats: d.value })}
              />
            </Field>
          </div>
        )}
        <Actions>
          <Button type="submit" appearance="primary" disabled={!patch || busy || frozen}>
            {busy ? "Saving…" : "Save free trial"}
          </Button>
        </Actions>
      </form>
    </Section>
  );
}

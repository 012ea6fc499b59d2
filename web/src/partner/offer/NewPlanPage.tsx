import { Button, Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { partnerApi } from "../../api/partner";
import { useNotify } from "../../components/feedback";
import { Actions, PageHeader, Section } from "../../components/layout";
import { planIdError, serviceId } from "../../lib/ids";
import { mapError } from "../../lib/problem";
import { useOffer } from "./context";

const useStyles = makeStyles({ form: { display: "grid", gap: tokens.spacingVerticalL, maxWidth: "640px" } });

export function NewPlanPage() {
  const s = useStyles();
  const { offer, reloadPlans, reloadOffer } = useOffer();
  const navigate = useNavigate();
  const notify = useNotify();
  const [id, setId] = useState("");
  const [name, setName] = useState("");
  const [touched, setTouched] = useState({ id: false, name: false });
  const [serverErrors, setServerErrors] = useState<{ id?: string; name?: string }>({});
  const [busy, setBusy] = useState(false);
  const local = { id: planIdError(id) ?? undefined, name: name.trim() ? undefined : "Plan name is required" };
  const shown = (f: "id" | "name") => serverErrors[f] ?? (touched[f] ? local[f] : undefined);
  const base = `/partner/offers/${encodeURIComponent(offer.id)}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched({ id: true, name: true });
    if (local.id || local.name) return;
    setBusy(true);
    try {
      const plan = await partnerApi.createPlan(offer.id, { id, name });
      notify.success("Plan created", `Service ID ${plan.service_id}`);
      reloadPlans();
      reloadOffer();
      navigate(`${base}/plans/${encodeURIComponent(plan.id)}`);
    } catch (error) {
      const mapped = mapError(error, ["id", "name"] as const);
      setServerErrors(mapped.fieldErrors);
      if (mapped.message) notify.failure(mapped.message, "Couldn't create the plan");
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader level="h2" title="Create new plan" />
      <Section>
        <form className={s.form} onSubmit={(e) => void submit(e)} noValidate>
          <Field
            label="Plan ID"
            required
            hint={`Lowercase letters, digits, - and _; unique in this offer; can't be changed after Create. Service ID: ${serviceId(offer.publisher_id, offer.id, id || "<plan ID>")}`}
            validationMessage={shown("id")}
          >
            <Input
              id="id"
              value={id}
              autoComplete="off"
              spellCheck={false}
              onChange={(_, d) => {
                setId(d.value);
                setTouched((t) => ({ ...t, id: true }));
                setServerErrors((x) => ({ ...x, id: undefined }));
              }}
            />
          </Field>
          <Field label="Plan name" required hint="Shown to customers in the plans section." validationMessage={shown("name")}>
            <Input
              id="name"
              value={name}
              onChange={(_, d) => {
                setName(d.value);
                setServerErrors((x) => ({ ...x, name: undefined }));
              }}
              onBlur={() => setTouched((t) => ({ ...t, name: true }))}
            />
          </Field>
          <Actions>
            <Button type="submit" appearance="primary" disabled={busy}>
              {busy ? "Creating…" : "Create"}
            </Button>
            <Button onClick={() => navigate(`${base}/plans`)}>Cancel</Button>
          </Actions>
        </form>
      </Section>
    </>
  );
}

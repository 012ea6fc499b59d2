// Plan listing: Plan name and Plan description, Save draft to finish later, Review and publish when done; and
// the plan's Free trial, saved on its own (PlanTrialSection).
import { Body1, Button, Field, Input, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { CopyRegular } from "@fluentui/react-icons";
import { useState, type FormEvent } from "react";
import { useNavigate, useParams } from "react-router";
import { partnerApi } from "../../api/partner";
import type { Plan } from "../../api/types";
import { LoadError, Loading, useNotify } from "../../components/feedback";
import { useFocusFromHash, useLoad } from "../../components/hooks";
import { Actions, PageHeader, Section } from "../../components/layout";
import { RouterLink } from "../../components/RouterLink";
import { copyText } from "../../lib/clipboard";
import { isFrozen, planStateLabel } from "../../lib/format";
import { mapError } from "../../lib/problem";
import { useOffer } from "./context";
import { FrozenNotice } from "./FrozenNotice";
import { PlanTrialSection } from "./PlanTrialSection";

const useStyles = makeStyles({ form: { display: "grid", gap: tokens.spacingVerticalL, maxWidth: "720px" } });

const FIELDS = ["name", "description", "more_info_url"] as const;

function PlanForm({ plan }: { plan: Plan }) {
  const s = useStyles();
  const { offer, reloadPlans, setOffer } = useOffer();
  const navigate = useNavigate();
  const notify = useNotify();
  const [current, setCurrent] = useState(plan);
  const [name, setName] = useState(plan.name);
  const [description, setDescription] = useState(plan.description);
  const [moreInfo, setMoreInfo] = useState(plan.more_info_url);
  const [errors, setErrors] = useState<Partial<Record<(typeof FIELDS)[number], string>>>({});
  const [busy, setBusy] = useState(false);
  useFocusFromHash(true);
  const readOnly = isFrozen(offer.state) || offer.state === "live";
  const dirty = name !== current.name || description !== current.description || moreInfo !== current.more_info_url;
  const base = `/partner/offers/${encodeURIComponent(offer.id)}`;

  const save = async (): Promise<boolean> => {
    if (!dirty) return true;
    setBusy(true);
    setErrors({});
    try {
      const patch: { name?: string; description?: string; more_info_url?: string } = {};
      if (name !== current.name) patch.name = name;
      if (description !== current.description) patch.description = description;
      if (moreInfo !== current.more_info_url) patch.more_info_url = moreInfo;
      const updated = await partnerApi.updatePlan(offer.id, plan.id, patch);
      setCurrent(updated);
      reloadPlans();
      partnerApi.offer(offer.id).then(setOffer, () => undefined);  // a change in preview sends the offer back to draft
      notify.success("Draft saved", `Plan ${updated.name}`);
      return true;
    } catch (error) {
      const mapped = mapError(error, FIELDS);
      setErrors(mapped.fieldErrors);
      if (mapped.message) notify.failure(mapped.message, "Couldn't save");
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader level="h2" title={`Plan listing: ${current.name}`} />
      <FrozenNotice
        offer={offer}
        liveText="The offer is live: its plans are published and can't change, except for their free trial."
      />
      <Section>
        <Body1>
          Plan ID <code>{plan.id}</code> · Service ID <code data-testid="service-id">{plan.service_id}</code>{" "}
          <Button
            size="small"
            appearance="subtle"
            icon={<CopyRegular />}
            aria-label="Copy Service ID"
            onClick={() =>
              void copyText(plan.service_id).then(
                () => notify.success("Service ID copied"),
                (e: unknown) => notify.failure(e, "Couldn't copy"),
              )
            }
          />{" "}
          · {planStateLabel[current.state]} · <RouterLink to={`${base}/plans`}>Plan overview</RouterLink>
        </Body1>
        <form
          className={s.form}
          noValidate
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            void save();
          }}
        >
          <Field label="Plan name" required validationMessage={errors.name}>
            <Input id="name" value={name} disabled={readOnly} onChange={(_, d) => setName(d.value)} />
          </Field>
          <Field
            label="Plan description"
            hint="Shown with the plan in the plans section of your marketplace listing."
            validationMessage={errors.description}
          >
            <Textarea
              id="description"
              value={description}
              rows={6}
              resize="vertical"
              disabled={readOnly}
              onChange={(_, d) => setDescription(d.value)}
            />
          </Field>
          <Field
            label="More info URL"
            hint="Optional; the plan-definition CSV uses the marketplace link when it is empty."
            validationMessage={errors.more_info_url}
          >
            <Input id="more_info_url" value={moreInfo} disabled={readOnly} onChange={(_, d) => setMoreInfo(d.value)} />
          </Field>
          <Actions>
            <Button type="submit" appearance="primary" disabled={!dirty || busy || readOnly}>
              {busy ? "Saving…" : "Save draft"}
            </Button>
            <Button
              disabled={busy || readOnly}
              onClick={() => {
                void save().then((ok) => {
                  if (ok) navigate(`${base}/review`);
                });
              }}
            >
              Review and publish
            </Button>
          </Actions>
        </form>
      </Section>
      <PlanTrialSection
        offer={offer}
        plan={current}
        onSaved={(updated) => {
          setCurrent(updated);
          reloadPlans();
        }}
      />
    </>
  );
}

export function PlanListingPage() {
  const { offer } = useOffer();
  const { planId = "" } = useParams();
  const plan = useLoad((signal) => partnerApi.plan(offer.id, planId, signal), `${offer.id}/${planId}`);
  if (plan.error) return <LoadError error={plan.error} retry={plan.reload} />;
  if (!plan.data || plan.data.id !== planId) return <Loading label="Loading the plan…" />;
  return <PlanForm key={planId} plan={plan.data} />;
}

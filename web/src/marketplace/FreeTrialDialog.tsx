// Free trial (issue 14): a tenant's global or billing admin chooses one of the plans that offer a trial ("5 users
// for 30 days") and starts it (POST /api/v1/tenant/trials), once per organization and plan; the licenses then
// show in the Admin Center, marked Trial. Who may start it, and what others are told, is TenantActionDialog's. A
// refusal (the trial already used, licenses already held) shows the server's words.
import { Field, Radio, RadioGroup, Text } from "@fluentui/react-components";
import { useState } from "react";
import { adminApi } from "../api/admin";
import type { MarketplaceOffer } from "../api/types";
import { Refusal, useNotify } from "../components/feedback";
import { errorMessage } from "../lib/problem";
import { trialOfferText } from "../lib/trials";
import { TenantActionDialog } from "./TenantActionDialog";
import { trialPlans, trialStartedText } from "./trials";

export function FreeTrialDialog({ product, onStarted }: { product: MarketplaceOffer; onStarted: () => void }) {
  const notify = useNotify();
  const plans = trialPlans(product);
  const [planId, setPlanId] = useState("");
  const [planError, setPlanError] = useState<string | undefined>();
  const [refusal, setRefusal] = useState<string | null>(null);

  const start = async () => {
    if (!planId) {
      setPlanError("Choose the plan to try.");
      return;
    }
    setPlanError(undefined);
    setRefusal(null);
    try {
      const license = await adminApi.startTrial(product.id, planId);
      notify.success("Free trial started", `${license.plan_name} of ${product.name}`);
      onStarted();
      return {
        title: "Your free trial has started",
        text: `${trialStartedText(license)} Assign it to people under`,
      };
    } catch (error) {
      setRefusal(errorMessage(error));
    }
  };

  return (
    <TenantActionDialog
      label="Free trial"
      title={`Try ${product.name} for free`}
      action="start_trial"
      signIn={
        `A free trial is started by a global admin or a billing admin of your organization, for the whole ` +
        `organization. Sign in to the Admin Center with that account to try ${product.name}; you come back here ` +
        `afterwards.`
      }
      forCustomers="Free trials are for customers"
      adminDoes="starts a free trial"
      adminsCan="start a free trial"
      preview={
        product.preview
          ? `${product.name} is in preview: its free trial can be started once it is live in the Marketplace.`
          : null
      }
      adminPage={{ to: "/admin/licenses", name: "Licenses" }}
      submitLabel="Start free trial"
      busyLabel="Starting…"
      onOpen={() => {
        setPlanError(undefined);
        setRefusal(null);
        setPlanId(plans.length === 1 ? (plans[0]?.id ?? "") : "");
      }}
      onSubmit={start}
    >
      <Text>
        Try {product.name} by {product.publisher_name} for free: your organization gets trial licenses to assign to
        people for a set time, once per plan. {product.publisher_name} is told of your trial and may contact you.
      </Text>
      {refusal && <Refusal title="Couldn't start the free trial">{refusal}</Refusal>}
      <Field label="Plan" required validationMessage={planError}>
        <RadioGroup
          value={planId}
          onChange={(_, d) => {
            setPlanId(d.value);
            setPlanError(undefined);
            setRefusal(null);
          }}
        >
          {plans.map((p) => (
            <Radio key={p.id} value={p.id} label={`${p.name}: ${trialOfferText(p)}`} />
          ))}
        </RadioGroup>
      </Field>
    </TenantActionDialog>
  );
}

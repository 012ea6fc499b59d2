// Free trial (issue 14): a tenant's global or billing admin chooses one of the plans that offer a trial ("5 users
// for 30 days") and starts it (POST /api/v1/tenant/trials), once per organization and plan; the licenses then
// show in the Admin Center, marked Trial. A visitor is asked to sign in as a customer admin (and comes back
// here); a publisher's account, or a tenant account of another role, is told who can start it. A refusal
// (the trial already used, licenses already held) shows the server's words.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import { useLocation } from "react-router";
import { can } from "../admin/roles";
import { adminApi } from "../api/admin";
import type { MarketplaceOffer, TenantLicense } from "../api/types";
import { useAuth } from "../auth/auth";
import { Refusal, useNotify } from "../components/feedback";
import { RouterButton, RouterLink } from "../components/RouterLink";
import { errorMessage } from "../lib/problem";
import { trialOfferText } from "../lib/trials";
import { trialPlans, trialStartedText } from "./trials";

const useStyles = makeStyles({ form: { display: "grid", gap: tokens.spacingVerticalM } });

export function FreeTrialDialog({ product, onStarted }: { product: MarketplaceOffer; onStarted: () => void }) {
  const s = useStyles();
  const { state } = useAuth();
  const location = useLocation();
  const notify = useNotify();
  const plans = trialPlans(product);
  const [open, setOpen] = useState(false);
  const [planId, setPlanId] = useState("");
  const [planError, setPlanError] = useState<string | undefined>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [started, setStarted] = useState<TenantLicense | null>(null);
  const user = state.status === "signed_in" ? state.user : null;
  const admin = user?.kind === "tenant" && can(user.role, "start_trial");
  const here = location.pathname + location.search;
  const who = "a global admin or a billing admin of your organization";

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!admin || started) return;
    if (!planId) {
      setPlanError("Choose the plan to try.");
      return;
    }
    setPlanError(undefined);
    setRefusal(null);
    setBusy(true);
    try {
      const license = await adminApi.startTrial(product.id, planId);
      setStarted(license);
      notify.success("Free trial started", `${license.plan_name} of ${product.name}`);
      onStarted();
    } catch (error) {
      setRefusal(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  let body;
  let actions;
  if (!user) {
    body = (
      <Text>
        A free trial is started by {who}, for the whole organization. Sign in to the Admin Center with that account to
        try {product.name}; you come back here afterwards.
      </Text>
    );
    actions = (
      <RouterButton appearance="primary" to={`/signin?next=${encodeURIComponent(here)}`}>
        Sign in as a customer admin
      </RouterButton>
    );
  } else if (user.kind !== "tenant") {
    body = (
      <MessageBar intent="info">
        <MessageBarBody>
          <MessageBarTitle>Free trials are for customers</MessageBarTitle>
          You're signed in as {user.email}, a publisher's account. A global or billing admin of a customer organization
          starts a free trial.
        </MessageBarBody>
      </MessageBar>
    );
  } else if (!admin) {
    body = (
      <MessageBar intent="info">
        <MessageBarBody>
          <MessageBarTitle>Ask a global or billing admin</MessageBarTitle>
          You're signed in as {user.email}. Only your organization's global admins and billing admins can start a free
          trial.
        </MessageBarBody>
      </MessageBar>
    );
  } else if (product.preview) {
    body = <Text>{product.name} is in preview: its free trial can be started once it is live in the Marketplace.</Text>;
  } else if (started) {
    body = (
      <MessageBar intent="success">
        <MessageBarBody>
          <MessageBarTitle>Your free trial has started</MessageBarTitle>
          {trialStartedText(started)} Assign it to people under{" "}
          <RouterLink to="/admin/licenses">Licenses</RouterLink> in the Admin Center.
        </MessageBarBody>
      </MessageBar>
    );
    actions = (
      <RouterButton appearance="primary" to="/admin/licenses">
        Go to Licenses
      </RouterButton>
    );
  } else {
    body = (
      <>
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
      </>
    );
    actions = (
      <Button type="submit" appearance="primary" disabled={busy}>
        {busy ? "Starting…" : "Start free trial"}
      </Button>
    );
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(_, d) => {
        setOpen(d.open);
        if (d.open) {
          setStarted(null);
          setPlanError(undefined);
          setRefusal(null);
          setPlanId(plans.length === 1 ? (plans[0]?.id ?? "") : "");
        }
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button appearance="primary">Free trial</Button>
      </DialogTrigger>
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <DialogBody>
            <DialogTitle>Try {product.name} for free</DialogTitle>
            <DialogContent className={s.form}>{body}</DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="secondary">{started ? "Close" : "Cancel"}</Button>
              </DialogTrigger>
              {actions}
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

// Get it now: a tenant's global or billing admin installs the app into an environment of their organization
// (POST /api/v1/tenant/installations); the install then shows in the Admin Center's Installations. A visitor is
// asked to sign in as a customer admin (and comes back here); a publisher's account is told it is for customers.
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
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import { useLocation } from "react-router";
import { can } from "../admin/roles";
import { adminApi } from "../api/admin";
import type { Installation, MarketplaceOffer } from "../api/types";
import { useAuth } from "../auth/auth";
import { Refusal, useNotify } from "../components/feedback";
import { RouterButton, RouterLink } from "../components/RouterLink";
import { mapError } from "../lib/problem";

const useStyles = makeStyles({ form: { display: "grid", gap: tokens.spacingVerticalM } });

export function GetItNowDialog({ product, primary }: { product: MarketplaceOffer; primary: boolean }) {
  const s = useStyles();
  const { state } = useAuth();
  const location = useLocation();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [environment, setEnvironment] = useState("Production");
  const [error, setError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [installed, setInstalled] = useState<Installation | null>(null);
  const user = state.status === "signed_in" ? state.user : null;
  const admin = user?.kind === "tenant" && can(user.role, "install");
  const here = location.pathname + location.search;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!environment.trim()) {
      setError("Enter the environment to install into");
      return;
    }
    setError(undefined);
    setMessage(null);
    setBusy(true);
    try {
      const result = await adminApi.install(product.id, environment.trim());
      setInstalled(result);
      notify.success(`${product.name} installed`, `In the environment ${result.environment}.`);
    } catch (err) {
      const mapped = mapError(err, ["environment"] as const);
      setError(mapped.fieldErrors.environment);
      setMessage(mapped.message);
    } finally {
      setBusy(false);
    }
  };

  let body;
  let actions;
  if (!user) {
    body = (
      <Text>
        Sign in with your organization's admin account (a global or billing admin) to install {product.name}. You come
        back here afterwards.
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
          <MessageBarTitle>Get it now is for customers</MessageBarTitle>
          You're signed in as {user.email}, a publisher's account. A global or billing admin of a customer organization
          installs apps from the Marketplace.
        </MessageBarBody>
      </MessageBar>
    );
  } else if (!admin) {
    body = (
      <MessageBar intent="info">
        <MessageBarBody>
          <MessageBarTitle>Ask a global or billing admin</MessageBarTitle>
          You're signed in as {user.email}. Only your organization's global admins and billing admins can install apps.
        </MessageBarBody>
      </MessageBar>
    );
  } else if (product.preview) {
    body = <Text>{product.name} is in preview: it can be installed once it is live in the Marketplace.</Text>;
  } else if (installed) {
    body = (
      <MessageBar intent="success">
        <MessageBarBody>
          <MessageBarTitle>Installed</MessageBarTitle>
          {product.name} is installed in {installed.environment}. See it under{" "}
          <RouterLink to="/admin/installations">Installations</RouterLink> in the Admin Center.
        </MessageBarBody>
      </MessageBar>
    );
    actions = (
      <RouterButton appearance="primary" to="/admin/installations">
        Go to Installations
      </RouterButton>
    );
  } else {
    body = (
      <>
        <Text>
          Install {product.name} by {product.publisher_name} for your organization.
          {product.license_management &&
            " People need a license to use it; your licenses and their assignments are in the Admin Center."}
        </Text>
        {message && <Refusal>{message}</Refusal>}
        <Field label="Environment" required hint="The environment of your organization to install into" validationMessage={error}>
          <Input id="environment" value={environment} onChange={(_, d) => setEnvironment(d.value)} maxLength={100} />
        </Field>
      </>
    );
    actions = (
      <Button type="submit" appearance="primary" disabled={busy}>
        {busy ? "Installing…" : "Install"}
      </Button>
    );
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(_, d) => {
        setOpen(d.open);
        if (d.open) {
          setInstalled(null);
          setError(undefined);
          setMessage(null);
        }
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button appearance={primary ? "primary" : "secondary"}>Get it now</Button>
      </DialogTrigger>
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <DialogBody>
            <DialogTitle>Get {product.name}</DialogTitle>
            <DialogContent className={s.form}>{body}</DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="secondary">{installed ? "Close" : "Cancel"}</Button>
              </DialogTrigger>
              {actions}
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

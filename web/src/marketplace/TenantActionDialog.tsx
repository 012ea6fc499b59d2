// A Marketplace dialog in which a customer's global or billing admin acts for the whole organization (Get it now,
// Free trial). Who is signed in decides what it shows: a visitor is asked to sign in as a customer admin (and comes
// back here); a publisher's account, or a tenant account of another role, is told who can; an offer in preview
// says it must wait; an admin gets the dialog's own form, then, once the action is done, what it did with a link
// to the Admin Center page that shows it. Each opening starts afresh: the dialog forgets what was done and
// `onOpen` resets the form.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
  type ButtonProps,
} from "@fluentui/react-components";
import { useState, type FormEvent, type ReactNode } from "react";
import { useLocation } from "react-router";
import { can, type TenantAction } from "../admin/roles";
import { useAuth } from "../auth/auth";
import { RouterButton, RouterLink } from "../components/RouterLink";

const useStyles = makeStyles({ form: { display: "grid", gap: tokens.spacingVerticalM } });

// The actions of a customer's global and billing admins, the roles the dialog names.
type CustomerAdminAction = Extract<TenantAction, "install" | "start_trial">;

// What the dialog says once the action is done: a title, and a sentence that leads to the Admin Center page
// ("… See it under").
export interface ActionDone {
  title: string;
  text: string;
}

export function TenantActionDialog({
  label,
  appearance = "primary",
  title,
  action,
  signIn,
  forCustomers,
  adminDoes,
  adminsCan,
  preview,
  adminPage,
  submitLabel,
  busyLabel,
  onOpen,
  onSubmit,
  children,
}: {
  label: string; // the button that opens the dialog
  appearance?: ButtonProps["appearance"];
  title: string;
  action: CustomerAdminAction;
  signIn: string; // to a visitor, above "Sign in as a customer admin"
  forCustomers: string; // the title to a publisher's account: "Get it now is for customers"
  adminDoes: string; // "A global or billing admin of a customer organization" starts a free trial
  adminsCan: string; // "Only your organization's global admins and billing admins can" start a free trial
  preview: string | null; // why an offer in preview must wait; null when the offer is live
  adminPage: { to: string; name: string }; // where the Admin Center shows what was done
  submitLabel: string;
  busyLabel: string; // the submit button's while onSubmit runs
  onOpen: () => void;
  onSubmit: () => Promise<ActionDone | undefined>; // undefined when refused: the form shows why
  children: ReactNode; // the form's fields
}) {
  const s = useStyles();
  const { state } = useAuth();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ActionDone | null>(null);
  const user = state.status === "signed_in" ? state.user : null;
  const admin = user?.kind === "tenant" && can(user.role, action);
  const here = location.pathname + location.search;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!admin || done) return;
    setBusy(true);
    try {
      setDone((await onSubmit()) ?? null);
    } finally {
      setBusy(false);
    }
  };

  let body;
  let actions;
  if (!user) {
    body = <Text>{signIn}</Text>;
    actions = (
      <RouterButton appearance="primary" to={`/signin?next=${encodeURIComponent(here)}`}>
        Sign in as a customer admin
      </RouterButton>
    );
  } else if (user.kind !== "tenant") {
    body = (
      <MessageBar intent="info">
        <MessageBarBody>
          <MessageBarTitle>{forCustomers}</MessageBarTitle>
          You're signed in as {user.email}, a publisher's account. A global or billing admin of a customer
          organization {adminDoes}.
        </MessageBarBody>
      </MessageBar>
    );
  } else if (!admin) {
    body = (
      <MessageBar intent="info">
        <MessageBarBody>
          <MessageBarTitle>Ask a global or billing admin</MessageBarTitle>
          You're signed in as {user.email}. Only your organization's global admins and billing admins can {adminsCan}.
        </MessageBarBody>
      </MessageBar>
    );
  } else if (preview) {
    body = <Text>{preview}</Text>;
  } else if (done) {
    body = (
      <MessageBar intent="success">
        <MessageBarBody>
          <MessageBarTitle>{done.title}</MessageBarTitle>
          {done.text} <RouterLink to={adminPage.to}>{adminPage.name}</RouterLink> in the Admin Center.
        </MessageBarBody>
      </MessageBar>
    );
    actions = (
      <RouterButton appearance="primary" to={adminPage.to}>
        Go to {adminPage.name}
      </RouterButton>
    );
  } else {
    body = children;
    actions = (
      <Button type="submit" appearance="primary" disabled={busy}>
        {busy ? busyLabel : submitLabel}
      </Button>
    );
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(_, d) => {
        setOpen(d.open);
        if (d.open) {
          setDone(null);
          onOpen();
        }
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button appearance={appearance}>{label}</Button>
      </DialogTrigger>
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={s.form}>{body}</DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="secondary">{done ? "Close" : "Cancel"}</Button>
              </DialogTrigger>
              {actions}
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

// "Change password" for the signed-in user, from the account menu: the server checks the current password
// and ends the user's other sessions; this one stays signed in.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import { authApi } from "../api/auth";
import { Refusal, useNotify } from "../components/feedback";
import { mapError } from "../lib/problem";

const useStyles = makeStyles({
  form: { display: "grid", gap: tokens.spacingVerticalM },
});

const FIELDS = ["current_password", "new_password"] as const;

export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const s = useStyles();
  const notify = useNotify();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [errors, setErrors] = useState<Partial<Record<(typeof FIELDS)[number], string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const close = () => {
    setCurrent("");
    setNext("");
    setErrors({});
    setMessage(null);
    onClose();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: typeof errors = {};
    if (!current) local.current_password = "Enter your current password";
    if (next.length < 10) local.new_password = "Use at least 10 characters";
    setErrors(local);
    setMessage(null);
    if (local.current_password || local.new_password) return;
    setBusy(true);
    try {
      await authApi.changePassword(current, next);
      notify.success("Password changed", "Your other sessions are signed out.");
      close();
    } catch (error) {
      const mapped = mapError(error, FIELDS);
      setErrors(mapped.fieldErrors);
      setMessage(mapped.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && close()}>
      <DialogSurface>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <DialogBody>
            <DialogTitle>Change password</DialogTitle>
            <DialogContent className={s.form}>
              {message && <Refusal>{message}</Refusal>}
              <Field label="Current password" required validationMessage={errors.current_password}>
                <Input
                  id="current_password"
                  type="password"
                  autoComplete="current-password"
                  value={current}
                  onChange={(_, d) => setCurrent(d.value)}
                />
              </Field>
              <Field
                label="New password"
                required
                hint="At least 10 characters. Your other sessions are signed out."
                validationMessage={errors.new_password}
              >
                <Input
                  id="new_password"
                  type="password"
                  autoComplete="new-password"
                  value={next}
                  onChange={(_, d) => setNext(d.value)}
                />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" appearance="primary" disabled={busy}>
                {busy ? "Changing…" : "Change password"}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

// A button that asks before doing something that takes seats away or removes people.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  type ButtonProps,
} from "@fluentui/react-components";
import { useState, type ReactNode } from "react";

export function ConfirmButton({
  label,
  title,
  confirm,
  children,
  onConfirm,
  icon,
  appearance = "secondary",
  ariaLabel,
  disabled,
}: {
  label: string;
  title: string;
  confirm: string;
  children: ReactNode;
  onConfirm: () => Promise<void>;
  icon?: ButtonProps["icon"];
  appearance?: ButtonProps["appearance"];
  ariaLabel?: string;
  disabled?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog open={open} onOpenChange={(_, d) => setOpen(d.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button appearance={appearance} icon={icon} aria-label={ariaLabel} disabled={disabled}>
          {label}
        </Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>{children}</DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary">Cancel</Button>
            </DialogTrigger>
            <Button
              appearance="primary"
              disabled={busy}
              onClick={() => {
                setBusy(true);
                onConfirm()
                  .then(() => setOpen(false))
                  .catch(() => undefined)
                  .finally(() => setBusy(false));
              }}
            >
              {busy ? "Working…" : confirm}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

// A button that asks before doing something that takes seats away, removes people or changes their access.
// The dialog stays open while `onConfirm` runs; if it fails, the dialog says why (the server's problem detail)
// and the user may retry or cancel. `children` may hold inputs of the action (a role to choose).
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  makeStyles,
  tokens,
  type ButtonProps,
} from "@fluentui/react-components";
import { useState, type ReactNode } from "react";
import { errorMessage } from "../lib/problem";
import { Refusal } from "./feedback";

const useStyles = makeStyles({ content: { display: "grid", gap: tokens.spacingVerticalM } });

export function ConfirmButton({
  label,
  title,
  confirm,
  children,
  onConfirm,
  onOpenChange,
  failure = "That didn't work",
  icon,
  appearance = "secondary",
  ariaLabel,
  disabled,
  confirmDisabled,
}: {
  label: string;
  title: string;
  confirm: string;
  children: ReactNode;
  onConfirm: () => Promise<void>;
  onOpenChange?: (open: boolean) => void;
  failure?: string; // the refusal's title when onConfirm fails
  icon?: ButtonProps["icon"];
  appearance?: ButtonProps["appearance"];
  ariaLabel?: string;
  disabled?: boolean;
  confirmDisabled?: boolean;
}) {
  const s = useStyles();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Dialog
      open={open}
      onOpenChange={(_, d) => {
        setOpen(d.open);
        setProblem(null);
        onOpenChange?.(d.open);
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button appearance={appearance} icon={icon} aria-label={ariaLabel} disabled={disabled}>
          {label}
        </Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent className={s.content}>
            <div>{children}</div>
            {problem && <Refusal title={failure}>{problem}</Refusal>}
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary">Cancel</Button>
            </DialogTrigger>
            <Button
              appearance="primary"
              disabled={busy || confirmDisabled}
              onClick={() => {
                setBusy(true);
                setProblem(null);
                onConfirm()
                  .then(() => {
                    setOpen(false);
                    onOpenChange?.(false);
                  })
                  .catch((e: unknown) => setProblem(errorMessage(e)))
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

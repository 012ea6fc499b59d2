// Loading, empty and error states, and toasts: the same everywhere.
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  Toast,
  ToastBody,
  ToastTitle,
  makeStyles,
  tokens,
  useToastController,
} from "@fluentui/react-components";
import { useCallback, type ReactNode } from "react";
import { errorMessage } from "../lib/problem";
import type { Loaded } from "./hooks";

export const TOASTER_ID = "seatkeeper-toaster";

const useStyles = makeStyles({
  center: { display: "flex", justifyContent: "center", padding: tokens.spacingVerticalXXL },
  empty: {
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalL}`,
    textAlign: "center",
    border: `1px dashed ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
  },
});

export function Loading({ label = "Loading…" }: { label?: string }) {
  const s = useStyles();
  return (
    <div className={s.center} role="status">
      <Spinner label={label} />
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  const s = useStyles();
  return (
    <div className={s.empty}>
      <Text weight="semibold" size={400}>
        {title}
      </Text>
      {children}
    </div>
  );
}

export function LoadError({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <MessageBar intent="error">
      <MessageBarBody>
        <MessageBarTitle>Couldn't load this page</MessageBarTitle>
        {errorMessage(error)}
      </MessageBarBody>
      {retry && (
        <MessageBarActions>
          <Button onClick={retry}>Try again</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

// What the server refused, or why an action failed, where it happened: announced at once (role="alert").
export function Refusal({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        {title && <MessageBarTitle>{title}</MessageBarTitle>}
        {children}
      </MessageBarBody>
    </MessageBar>
  );
}

// What `load` has brought: its error (with Try again), a spinner until the first answer, then `children` of it.
export function WhenLoaded<T>({
  load,
  label,
  children,
}: {
  load: Loaded<T>;
  label: string;
  children: (data: T) => ReactNode;
}) {
  if (load.error) return <LoadError error={load.error} retry={load.reload} />;
  if (load.data === undefined) return <Loading label={label} />;
  return <>{children(load.data)}</>;
}

export function useNotify() {
  const { dispatchToast } = useToastController(TOASTER_ID);
  const success = useCallback(
    (title: string, body?: string) =>
      dispatchToast(
        <Toast>
          <ToastTitle>{title}</ToastTitle>
          {body && <ToastBody>{body}</ToastBody>}
        </Toast>,
        { intent: "success", timeout: 4000 },
      ),
    [dispatchToast],
  );
  const failure = useCallback(
    (error: unknown, title = "That didn't work") =>
      dispatchToast(
        <Toast>
          <ToastTitle>{title}</ToastTitle>
          <ToastBody>{typeof error === "string" ? error : errorMessage(error)}</ToastBody>
        </Toast>,
        { intent: "error", timeout: 8000 },
      ),
    [dispatchToast],
  );
  return { success, failure };
}

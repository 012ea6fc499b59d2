// An endpoint's signing secret (whsec_…), shown once: after the endpoint is added or its secret rotated. The
// server keeps only what it needs to sign; nobody can read the secret again, so it comes with a copy button and
// says so.
import {
  Button,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { CopyRegular } from "@fluentui/react-icons";
import type { ReactNode } from "react";
import { copyText } from "../../lib/clipboard";
import { useNotify } from "../feedback";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center", margin: `${tokens.spacingVerticalS} 0` },
  secret: { flexGrow: 1, minWidth: "min(100%, 280px)", fontFamily: tokens.fontFamilyMonospace },
});

export function SecretShown({ secret, title, children }: { secret: string; title: string; children?: ReactNode }) {
  const s = useStyles();
  const notify = useNotify();
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="webhook-secret">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        <div className={s.row}>
          <Input
            className={s.secret}
            readOnly
            value={secret}
            aria-label="Signing secret"
            onFocus={(e) => e.target.select()}
          />
          <Button
            icon={<CopyRegular />}
            onClick={() =>
              void copyText(secret).then(
                () => notify.success("Secret copied"),
                (e: unknown) => notify.failure(e, "Couldn't copy"),
              )
            }
          >
            Copy secret
          </Button>
        </div>
        <Text block>
          Copy it now: it won't be shown again. Your receiver checks each delivery's Seatkeeper-Signature header with it.
        </Text>
        {children}
      </MessageBarBody>
    </MessageBar>
  );
}

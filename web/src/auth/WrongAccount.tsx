import { Body1, Button, Title2, makeStyles, tokens } from "@fluentui/react-components";
import { useNavigate } from "react-router";
import { useNotify } from "../components/feedback";
import { useAuth } from "./auth";

const useStyles = makeStyles({
  page: { maxWidth: "640px", margin: "0 auto", padding: tokens.spacingVerticalXXL, display: "grid", gap: "12px" },
});

// Partner Center for an account of a customer tenant.
export function WrongAccount({ email }: { email: string }) {
  const s = useStyles();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const notify = useNotify();
  return (
    <main className={s.page}>
      <Title2 as="h1">Partner Center is for publishers</Title2>
      <Body1>
        You're signed in as {email}, an account of a customer organization. Sign in with a publisher account to use
        Partner Center.
      </Body1>
      <div>
        <Button
          appearance="primary"
          onClick={() => {
            signOut()
              .then(() => navigate(`/signin?next=${encodeURIComponent(window.location.pathname)}`))
              .catch((e: unknown) => notify.failure(e, "Couldn't sign out"));
          }}
        >
          Sign out
        </Button>
      </div>
    </main>
  );
}

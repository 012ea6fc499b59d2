import { Body1, Button, Title2, makeStyles, tokens } from "@fluentui/react-components";
import { useNavigate } from "react-router";
import { useNotify } from "../components/feedback";
import { RouterLink } from "../components/RouterLink";
import { useAuth } from "./auth";

const useStyles = makeStyles({
  page: { maxWidth: "640px", margin: "0 auto", padding: tokens.spacingVerticalXXL, display: "grid", gap: "12px" },
});

// Partner Center for an account of a customer tenant, or the Admin Center for a publisher's account.
export function WrongAccount({ email, surface = "partner" }: { email: string; surface?: "partner" | "admin" }) {
  const s = useStyles();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const notify = useNotify();
  return (
    <main className={s.page}>
      {surface === "partner" ? (
        <>
          <Title2 as="h1">Partner Center is for publishers</Title2>
          <Body1>
            You're signed in as {email}, an account of a customer organization. Sign in with a publisher account to use
            Partner Center.
          </Body1>
        </>
      ) : (
        <>
          <Title2 as="h1">The Admin Center is for customer admins</Title2>
          <Body1>
            You're signed in as {email}, an account of a publisher. The Admin Center is where a customer organization's
            admins accept invitations, assign licenses and install apps. Sign in with your organization's admin account
            to use it, or go to <RouterLink to="/partner">Partner Center</RouterLink>.
          </Body1>
        </>
      )}
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

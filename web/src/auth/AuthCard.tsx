// The centred card of the signed-out pages (sign in, forgotten password, the mailed reset link): one form.
import { Card, makeStyles, tokens } from "@fluentui/react-components";
import type { FormEvent, ReactNode } from "react";

const useStyles = makeStyles({
  page: { display: "flex", justifyContent: "center", padding: `${tokens.spacingVerticalXXXL} ${tokens.spacingHorizontalL}` },
  card: { width: "100%", maxWidth: "400px", padding: tokens.spacingHorizontalXL },
  form: { display: "grid", gap: tokens.spacingVerticalL },
});

export function AuthCard({ onSubmit, children }: { onSubmit: (e: FormEvent) => Promise<void>; children: ReactNode }) {
  const s = useStyles();
  return (
    <main className={s.page}>
      <Card className={s.card}>
        <form className={s.form} onSubmit={(e) => void onSubmit(e)} noValidate>
          {children}
        </form>
      </Card>
    </main>
  );
}

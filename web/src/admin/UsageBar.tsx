// A license's use as a bar (Fluent has no charts): assigned in brand colour, available in a light track, the
// part over the number of licenses in red. Screen readers get the same numbers as one sentence.
import { Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { usage } from "./capacity";
import type { TenantLicense } from "../api/types";

const useStyles = makeStyles({
  wrap: { display: "grid", gap: tokens.spacingVerticalXXS },
  track: {
    height: "12px",
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorNeutralBackground5,
    overflow: "hidden",
    display: "flex",
  },
  large: { height: "18px" },
  assigned: { backgroundColor: tokens.colorBrandBackground, height: "100%" },
  over: { backgroundColor: tokens.colorPaletteRedBackground3 },
  label: { color: tokens.colorNeutralForeground2 },
});

export function UsageBar({
  license,
  size = "medium",
  showLabel = true,
}: {
  license: Pick<TenantLicense, "quantity" | "assigned" | "available">;
  size?: "medium" | "large";
  showLabel?: boolean;
}) {
  const s = useStyles();
  const u = usage(license);
  return (
    <div className={s.wrap}>
      <div className={mergeClasses(s.track, size === "large" && s.large)} role="img" aria-label={u.label}>
        <div className={mergeClasses(s.assigned, u.over > 0 && s.over)} style={{ width: `${u.assignedPercent}%` }} />
      </div>
      {showLabel && (
        <Text size={200} className={s.label} aria-hidden>
          {u.label}
        </Text>
      )}
    </div>
  );
}

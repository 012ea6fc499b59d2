import {
  Avatar,
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { KeyRegular, SignOutRegular } from "@fluentui/react-icons";
import { useState } from "react";
import { NavLink, useLocation, useNavigate } from "react-router";
import { useAuth } from "../auth/auth";
import { ChangePasswordDialog } from "../auth/ChangePasswordDialog";
import { useNotify } from "./feedback";

const visuallyHidden = {
  position: "absolute",
  width: "1px",
  height: "1px",
  margin: "-1px",
  overflow: "hidden",
  clip: "rect(0 0 0 0)",
  whiteSpace: "nowrap",
} as const;

const useStyles = makeStyles({
  bar: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalL,
    padding: `0 ${tokens.spacingHorizontalL}`,
    height: "48px",
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    position: "sticky",
    top: 0,
    zIndex: 10,
    "@media (max-width: 600px)": { gap: tokens.spacingHorizontalS, padding: `0 ${tokens.spacingHorizontalS}` },
  },
  brand: {
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
    whiteSpace: "nowrap",
    "@media (max-width: 480px)": { display: "none" },
  },
  nav: { display: "flex", gap: tokens.spacingHorizontalXS, flexGrow: 1, overflowX: "auto" },
  link: {
    color: tokens.colorNeutralForegroundOnBrand,
    textDecorationLine: "none",
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    whiteSpace: "nowrap",
    ":hover": { backgroundColor: tokens.colorBrandBackgroundHover },
    ":focus-visible": { outline: `2px solid ${tokens.colorNeutralForegroundOnBrand}` },
  },
  active: { backgroundColor: tokens.colorBrandBackgroundPressed },
  user: { color: tokens.colorNeutralForegroundOnBrand, minWidth: "auto" }, // on a phone, just the avatar
  // Read by screen readers but not shown (on a phone, the name: the avatar stands for it).
  hidden: visuallyHidden,
  name: { "@media (max-width: 600px)": visuallyHidden },
});

export function AppHeader() {
  const s = useStyles();
  const { state, signOut } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const notify = useNotify();
  const [changingPassword, setChangingPassword] = useState(false);
  // Each account sees its own center; a visitor sees both.
  const kind = state.status === "signed_in" ? state.user.kind : undefined;
  const cls = ({ isActive }: { isActive: boolean }) => (isActive ? `${s.link} ${s.active}` : s.link);
  return (
    <header className={s.bar}>
      <Text className={s.brand}>Seatkeeper</Text>
      <nav className={s.nav} aria-label="Surfaces">
        {kind !== "tenant" && (
          <NavLink to="/partner" className={cls}>
            Partner Center
          </NavLink>
        )}
        {kind !== "publisher" && (
          <NavLink to="/admin" className={cls}>
            Admin Center
          </NavLink>
        )}
        <NavLink to="/marketplace" className={cls}>
          Marketplace
        </NavLink>
      </nav>
      {state.status === "signed_in" ? (
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            {/* Named by what it shows, the account's name, and then its address (WCAG 2.5.3: the visible label
                is part of the accessible name); the avatar's initials only repeat the name. */}
            <Button appearance="transparent" className={s.user}>
              <Avatar name={state.user.name || state.user.email} size={24} color="colorful" aria-hidden />
              <span className={s.name}>&nbsp;{state.user.name || state.user.email}</span>
              <span className={s.hidden}>, Account: {state.user.email}</span>
            </Button>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              <MenuItem disabled>
                {state.user.email} · {state.user.publisher_id ?? state.user.tenant_id} · {state.user.role.replace("_", " ")}
              </MenuItem>
              {/* An API key never signs in here, so the signed-in user always has a password. */}
              <MenuItem icon={<KeyRegular />} onClick={() => setChangingPassword(true)}>
                Change password
              </MenuItem>
              <MenuItem
                icon={<SignOutRegular />}
                onClick={() => {
                  signOut()
                    .then(() => navigate("/signin"))
                    .catch((e: unknown) => notify.failure(e, "Couldn't sign out"));
                }}
              >
                Sign out
              </MenuItem>
            </MenuList>
          </MenuPopover>
        </Menu>
      ) : (
        state.status === "signed_out" &&
        !location.pathname.startsWith("/password-reset") &&
        !location.pathname.startsWith("/signin") && (
          <NavLink
            to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`}
            className={s.link}
          >
            Sign in
          </NavLink>
        )
      )}
      <ChangePasswordDialog open={changingPassword} onClose={() => setChangingPassword(false)} />
    </header>
  );
}

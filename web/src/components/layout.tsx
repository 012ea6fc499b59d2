// Page scaffolding shared by the surfaces: a page title with its actions, sections, and the responsive
// side navigation (a column at desktop width, a scrolling row on a phone).
import { Title2, Title3, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { NavLink } from "react-router";

const useStyles = makeStyles({
  header: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalL,
  },
  actions: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  section: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow2,
    padding: tokens.spacingHorizontalXL,
    marginBottom: tokens.spacingVerticalL,
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr)", // a long line wraps or scrolls inside, never widens the page
    gap: tokens.spacingVerticalM,
    "@media (max-width: 600px)": { padding: tokens.spacingHorizontalM },
  },
  sectionTitle: { margin: 0 },
  withNav: {
    display: "grid",
    gridTemplateColumns: "220px minmax(0, 1fr)",
    minHeight: "calc(100vh - 48px)",
    "@media (max-width: 760px)": { gridTemplateColumns: "minmax(0, 1fr)", gridTemplateRows: "auto 1fr" },
  },
  nav: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalS}`,
    display: "flex",
    flexDirection: "column",
    gap: "2px",
    "@media (max-width: 760px)": {
      flexDirection: "row",
      alignItems: "center",
      overflowX: "auto",
      borderRight: "none",
      borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    },
  },
  navHeading: {
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
    fontWeight: tokens.fontWeightSemibold,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    textTransform: "uppercase",
    "@media (max-width: 760px)": { display: "none" },
  },
  navLink: {
    color: tokens.colorNeutralForeground1,
    textDecorationLine: "none",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    whiteSpace: "nowrap",
    ":hover": { backgroundColor: tokens.colorSubtleBackgroundHover },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  navActive: {
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  main: {
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXXL}`,
    maxWidth: "1100px",
    width: "100%",
    boxSizing: "border-box",
    "@media (max-width: 600px)": { padding: tokens.spacingHorizontalM },
  },
});

// A page's title and its actions. Pages inside a layout that already has the h1 (an offer's pages under the
// offer's name) pass `level="h2"`, so every page has exactly one h1.
export function PageHeader({
  title,
  children,
  level = "h1",
}: {
  title: ReactNode;
  children?: ReactNode;
  level?: "h1" | "h2";
}) {
  const s = useStyles();
  return (
    <div className={s.header}>
      <Title2 as={level}>{title}</Title2>
      {children && <div className={s.actions}>{children}</div>}
    </div>
  );
}

export function Section({ title, id, children }: { title?: ReactNode; id?: string; children: ReactNode }) {
  const s = useStyles();
  return (
    <section className={s.section} id={id} aria-label={typeof title === "string" ? title : undefined}>
      {title && (
        <Title3 as="h2" className={s.sectionTitle}>
          {title}
        </Title3>
      )}
      {children}
    </section>
  );
}

export interface NavItem {
  to: string;
  label: string;
  end?: boolean;
}

export function SideNav({ label, heading, items }: { label: string; heading?: string; items: NavItem[] }) {
  const s = useStyles();
  return (
    <nav className={s.nav} aria-label={label}>
      {heading && <div className={s.navHeading}>{heading}</div>}
      {items.map((item) => (
        <NavLink
          key={item.to}
          to={item.to}
          end={item.end}
          className={({ isActive }) => mergeClasses(s.navLink, isActive && s.navActive)}
        >
          {item.label}
        </NavLink>
      ))}
    </nav>
  );
}

export function WithSideNav({ nav, children }: { nav: ReactNode; children: ReactNode }) {
  const s = useStyles();
  return (
    <div className={s.withNav}>
      {nav}
      <main className={s.main}>{children}</main>
    </div>
  );
}

export function Actions({ children }: { children: ReactNode }) {
  const s = useStyles();
  return <div className={s.actions}>{children}</div>;
}

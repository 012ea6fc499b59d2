// The Admin Center (/admin): a customer tenant's staff accept a publisher's invitation, see their licenses and
// their usage, assign seats to users and groups (and reclaim unused ones), keep the user directory, install apps
// and send their events to webhooks. The invitation page is public (a new customer signs up there); every other
// page needs an account of a tenant.
import { Body1, Title2, makeStyles, tokens } from "@fluentui/react-components";
import { Outlet, Route, Routes } from "react-router";
import { RequireSignIn, useUser } from "../auth/auth";
import { useDocumentTitle } from "../components/hooks";
import { SideNav, WithSideNav } from "../components/layout";
import { NotFoundPage } from "../components/NotFoundPage";
import { StaffPage } from "../components/StaffPage";
import { RouterLink } from "../components/RouterLink";
import { AdminHomePage } from "./AdminHomePage";
import { DomainsPage } from "./DomainsPage";
import { GroupPage } from "./GroupPage";
import { GroupsPage } from "./GroupsPage";
import { InstallationsPage } from "./InstallationsPage";
import { InvitationPage } from "./InvitationPage";
import { LicenseDetailPage } from "./LicenseDetailPage";
import { LicensesPage } from "./LicensesPage";
import { can, tenantRoleLabel } from "./roles";
import { UsagePage } from "./UsagePage";
import { UsersPage } from "./UsersPage";
import { WebhookPage } from "../components/webhooks/WebhookPage";
import { WebhooksPage } from "../components/webhooks/WebhooksPage";
import { GlobalAdminsOnly } from "../components/webhooks/common";
import { tenantWebhooks } from "../api/webhooks";

const useStyles = makeStyles({
  page: { maxWidth: "640px", margin: "0 auto", padding: tokens.spacingVerticalXXL, display: "grid", gap: "12px" },
});

function NoAdminRole() {
  const s = useStyles();
  const user = useUser();
  useDocumentTitle("Admin Center");
  return (
    <main className={s.page}>
      <Title2 as="h1">You're not an admin of your organization</Title2>
      <Body1>
        You're signed in as {user.email}. The Admin Center is for your organization's global, billing and license
        admins; ask one of them for the access you need. Apps are in the <RouterLink to="/marketplace">Marketplace</RouterLink>.
      </Body1>
    </main>
  );
}

function AdminLayout() {
  const user = useUser();
  if (!can(user.role, "read")) return <NoAdminRole />;
  return (
    <WithSideNav
      nav={
        <SideNav
          label="Admin Center"
          heading="Admin Center"
          items={[
            { to: "/admin", label: "Home", end: true },
            { to: "/admin/licenses", label: "Licenses" },
            { to: "/admin/usage", label: "Usage" },
            { to: "/admin/users", label: "Users" },
            { to: "/admin/groups", label: "Groups" },
            { to: "/admin/installations", label: "Installations" },
            { to: "/admin/domains", label: "Domains" },
            { to: "/admin/staff", label: "Staff accounts" },
            ...(can(user.role, "manage_webhooks") ? [{ to: WEBHOOKS, label: "Webhooks" }] : []),
          ]}
        />
      }
    >
      <Outlet />
    </WithSideNav>
  );
}

// The tenant's sign-in accounts (its admins), apart from the directory of people it licenses (Users).
function AdminStaffPage() {
  const user = useUser();
  return (
    <StaffPage
      title="Staff accounts"
      intro="The people who sign in to the Admin Center for your organization. Disabling or deleting someone signs them out at once; the people you assign licenses to are under Users."
      roleLabels={tenantRoleLabel}
      manage={can(user.role, "manage_access")}
    />
  );
}

const WEBHOOKS = "/admin/webhooks";

// The tenant's webhook endpoints (its global admins only).
function AdminWebhooks({ endpoint }: { endpoint?: boolean }) {
  const user = useUser();
  if (!can(user.role, "manage_webhooks")) return <GlobalAdminsOnly />;
  return endpoint ? (
    <WebhookPage api={tenantWebhooks} basePath={WEBHOOKS} />
  ) : (
    <WebhooksPage
      api={tenantWebhooks}
      basePath={WEBHOOKS}
      intro="Seatkeeper sends your organization's events (seats, groups, users, domains, installs…) to these endpoints as they happen: signed, retried when an endpoint fails, and replayable."
    />
  );
}

export default function AdminRoutes() {
  return (
    <Routes>
      <Route path="invitations/:token" element={<InvitationPage />} />
      <Route
        element={
          <RequireSignIn tenant>
            <AdminLayout />
          </RequireSignIn>
        }
      >
        <Route index element={<AdminHomePage />} />
        <Route path="licenses" element={<LicensesPage />} />
        <Route path="licenses/:serviceId" element={<LicenseDetailPage />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="groups" element={<GroupsPage />} />
        <Route path="groups/:groupId" element={<GroupPage />} />
        <Route path="installations" element={<InstallationsPage />} />
        <Route path="domains" element={<DomainsPage />} />
        <Route path="usage" element={<UsagePage />} />
        <Route path="staff" element={<AdminStaffPage />} />
        <Route path="webhooks" element={<AdminWebhooks />} />
        <Route path="webhooks/:webhookId" element={<AdminWebhooks endpoint />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

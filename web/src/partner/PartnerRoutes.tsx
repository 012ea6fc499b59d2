// Partner Center (/partner): the publisher's offers, plans, review and publish, go live, leads, deals and
// their licenses, installations, usage; account settings: users and webhooks.
import { Navigate, Outlet, Route, Routes } from "react-router";
import { usePublisherUser } from "../auth/auth";
import { NotFoundPage } from "../components/NotFoundPage";
import { StaffPage } from "../components/StaffPage";
import { WebhookPage } from "../components/webhooks/WebhookPage";
import { WebhooksPage } from "../components/webhooks/WebhooksPage";
import { GlobalAdminsOnly } from "../components/webhooks/common";
import { publisherWebhooks } from "../api/webhooks";
import { SideNav, WithSideNav } from "../components/layout";
import { LeadsPage } from "./LeadsPage";
import { NewOfferPage } from "./NewOfferPage";
import { OverviewPage } from "./OverviewPage";
import { UsagePage } from "./UsagePage";
import { DealAuditPage } from "./deals/DealAuditPage";
import { DealLayout } from "./deals/DealLayout";
import { DealOverviewPage } from "./deals/DealOverviewPage";
import { DealsPage } from "./deals/DealsPage";
import { InstallationsPage } from "./deals/InstallationsPage";
import { ManageLicensesPage } from "./deals/ManageLicensesPage";
import { NewDealPage } from "./deals/NewDealPage";
import { AuditLogPage } from "./offer/AuditLogPage";
import { NewPlanPage } from "./offer/NewPlanPage";
import { OfferLayout } from "./offer/OfferLayout";
import { OfferOverviewPage } from "./offer/OfferOverviewPage";
import { OfferSetupPage } from "./offer/OfferSetupPage";
import { PlanListingPage } from "./offer/PlanListingPage";
import { PlanOverviewPage } from "./offer/PlanOverviewPage";
import { ReviewPublishPage } from "./offer/ReviewPublishPage";
import { TechnicalConfigurationPage } from "./offer/TechnicalConfigurationPage";
import type { Role } from "../api/types";

function PartnerLayout() {
  const user = usePublisherUser();
  return (
    <WithSideNav
      nav={
        <SideNav
          label="Partner Center"
          heading="Commercial Marketplace"
          items={[
            { to: "/partner", label: "Overview", end: true },
            { to: "/partner/leads", label: "Leads" },
            { to: "/partner/referrals/deals", label: "Referrals" },
            { to: "/partner/installations", label: "Installations" },
            { to: "/partner/usage", label: "Usage" },
            { to: "/partner/settings/users", label: "Users" },
            ...(user.role === "global_admin" ? [{ to: WEBHOOKS, label: "Webhooks" }] : []),
          ]}
        />
      }
    >
      <Outlet />
    </WithSideNav>
  );
}

// The roles of publisher staff accounts (docs/openapi.yaml Role; `app` is an API key's, not a person's).
const publisherRoleLabels: Record<string, string> = {
  global_admin: "Global admin",
  account_admin: "Account admin",
  developer: "Developer",
  viewer: "Viewer",
} satisfies Record<Exclude<Role, "app">, string>;

const WEBHOOKS = "/partner/settings/webhooks";

// Account settings: the publisher's webhook endpoints (global admins only).
function PartnerWebhooks({ endpoint }: { endpoint?: boolean }) {
  const user = usePublisherUser();
  if (user.role !== "global_admin") return <GlobalAdminsOnly />;
  return endpoint ? (
    <WebhookPage api={publisherWebhooks} basePath={WEBHOOKS} />
  ) : (
    <WebhooksPage
      api={publisherWebhooks}
      basePath={WEBHOOKS}
      intro="Seatkeeper sends your publisher's events (offers, deals, licenses, seats, installs…) to these endpoints as they happen: signed, retried when an endpoint fails, and replayable."
    />
  );
}

// Account settings: the publisher's sign-in users (global admins manage them).
function PartnerUsersPage() {
  const user = usePublisherUser();
  return (
    <StaffPage
      title="Users"
      intro="The people who sign in to Partner Center for this publisher. Disabling or deleting someone signs them out at once."
      roleLabels={publisherRoleLabels}
      manage={user.role === "global_admin"}
    />
  );
}

export default function PartnerRoutes() {
  return (
    <Routes>
      <Route element={<PartnerLayout />}>
        <Route index element={<OverviewPage />} />
        <Route path="offers/new" element={<NewOfferPage />} />
        <Route path="leads" element={<LeadsPage />} />
        <Route path="referrals" element={<Navigate to="/partner/referrals/deals" replace />} />
        <Route path="referrals/deals" element={<DealsPage />} />
        <Route path="referrals/deals/new" element={<NewDealPage />} />
        <Route path="referrals/deals/:dealId" element={<DealLayout />}>
          <Route index element={<DealOverviewPage />} />
          <Route path="licenses" element={<ManageLicensesPage />} />
          <Route path="audit" element={<DealAuditPage />} />
        </Route>
        <Route path="installations" element={<InstallationsPage />} />
        <Route path="usage" element={<UsagePage />} />
        <Route path="settings/users" element={<PartnerUsersPage />} />
        <Route path="settings/webhooks" element={<PartnerWebhooks />} />
        <Route path="settings/webhooks/:webhookId" element={<PartnerWebhooks endpoint />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
      <Route path="offers/:offerId" element={<OfferLayout />}>
        <Route index element={<OfferOverviewPage />} />
        <Route path="setup" element={<OfferSetupPage />} />
        <Route path="plans" element={<PlanOverviewPage />} />
        <Route path="plans/new" element={<NewPlanPage />} />
        <Route path="plans/:planId" element={<PlanListingPage />} />
        <Route path="technical" element={<TechnicalConfigurationPage />} />
        <Route path="review" element={<ReviewPublishPage />} />
        <Route path="audit" element={<AuditLogPage />} />
      </Route>
    </Routes>
  );
}

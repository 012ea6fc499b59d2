// Partner Center (/partner): the publisher's offers, plans, review and publish, go live, leads.
import { Outlet, Route, Routes } from "react-router";
import { NotFoundPage } from "../components/NotFoundPage";
import { SideNav, WithSideNav } from "../components/layout";
import { LeadsPage } from "./LeadsPage";
import { NewOfferPage } from "./NewOfferPage";
import { OverviewPage } from "./OverviewPage";
import { AuditLogPage } from "./offer/AuditLogPage";
import { NewPlanPage } from "./offer/NewPlanPage";
import { OfferLayout } from "./offer/OfferLayout";
import { OfferOverviewPage } from "./offer/OfferOverviewPage";
import { OfferSetupPage } from "./offer/OfferSetupPage";
import { PlanListingPage } from "./offer/PlanListingPage";
import { PlanOverviewPage } from "./offer/PlanOverviewPage";
import { ReviewPublishPage } from "./offer/ReviewPublishPage";
import { TechnicalConfigurationPage } from "./offer/TechnicalConfigurationPage";

function PartnerLayout() {
  return (
    <WithSideNav
      nav={
        <SideNav
          label="Partner Center"
          heading="Commercial Marketplace"
          items={[
            { to: "/partner", label: "Overview", end: true },
            { to: "/partner/leads", label: "Leads" },
          ]}
        />
      }
    >
      <Outlet />
    </WithSideNav>
  );
}

export default function PartnerRoutes() {
  return (
    <Routes>
      <Route element={<PartnerLayout />}>
        <Route index element={<OverviewPage />} />
        <Route path="offers/new" element={<NewOfferPage />} />
        <Route path="leads" element={<LeadsPage />} />
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

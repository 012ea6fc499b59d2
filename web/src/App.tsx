// One single-page app for every surface: the sign-in page, Partner Center (/partner), the Admin Center
// (/admin) and the Marketplace (/marketplace) share the API client, the session, the header and the theme, and
// link into each other (an offer's Marketplace link, the product page's Partner Center link). Each surface is its own lazily loaded
// chunk, so a marketplace visitor does not download Partner Center.
import {
  FluentProvider,
  Toaster,
  makeStaticStyles,
  makeStyles,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { Suspense, lazy } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { AuthProvider, RequireSignIn } from "./auth/auth";
import { AppHeader } from "./components/AppHeader";
import { Loading, TOASTER_ID } from "./components/feedback";
import { NotFoundPage } from "./components/NotFoundPage";
import { ForgotPasswordPage, ResetPasswordPage } from "./auth/PasswordResetPages";
import { SignInPage } from "./auth/SignInPage";

const PartnerRoutes = lazy(() => import("./partner/PartnerRoutes"));
const MarketplaceRoutes = lazy(() => import("./marketplace/MarketplaceRoutes"));
const AdminRoutes = lazy(() => import("./admin/AdminRoutes"));

// The sticky header must not cover what the browser scrolls to (a focused field, a link).
const useGlobalStyles = makeStaticStyles({
  html: { scrollPaddingTop: "64px" },
  body: { margin: 0 },
  "h1, h2, h3": { margin: 0 },
});

// Layout styles go on a div inside the provider: Fluent copies the provider's classes onto every portal
// (toasts, dialogs, menus), and a full-height background there would cover the page.
const useStyles = makeStyles({
  root: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground2 },
});

export function App() {
  useGlobalStyles();
  const s = useStyles();
  return (
    <FluentProvider theme={webLightTheme}>
      <div className={s.root}>
        <BrowserRouter>
          <AuthProvider>
            <AppHeader />
            <Suspense fallback={<Loading />}>
              <Routes>
                <Route path="/" element={<Navigate to="/marketplace" replace />} />
                <Route path="/signin" element={<SignInPage />} />
                <Route path="/password-reset" element={<ForgotPasswordPage />} />
                <Route path="/password-reset/:token" element={<ResetPasswordPage />} />
                <Route
                  path="/partner/*"
                  element={
                    <RequireSignIn publisher>
                      <PartnerRoutes />
                    </RequireSignIn>
                  }
                />
                <Route path="/marketplace/*" element={<MarketplaceRoutes />} />
                {/* The invitation page is public (a new customer signs up there); AdminRoutes guards the rest. */}
                <Route path="/admin/*" element={<AdminRoutes />} />
                <Route path="*" element={<NotFoundPage />} />
              </Routes>
            </Suspense>
          </AuthProvider>
        </BrowserRouter>
      </div>
      <Toaster toasterId={TOASTER_ID} position="bottom-end" pauseOnHover />
    </FluentProvider>
  );
}

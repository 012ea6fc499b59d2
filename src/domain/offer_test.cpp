#include "domain/offer.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace seatkeeper::domain {
namespace {

const std::vector<OfferState> kAllStates{OfferState::kDraft,   OfferState::kInReview,   OfferState::kNeedsAttention,
                                         OfferState::kPreview, OfferState::kPublishing, OfferState::kLive};
const std::vector<OfferChange> kAllChanges{OfferChange::kListing, OfferChange::kLicensing, OfferChange::kCallToAction,
                                           OfferChange::kTechnicalConfiguration, OfferChange::kPlans};
const std::vector<CallToAction> kAllCallsToAction{CallToAction::kGetItNow, CallToAction::kFreeTrial,
                                                  CallToAction::kContactMe};

std::string name_of(OfferChange change) {
    switch (change) {
        case OfferChange::kListing:
            return "listing";
        case OfferChange::kLicensing:
            return "licensing";
        case OfferChange::kCallToAction:
            return "call_to_action";
        case OfferChange::kTechnicalConfiguration:
            return "technical_configuration";
        case OfferChange::kPlans:
            return "plans";
    }
    return "?";
}

void expect_conflict(const Status& status, std::string_view rule) {
    EXPECT_EQ(status.code(), StatusCode::kConflict);
    EXPECT_EQ(status.rule(), rule);
    EXPECT_FALSE(status.message().empty());
}

// ---- Which changes each state allows ----------------------------------------------------------------------

// Together the tests below cover every (state × change) pair.
TEST(OfferChangeAllowed, DraftAllowsEveryChange) {
    for (const OfferChange change : kAllChanges) {
        EXPECT_TRUE(check_change_allowed(OfferState::kDraft, change).ok()) << name_of(change);
    }
}

TEST(OfferChangeAllowed, NeedsAttentionAllowsEveryChange) {
    for (const OfferChange change : kAllChanges) {
        EXPECT_TRUE(check_change_allowed(OfferState::kNeedsAttention, change).ok()) << name_of(change);
    }
}

TEST(OfferChangeAllowed, PreviewAllowsEveryChange) {
    for (const OfferChange change : kAllChanges) {
        EXPECT_TRUE(check_change_allowed(OfferState::kPreview, change).ok()) << name_of(change);
    }
}

TEST(OfferChangeAllowed, InReviewFreezesTheOffer) {
    for (const OfferChange change : kAllChanges) {
        SCOPED_TRACE(name_of(change));
        expect_conflict(check_change_allowed(OfferState::kInReview, change), "offer_in_review");
    }
}

TEST(OfferChangeAllowed, PublishingFreezesTheOffer) {
    for (const OfferChange change : kAllChanges) {
        SCOPED_TRACE(name_of(change));
        expect_conflict(check_change_allowed(OfferState::kPublishing, change), "offer_publishing");
    }
}

TEST(OfferChangeAllowed, LiveAllowsListingAndCallToAction) {
    EXPECT_TRUE(check_change_allowed(OfferState::kLive, OfferChange::kListing).ok());
    EXPECT_TRUE(check_change_allowed(OfferState::kLive, OfferChange::kCallToAction).ok());
}

TEST(OfferChangeAllowed, LiveFixesLicensingTechnicalConfigurationAndPlans) {
    for (const OfferChange change :
         {OfferChange::kLicensing, OfferChange::kTechnicalConfiguration, OfferChange::kPlans}) {
        SCOPED_TRACE(name_of(change));
        expect_conflict(check_change_allowed(OfferState::kLive, change), "offer_live");
    }
}

TEST(OfferStateAfterChange, PreviewGoesBackToDraft) {
    EXPECT_EQ(state_after_change(OfferState::kPreview), OfferState::kDraft);
}

TEST(OfferStateAfterChange, OtherStatesStayPut) {
    for (const OfferState state : kAllStates) {
        if (state == OfferState::kPreview) continue;
        EXPECT_EQ(state_after_change(state), state) << to_string(state);
    }
}

// ---- Review and publish, go live --------------------------------------------------------------------------

TEST(OfferPublish, AllowedFromDraftNeedsAttentionAndPreview) {
    for (const OfferState state : {OfferState::kDraft, OfferState::kNeedsAttention, OfferState::kPreview}) {
        EXPECT_TRUE(check_publish(state).ok()) << to_string(state);
    }
}

TEST(OfferPublish, RefusedWhileInReview) { expect_conflict(check_publish(OfferState::kInReview), "offer_in_review"); }

TEST(OfferPublish, RefusedWhilePublishing) {
    expect_conflict(check_publish(OfferState::kPublishing), "offer_publishing");
}

TEST(OfferPublish, RefusedWhenLive) { expect_conflict(check_publish(OfferState::kLive), "offer_live"); }

TEST(OfferGoLive, AllowedFromPreview) { EXPECT_TRUE(check_go_live(OfferState::kPreview).ok()); }

TEST(OfferGoLive, RefusedBeforePreviewNamingTheState) {
    for (const OfferState state : {OfferState::kDraft, OfferState::kInReview, OfferState::kNeedsAttention}) {
        SCOPED_TRACE(to_string(state));
        const Status s = check_go_live(state);
        expect_conflict(s, "offer_not_in_preview");
        EXPECT_NE(s.message().find(to_string(state)), std::string::npos) << s.message();
    }
}

TEST(OfferGoLive, RefusedWhilePublishing) {
    expect_conflict(check_go_live(OfferState::kPublishing), "offer_publishing");
}

TEST(OfferGoLive, RefusedWhenLive) { expect_conflict(check_go_live(OfferState::kLive), "offer_live"); }

// ---- Licensing options --------------------------------------------------------------------------------------

Offer offer_with(Licensing licensing, bool locked) {
    Offer offer;
    offer.publisher_id = "contoso";
    offer.id = "crm";
    offer.licensing = licensing;
    offer.licensing_locked = locked;
    return offer;
}

TEST(OfferLicensing, UnlockedOfferMayEnableLicenseManagement) {
    EXPECT_TRUE(check_licensing(offer_with({false, false}, false), {true, false}).ok());
    EXPECT_TRUE(check_licensing(offer_with({false, false}, false), {true, true}).ok());
}

TEST(OfferLicensing, UnlockedOfferMayDisableLicenseManagement) {
    EXPECT_TRUE(check_licensing(offer_with({true, true}, false), {false, false}).ok());
}

TEST(OfferLicensing, LockedOfferRefusesEveryChange) {
    const std::vector<Licensing> all{{false, false}, {true, false}, {true, true}};
    for (const Licensing& current : all) {
        for (const Licensing& wanted : all) {
            if (current.license_management == wanted.license_management &&
                current.allow_install_without_license == wanted.allow_install_without_license) {
                continue;
            }
            SCOPED_TRACE(::testing::Message()
                         << "from {" << current.license_management << "," << current.allow_install_without_license
                         << "} to {" << wanted.license_management << "," << wanted.allow_install_without_license
                         << "}");
            const Status s = check_licensing(offer_with(current, true), wanted);
            expect_conflict(s, "licensing_locked");
            EXPECT_EQ(s.field(), "licensing");
        }
    }
}

TEST(OfferLicensing, LockedOfferAcceptsUnchangedValues) {
    for (const Licensing& same : {Licensing{false, false}, Licensing{true, false}, Licensing{true, true}}) {
        EXPECT_TRUE(check_licensing(offer_with(same, true), same).ok())
            << same.license_management << same.allow_install_without_license;
    }
}

TEST(OfferLicensing, InstallWithoutLicenseRequiresLicenseManagement) {
    const Status s = check_licensing(offer_with({false, false}, false), {false, true});
    EXPECT_EQ(s.code(), StatusCode::kInvalid);
    EXPECT_EQ(s.field(), "licensing.allow_install_without_license");
    EXPECT_EQ(s.rule(), "requires_license_management");
}

TEST(OfferCallToAction, AnyChoiceWithoutLicenseManagement) {
    for (const CallToAction cta : kAllCallsToAction) {
        EXPECT_TRUE(check_call_to_action({false, false}, cta).ok()) << to_string(cta);
    }
    EXPECT_TRUE(check_call_to_action({false, false}, std::nullopt).ok());
}

TEST(OfferCallToAction, NoneForALicenseManagedOffer) {
    EXPECT_TRUE(check_call_to_action({true, false}, std::nullopt).ok());
    for (const Licensing licensing : {Licensing{true, false}, Licensing{true, true}}) {
        for (const CallToAction cta : kAllCallsToAction) {
            SCOPED_TRACE(to_string(cta));
            const Status s = check_call_to_action(licensing, cta);
            EXPECT_EQ(s.code(), StatusCode::kInvalid);
            EXPECT_EQ(s.field(), "call_to_action");
            EXPECT_EQ(s.rule(), "license_managed");
        }
    }
}

// ---- Marketplace actions ------------------------------------------------------------------------------------

struct ActionsCase {
    bool license_management;
    bool allow_install_without_license;
    std::optional<CallToAction> call_to_action;
    std::vector<CallToAction> actions;
};

TEST(MarketplaceActions, FollowTheLicensingOptionsAndCallToAction) {
    using enum CallToAction;
    const std::vector<ActionsCase> table{
        // License-managed: Contact me, plus Get it now when install without licenses is allowed; any stored
        // call to action is ignored.
        {true, false, std::nullopt, {kContactMe}},
        {true, false, kGetItNow, {kContactMe}},
        {true, false, kFreeTrial, {kContactMe}},
        {true, false, kContactMe, {kContactMe}},
        {true, true, std::nullopt, {kContactMe, kGetItNow}},
        {true, true, kGetItNow, {kContactMe, kGetItNow}},
        {true, true, kFreeTrial, {kContactMe, kGetItNow}},
        {true, true, kContactMe, {kContactMe, kGetItNow}},
        // Without license management: the chosen call to action alone (none chosen: no button).
        {false, false, std::nullopt, {}},
        {false, false, kGetItNow, {kGetItNow}},
        {false, false, kFreeTrial, {kFreeTrial}},
        {false, false, kContactMe, {kContactMe}},
        {false, true, std::nullopt, {}},
        {false, true, kGetItNow, {kGetItNow}},
        {false, true, kFreeTrial, {kFreeTrial}},
        {false, true, kContactMe, {kContactMe}},
    };
    for (const auto& c : table) {
        SCOPED_TRACE(::testing::Message() << "license_management=" << c.license_management
                                          << " allow_install=" << c.allow_install_without_license
                                          << " cta=" << (c.call_to_action ? to_string(*c.call_to_action) : "none"));
        Offer offer = offer_with({c.license_management, c.allow_install_without_license}, false);
        offer.call_to_action = c.call_to_action;
        EXPECT_EQ(marketplace_actions(offer), c.actions);
    }
}

// ---- Review: listing and plans ------------------------------------------------------------------------------

Offer complete_offer() {
    Offer offer = offer_with({true, false}, false);
    offer.listing = {"Contoso CRM", "CRM for small teams", "Contacts, deals and more.",
                     "https://contoso.example/privacy", "https://contoso.example/support"};
    offer.package_url = "https://contoso.example/crm.zip";
    return offer;
}

std::vector<Plan> complete_plans() {
    return {{"basic", "Basic", "The basics", "", PlanState::kDraft},
            {"pro", "Pro", "Everything", "https://contoso.example/pro", PlanState::kPublished}};
}

TEST(ReviewListing, CompleteLicenseManagedOfferHasNoNotifications) {
    EXPECT_EQ(review_listing(complete_offer(), complete_plans()), std::vector<Notification>{});
}

TEST(ReviewListing, CompleteOfferWithCallToActionHasNoNotifications) {
    Offer offer = complete_offer();
    offer.licensing = {false, false};
    offer.call_to_action = CallToAction::kFreeTrial;
    EXPECT_EQ(review_listing(offer, complete_plans()), std::vector<Notification>{});
}

TEST(ReviewListing, UploadedPackageStandsInForAPackageUrl) {
    Offer offer = complete_offer();
    offer.package_url.clear();
    offer.has_uploaded_package = true;
    EXPECT_EQ(review_listing(offer, complete_plans()), std::vector<Notification>{});
}

struct MissingCase {
    std::string what;
    std::function<void(Offer&, std::vector<Plan>&)> break_it;
    std::string code;
    std::string field;
    std::string location;
};

TEST(ReviewListing, EachMissingPieceGivesOneNotification) {
    const std::vector<MissingCase> table{
        {"name", [](Offer& o, auto&) { o.listing.name.clear(); }, "listing_incomplete", "listing.name",
         "Offer listing"},
        {"summary", [](Offer& o, auto&) { o.listing.summary.clear(); }, "listing_incomplete", "listing.summary",
         "Offer listing"},
        {"description", [](Offer& o, auto&) { o.listing.description.clear(); }, "listing_incomplete",
         "listing.description", "Offer listing"},
        {"call to action",
         [](Offer& o, auto&) {
             o.licensing = {false, false};
             o.call_to_action.reset();
         },
         "call_to_action_missing", "call_to_action", "Offer setup"},
        {"package", [](Offer& o, auto&) { o.package_url.clear(); }, "package_missing",
         "technical_configuration.package_url", "Technical configuration"},
        {"plans", [](Offer&, std::vector<Plan>& p) { p.clear(); }, "plans_missing", "plans", "Plan overview"},
        {"plan description", [](Offer&, std::vector<Plan>& p) { p[1].description.clear(); }, "plan_incomplete",
         "plans.pro.description", "Plan listing: pro"},
    };
    for (const auto& c : table) {
        SCOPED_TRACE("missing " + c.what);
        Offer offer = complete_offer();
        std::vector<Plan> plans = complete_plans();
        c.break_it(offer, plans);
        const auto notifications = review_listing(offer, plans);
        ASSERT_EQ(notifications.size(), 1U);
        const Notification& n = notifications.front();
        EXPECT_EQ(n.code, c.code);
        EXPECT_EQ(n.field, c.field);
        EXPECT_EQ(n.location, c.location);
        EXPECT_FALSE(n.message.empty());
        EXPECT_FALSE(n.fix.empty());
    }
}

TEST(ReviewListing, ReportsEveryProblemAtOnce) {
    Offer empty;
    empty.publisher_id = "contoso";
    empty.id = "crm";
    std::vector<std::string> codes;
    for (const auto& n : review_listing(empty, {})) codes.push_back(n.code);
    EXPECT_EQ(codes, (std::vector<std::string>{"listing_incomplete", "listing_incomplete", "listing_incomplete",
                                               "call_to_action_missing", "package_missing", "plans_missing"}));
}

TEST(ReviewListing, NamesEachPlanWithoutDescription) {
    std::vector<Plan> plans = complete_plans();
    for (Plan& p : plans) p.description.clear();
    std::vector<std::string> fields;
    for (const auto& n : review_listing(complete_offer(), plans)) fields.push_back(n.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"plans.basic.description", "plans.pro.description"}));
}

// ---- Review: package against plans --------------------------------------------------------------------------

PackageManifest manifest_for(const std::vector<std::string>& service_ids) {
    PackageManifest m;
    m.has_service_plans = true;
    m.has_app_modules = true;
    for (const auto& sid : service_ids) {
        m.service_plans.push_back({sid, "Plan " + sid, "https://contoso.example/" + sid});
        m.app_modules.push_back({sid, "contoso_crm"});
    }
    return m;
}

const std::vector<std::string> kGoodServiceIds{"contoso.crm.basic", "contoso.crm.pro"};

TEST(ReviewPackage, MatchingPackageHasNoNotifications) {
    EXPECT_EQ(review_package_against_plans(complete_offer(), complete_plans(), manifest_for(kGoodServiceIds)),
              std::vector<Notification>{});
}

TEST(ReviewPackage, ReportsAPlanWhoseServiceIdIsMissing) {
    const auto notifications =
        review_package_against_plans(complete_offer(), complete_plans(), manifest_for({"contoso.crm.basic"}));
    ASSERT_EQ(notifications.size(), 1U);
    const Notification& n = notifications.front();
    EXPECT_EQ(n.code, "service_id_missing");
    EXPECT_EQ(n.field, "technical_configuration.package_url");
    EXPECT_EQ(n.location, "ServicePlans/ServicePlans.xml");
    EXPECT_NE(n.message.find("contoso.crm.pro"), std::string::npos) << n.message;
    EXPECT_NE(n.fix.find("contoso.crm.pro"), std::string::npos) << n.fix;
}

TEST(ReviewPackage, ReportsAServiceIdThatBelongsToNoPlan) {
    for (const std::string unknown : {"contoso.crm.enterprise", "contoso.other.basic", "fabrikam.crm.basic"}) {
        SCOPED_TRACE(unknown);
        auto ids = kGoodServiceIds;
        ids.push_back(unknown);
        const auto notifications = review_package_against_plans(complete_offer(), complete_plans(), manifest_for(ids));
        ASSERT_EQ(notifications.size(), 1U);
        const Notification& n = notifications.front();
        EXPECT_EQ(n.code, "service_id_unknown");
        EXPECT_EQ(n.field, "technical_configuration.package_url");
        EXPECT_EQ(n.location, "ServicePlans/ServicePlans.xml");
        EXPECT_NE(n.message.find(unknown), std::string::npos) << n.message;
    }
}

TEST(ReviewPackage, ReportsAServiceIdMappedToNoAppModule) {
    PackageManifest m = manifest_for(kGoodServiceIds);
    m.app_modules.pop_back();
    const auto notifications = review_package_against_plans(complete_offer(), complete_plans(), m);
    ASSERT_EQ(notifications.size(), 1U);
    const Notification& n = notifications.front();
    EXPECT_EQ(n.code, "service_id_unmapped");
    EXPECT_EQ(n.field, "technical_configuration.package_url");
    EXPECT_EQ(n.location, "ServicePlans/ServicePlansAppModules.xml");
    EXPECT_NE(n.message.find("contoso.crm.pro"), std::string::npos) << n.message;
}

TEST(ReviewPackage, MappingToAnEmptyAppModuleCountsAsUnmapped) {
    PackageManifest m = manifest_for(kGoodServiceIds);
    m.app_modules.front().app_module.clear();
    const auto notifications = review_package_against_plans(complete_offer(), complete_plans(), m);
    ASSERT_EQ(notifications.size(), 1U);
    EXPECT_EQ(notifications.front().code, "service_id_unmapped");
    EXPECT_NE(notifications.front().message.find("contoso.crm.basic"), std::string::npos);
}

TEST(ReviewPackage, MissingServiceIdIsNotAlsoReportedUnmapped) {
    const auto notifications = review_package_against_plans(complete_offer(), complete_plans(), manifest_for({}));
    std::vector<std::string> codes;
    for (const auto& n : notifications) codes.push_back(n.code);
    EXPECT_EQ(codes, (std::vector<std::string>{"service_id_missing", "service_id_missing"}));
}

TEST(ReviewPackage, NothingToCheckWithoutLicenseManagement) {
    Offer offer = complete_offer();
    offer.licensing = {false, false};
    offer.call_to_action = CallToAction::kContactMe;
    EXPECT_EQ(review_package_against_plans(offer, complete_plans(), manifest_for({"fabrikam.other.plan"})),
              std::vector<Notification>{});
}

// ---- Names on the wire --------------------------------------------------------------------------------------

TEST(OfferStateNames, RoundTrip) {
    const std::vector<std::string> names{"draft", "in_review", "needs_attention", "preview", "publishing", "live"};
    ASSERT_EQ(names.size(), kAllStates.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        EXPECT_EQ(to_string(kAllStates[i]), names[i]);
        EXPECT_EQ(parse_offer_state(names[i]), kAllStates[i]) << names[i];
    }
}

TEST(OfferStateNames, UnknownNameParsesToNothing) {
    for (const auto* text : {"", "Draft", "DRAFT", "in-review", "archived", " live"}) {
        EXPECT_EQ(parse_offer_state(text), std::nullopt) << text;
    }
}

TEST(CallToActionNames, RoundTrip) {
    const std::vector<std::string> names{"get_it_now", "free_trial", "contact_me"};
    for (std::size_t i = 0; i < names.size(); ++i) {
        EXPECT_EQ(to_string(kAllCallsToAction[i]), names[i]);
        EXPECT_EQ(parse_call_to_action(names[i]), kAllCallsToAction[i]) << names[i];
    }
}

TEST(CallToActionNames, UnknownNameParsesToNothing) {
    for (const auto* text : {"", "Get it now", "get-it-now", "buy_now"}) {
        EXPECT_EQ(parse_call_to_action(text), std::nullopt) << text;
    }
}

TEST(PlanStateNames, RoundTrip) {
    const std::vector<std::pair<PlanState, std::string>> names{
        {PlanState::kDraft, "draft"}, {PlanState::kSubmitted, "submitted"}, {PlanState::kPublished, "published"}};
    for (const auto& [state, name] : names) {
        EXPECT_EQ(to_string(state), name);
        EXPECT_EQ(parse_plan_state(name), state) << name;
    }
}

TEST(PlanStateNames, UnknownNameParsesToNothing) {
    for (const auto* text : {"", "Published", "live"}) EXPECT_EQ(parse_plan_state(text), std::nullopt) << text;
}

}  // namespace
}  // namespace seatkeeper::domain

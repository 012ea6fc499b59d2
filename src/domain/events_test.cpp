#include "domain/events.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace seatkeeper::domain {
namespace {

namespace bj = boost::json;

std::string text_of(const bj::value& value) { return bj::serialize(value); }

// ---- Types

TEST(EventType, EveryTypeReadsBackFromItsText) {
    for (const auto& row : kEventTypes) {
        EXPECT_EQ(to_string(row.type), row.name);
        EXPECT_EQ(parse_event_type(row.name), row.type) << row.name;
    }
}

TEST(EventType, TextsAreUniqueAndStartWithTheirFamily) {
    std::set<std::string_view> seen;
    for (const auto& row : kEventTypes) {
        EXPECT_TRUE(seen.insert(row.name).second) << row.name << " twice";
        // The feed filters by family with a prefix of the stored type (service/events.cpp).
        const std::string prefix = std::string(to_string(row.family)) + ".";
        EXPECT_TRUE(row.name.starts_with(prefix)) << row.name;
        EXPECT_GT(row.name.size(), prefix.size()) << row.name;
        EXPECT_EQ(family_of(row.type), row.family);
    }
}

TEST(EventType, TextsThatNameNoTypeParseToNothing) {
    for (const auto* text : {"", "seat", "seat.", "seat.assigned ", "Seat.Assigned", "seat.transferred",
                             "seat_assigned", "offers.created"}) {
        EXPECT_EQ(parse_event_type(text), std::nullopt) << text;
    }
}

TEST(EventType, KnowsItsPayloadKind) {
    EXPECT_EQ(payload_kind(EventType::kSeatAssigned), PayloadKind::kSeat);
    EXPECT_EQ(payload_kind(EventType::kLicenseRemoved), PayloadKind::kLicense);
    EXPECT_EQ(payload_kind(EventType::kApiKeyRevoked), PayloadKind::kApiKeyRevocation);
    EXPECT_EQ(payload_kind(EventType::kInvitationAccepted), PayloadKind::kInvitationAnswer);
    static_assert(std::is_same_v<PayloadOf<EventType::kSeatUnassigned>, SeatSnapshot>);
    static_assert(std::is_same_v<PayloadOf<EventType::kOfferReviewed>, OfferView>);
}

// ---- Snapshots: one sample of every kind with the exact JSON the feed shows for it.

struct Sample {
    Snapshot snapshot;
    std::string json;
};

std::vector<Sample> samples() {
    return {
        {OfferView{{{"id", "crm"}, {"state", "draft"}}}, R"({"id":"crm","state":"draft"})"},
        {PlanView{{{"id", "basic"}, {"service_id", "contoso.crm.basic"}}},
         R"({"id":"basic","service_id":"contoso.crm.basic"})"},
        {LeadSnapshot{"lead_1", "ann@example.com", "Fabrikam"},
         R"({"id":"lead_1","email":"ann@example.com","company":"Fabrikam"})"},
        {DealSnapshot{"deal_1",
                      "crm",
                      {"Fabrikam", "fabrikam.example", "buyer@fabrikam.example"},
                      {"basic", "premium"},
                      25,
                      1250050,
                      "EUR",
                      "2026-12-31",
                      DealState::kInProgress,
                      std::nullopt,
                      "trial"},
         R"({"id":"deal_1","offer_id":"crm","customer":{"name":"Fabrikam","domain":"fabrikam.example",)"
         R"("contact_email":"buyer@fabrikam.example"},"plan_ids":["basic","premium"],"seats":25,"value":1.25005E4,)"
         R"("currency":"EUR","close_date":"2026-12-31","state":"in_progress","tenant_id":null,"source":"trial"})"},
        {InvitationSnapshot{"inv_1", "admin@fabrikam.example", 1790000000123},
         R"({"id":"inv_1","email":"admin@fabrikam.example","expires_at":"2026-09-21T14:13:20.123Z"})"},
        {InvitationAnswerSnapshot{"inv_1", "accepted", "admin@fabrikam.example", "contoso", "crm"},
         R"({"id":"inv_1","state":"accepted","email":"admin@fabrikam.example","publisher_id":"contoso","offer_id":"crm"})"},
        {SignupCodeSnapshot{"inv_1", "admin@fabrikam.example"}, R"({"id":"inv_1","email":"admin@fabrikam.example"})"},
        {RelationshipSnapshot{"contoso", "t-1"}, R"({"publisher_id":"contoso","tenant_id":"t-1"})"},
        {LicenseSnapshot{"deal_1", "t-1", "contoso.crm.basic", "basic", "crm", 10, true,
                         LicenseTerm{*parse_day("2026-01-01"), *parse_day("2026-12-31"), 30}, "unpaid", "suspended",
                         false, true},
         R"({"deal_id":"deal_1","tenant_id":"t-1","service_id":"contoso.crm.basic","plan_id":"basic",)"
         R"("offer_id":"crm","quantity":10,"active":true,)"
         R"("term":{"start_date":"2026-01-01","end_date":"2026-12-31","grace_days":30},"suspension_reason":"unpaid",)"
         R"("status":"suspended","site":false,"trial":true})"},
        {SeatSnapshot{"t-1", "contoso.crm.basic", "ada@fabrikam.example", "basic", "grp_1"},
         R"({"tenant_id":"t-1","service_id":"contoso.crm.basic","upn":"ada@fabrikam.example","plan_id":"basic",)"
         R"("group_id":"grp_1"})"},
        {GroupSnapshot{"grp_1", "Sales", {"ada@fabrikam.example", "bob@fabrikam.example"}},
         R"({"id":"grp_1","name":"Sales","members":["ada@fabrikam.example","bob@fabrikam.example"]})"},
        {GroupMemberSnapshot{"grp_1", "ada@fabrikam.example"}, R"({"group_id":"grp_1","upn":"ada@fabrikam.example"})"},
        {GroupAssignmentSnapshot{"grp_1", "contoso.crm.basic"},
         R"({"group_id":"grp_1","service_id":"contoso.crm.basic"})"},
        {InstallationSnapshot{"ins_1", "contoso.crm", "production", "t-1"},
         R"({"id":"ins_1","offer":"contoso.crm","environment":"production","tenant_id":"t-1"})"},
        {TenantSnapshot{"t-1", "Fabrikam", {"fabrikam.example"}},
         R"({"id":"t-1","name":"Fabrikam","domains":["fabrikam.example"]})"},
        {DomainSnapshot{"fabrikam.example", "pending"}, R"({"domain":"fabrikam.example","state":"pending"})"},
        {DirectoryUserSnapshot{"ada@fabrikam.example", "Ada"},
         R"({"upn":"ada@fabrikam.example","display_name":"Ada"})"},
        {PublisherSnapshot{"contoso", "Contoso"}, R"({"id":"contoso","name":"Contoso"})"},
        {UserSnapshot{"usr_1", "ann@contoso.example", "Ann", "developer", false, "contoso", ""},
         R"({"id":"usr_1","email":"ann@contoso.example","name":"Ann","role":"developer","disabled":false,)"
         R"("publisher_id":"contoso"})"},
        {SignInSnapshot{"ses_1"}, R"({"session":"ses_1"})"},
        {PasswordChangeSnapshot{}, R"({})"},
        {PasswordResetSnapshot{"rst_1"}, R"({"reset":"rst_1"})"},
        {ApiKeySnapshot{"key_1", "CI", "global_admin", "", "t-1"},
         R"({"id":"key_1","name":"CI","role":"global_admin","tenant_id":"t-1"})"},
        {ApiKeyRevocationSnapshot{true}, R"({"revoked":true})"},
        {SigningKeySnapshot{"kid-1", "EdDSA"}, R"({"kid":"kid-1","alg":"EdDSA"})"},
        {SigningKeyResealSnapshot{"mk_1", {"kid-1", "kid-2"}}, R"({"master_key_id":"mk_1","kids":["kid-1","kid-2"]})"},
        {WebhookSnapshot{"wh_1", "https://hooks.example.com/x", "CRM", {"seat.*"}, false, "failing", "contoso", ""},
         R"({"id":"wh_1","url":"https://hooks.example.com/x","description":"CRM","events":["seat.*"],"enabled":false,)"
         R"("disabled_reason":"failing","publisher_id":"contoso"})"},
    };
}

bj::object json_of(const Snapshot& snapshot) {
    return std::visit([](const auto& s) { return s.to_json(); }, snapshot);
}

// Reads `json` as a snapshot of the same kind as `like`.
Result<Snapshot> read_like(const Snapshot& like, const bj::value& json) {
    return std::visit(
        [&](const auto& s) -> Result<Snapshot> {
            using Payload = std::decay_t<decltype(s)>;
            SK_ASSIGN_OR_RETURN(Payload read, Payload::from_json(json));
            return Snapshot(std::move(read));
        },
        like);
}

TEST(Snapshot, EveryKindHasASample) {
    std::set<std::size_t> kinds;
    for (const auto& sample : samples()) kinds.insert(sample.snapshot.index());
    EXPECT_EQ(kinds.size(), std::variant_size_v<Snapshot>);
}

TEST(Snapshot, EveryKindWritesTheFeedsJson) {
    for (const auto& sample : samples()) {
        EXPECT_EQ(text_of(json_of(sample.snapshot)), sample.json);
    }
}

TEST(Snapshot, EveryKindReadsBackWhatItWrote) {
    for (const auto& sample : samples()) {
        SCOPED_TRACE(sample.json);
        const auto read = read_like(sample.snapshot, bj::parse(sample.json));
        ASSERT_TRUE(read.ok()) << read.status().field() << ": " << read.status().message();
        EXPECT_EQ(read->index(), sample.snapshot.index());
        EXPECT_EQ(text_of(json_of(*read)), sample.json);
    }
}

TEST(Snapshot, OptionalFieldsWriteNullOrNothing) {
    EXPECT_EQ(text_of(SeatSnapshot{"t-1", "s", "ada@f.example", "basic", std::nullopt}.to_json()),
              R"({"tenant_id":"t-1","service_id":"s","upn":"ada@f.example","plan_id":"basic","group_id":null})");
    // The retired key of a rotation is named without its algorithm.
    EXPECT_EQ(text_of(SigningKeySnapshot{"kid-0", std::nullopt}.to_json()), R"({"kid":"kid-0"})");
    EXPECT_EQ(text_of(UserSnapshot{"usr_2", "t@f.example", "T", "user", true, "", "t-1"}.to_json()),
              R"({"id":"usr_2","email":"t@f.example","name":"T","role":"user","disabled":true,"tenant_id":"t-1"})");
}

TEST(Snapshot, ADealsWholeValueIsAnInteger) {
    DealSnapshot deal;
    deal.value_cents = 4200000;
    deal.tenant_id = "t-1";
    const bj::object json = deal.to_json();
    EXPECT_TRUE(json.at("value").is_int64());
    EXPECT_EQ(json.at("value").as_int64(), 42000);
    EXPECT_EQ(json.at("tenant_id").as_string(), "t-1");
    const auto read = DealSnapshot::from_json(json);
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(read->value_cents, 4200000);
    EXPECT_EQ(read->tenant_id, "t-1");
}

TEST(Snapshot, FieldsItDoesNotKnowAreIgnored) {
    const auto read = SeatSnapshot::from_json(
        bj::parse(R"({"tenant_id":"t","service_id":"s","upn":"u","plan_id":"p","group_id":null,"note":"new"})"));
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(read->upn, "u");
    EXPECT_EQ(read->group_id, std::nullopt);
}

// ---- Events

TEST(Event, AWrittenSeatEventReadsBack) {
    const Event written = make_event<EventType::kSeatAssigned>(
        seat_subject("t-1", "contoso.crm.basic", "ada@fabrikam.example"), std::nullopt,
        SeatSnapshot{"t-1", "contoso.crm.basic", "ada@fabrikam.example", "basic", std::nullopt}, "t-1");
    const std::string payload = text_of(payload_json(written));
    EXPECT_EQ(payload, R"({"before":null,"after":{"tenant_id":"t-1","service_id":"contoso.crm.basic",)"
                       R"("upn":"ada@fabrikam.example","plan_id":"basic","group_id":null}})");

    const auto read = parse_event("seat.assigned", written.subject(), "t-1", payload);
    ASSERT_TRUE(read.ok()) << read.status().message();
    EXPECT_EQ(read->type(), EventType::kSeatAssigned);
    EXPECT_EQ(read->subject(), "tenants/t-1/licenses/contoso.crm.basic/seats/ada@fabrikam.example");
    EXPECT_EQ(read->tenant_id(), "t-1");
    EXPECT_FALSE(read->before().has_value());
    EXPECT_EQ(read->before_as<SeatSnapshot>(), nullptr);
    const auto* seat = read->after_as<SeatSnapshot>();
    ASSERT_NE(seat, nullptr);
    EXPECT_EQ(seat->upn, "ada@fabrikam.example");
    EXPECT_EQ(seat->plan_id, "basic");
    EXPECT_EQ(read->after_as<LicenseSnapshot>(), nullptr);
}

// A license event written before issue 14 (no term, no suspension) reads as a license without an end.
TEST(Event, ALicenseEventFromBeforeTermsReadsAsNoEnd) {
    const std::string old = R"({"deal_id":"deal_1","tenant_id":"t-1","service_id":"contoso.crm.basic",)"
                            R"("plan_id":"basic","offer_id":"crm","quantity":10,"active":true})";
    const auto read = parse_event("license.granted", "s", "t-1", R"({"before":null,"after":)" + old + "}");
    ASSERT_TRUE(read.ok()) << read.status().message();
    const auto* license = read->after_as<LicenseSnapshot>();
    ASSERT_NE(license, nullptr);
    EXPECT_FALSE(license->term.has_value());
    EXPECT_FALSE(license->suspension_reason.has_value());
    EXPECT_EQ(license->quantity, 10);
}

// Every type reads back a payload of its kind on both sides, and writes it out unchanged.
TEST(Event, EveryTypeReadsAPayloadOfItsKind) {
    const auto all = samples();
    for (const auto& row : kEventTypes) {
        SCOPED_TRACE(std::string(row.name));
        const auto& sample = all.at(static_cast<std::size_t>(row.payload));
        ASSERT_EQ(sample.snapshot.index(), static_cast<std::size_t>(row.payload));
        const std::string payload = R"({"before":)" + sample.json + R"(,"after":)" + sample.json + "}";
        const auto read = parse_event(row.name, "s", "", payload);
        ASSERT_TRUE(read.ok()) << read.status().field() << ": " << read.status().message();
        EXPECT_EQ(read->type(), row.type);
        ASSERT_TRUE(read->before().has_value());
        ASSERT_TRUE(read->after().has_value());
        EXPECT_EQ(read->after()->index(), static_cast<std::size_t>(row.payload));
        EXPECT_EQ(text_of(payload_json(*read)), payload);
    }
}

struct Malformed {
    std::string type;
    std::string payload;
    std::string field;  // what the refusal names
};

TEST(Event, MalformedPayloadsAreRefused) {
    const std::string seat = R"("tenant_id":"t","service_id":"s","plan_id":"p")";
    const std::vector<Malformed> cases = {
        {"seat.transferred", R"({"before":null,"after":null})", "type"},
        {"seat.assigned", "not json", "payload"},
        {"seat.assigned", R"({"before":null,"after":)", "payload"},
        {"seat.assigned", R"([null, null])", "payload"},
        {"seat.assigned", R"({"after":null})", "before"},
        {"seat.assigned", R"({"before":null})", "after"},
        {"seat.assigned", R"({"before":null,"after":"not a seat"})", "after"},
        {"seat.assigned", R"({"before":null,"after":{)" + seat + "}}", "after.upn"},
        {"seat.assigned", R"({"before":null,"after":{)" + seat + R"(,"upn":42}})", "after.upn"},
        {"seat.unassigned", R"({"before":{)" + seat + R"(,"upn":"u","group_id":7},"after":null})", "before.group_id"},
        // A snapshot of another kind is not the type's.
        {"seat.assigned", R"({"before":null,"after":{"group_id":"g","service_id":"s"}})", "after.tenant_id"},
        {"license.changed",
         R"({"before":null,"after":{"deal_id":"d","tenant_id":"t","service_id":"s","plan_id":"p","offer_id":"o",)"
         R"("quantity":"10","active":true}})",
         "after.quantity"},
        {"license.changed",
         R"({"before":null,"after":{"deal_id":"d","tenant_id":"t","service_id":"s","plan_id":"p","offer_id":"o",)"
         R"("quantity":10,"active":1}})",
         "after.active"},
        {"license.granted",
         R"({"before":null,"after":{"deal_id":"d","tenant_id":"t","service_id":"s","plan_id":"p","offer_id":"o",)"
         R"("quantity":1.5,"active":true}})",
         "after.quantity"},
        {"installation.created", R"({"before":null,"after":{"id":"i","offer":"c.crm","environment":"prod"}})",
         "after.tenant_id"},
        {"tenant.created", R"({"before":null,"after":{"id":"t","name":"F","domains":"f.example"}})", "after.domains"},
        {"group.deleted", R"({"before":{"id":"g","name":"Sales","members":["a@f.example",1]},"after":null})",
         "before.members"},
        {"deal.registered",
         R"({"before":null,"after":{"id":"d","offer_id":"o","customer":{"domain":"f.example","contact_email":"b@f.example"},)"
         R"("plan_ids":[],"seats":1,"value":1,"currency":"EUR","close_date":"2026-01-01","state":"won","tenant_id":null}})",
         "after.customer.name"},
        {"deal.updated",
         R"({"before":null,"after":{"id":"d","offer_id":"o","customer":{"name":"F","domain":"f.example",)"
         R"("contact_email":"b@f.example"},"plan_ids":[],"seats":1,"value":"1","currency":"EUR",)"
         R"("close_date":"2026-01-01","state":"won","tenant_id":null}})",
         "after.value"},
        {"deal.state_changed",
         R"({"before":null,"after":{"id":"d","offer_id":"o","customer":{"name":"F","domain":"f.example",)"
         R"("contact_email":"b@f.example"},"plan_ids":[],"seats":1,"value":1,"currency":"EUR",)"
         R"("close_date":"2026-01-01","state":"open","tenant_id":null}})",
         "after.state"},
        {"invitation.created", R"({"before":null,"after":{"id":"i","email":"a@f.example","expires_at":"tomorrow"}})",
         "after.expires_at"},
        {"user.created",
         R"({"before":null,"after":{"id":"u","email":"a@f.example","name":"A","role":"viewer","disabled":false}})",
         "after.publisher_id"},
        {"api_key.revoked", R"({"before":{"revoked":"no"},"after":{"revoked":true}})", "before.revoked"},
        {"user.password_changed", R"({"before":null,"after":[]})", "after"},
        {"offer.updated", R"({"before":{"state":"draft"},"after":{"id":"crm"}})", "before.id"},
        {"plan.created", R"({"before":null,"after":{"id":7}})", "after.id"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.type + " " + c.payload);
        const auto read = parse_event(c.type, "s", "", c.payload);
        ASSERT_FALSE(read.ok());
        EXPECT_EQ(read.status().field(), c.field) << read.status().message();
        EXPECT_FALSE(read.status().message().empty());
    }
}

// ---- Subjects

TEST(EventSubject, EveryKindOfSubject) {
    EXPECT_EQ(offer_subject("crm"), "offers/crm");
    EXPECT_EQ(plan_subject("crm", "basic"), "offers/crm/plans/basic");
    EXPECT_EQ(lead_subject("crm", "lead_1"), "offers/crm/leads/lead_1");
    EXPECT_EQ(deal_subject("deal_1"), "deals/deal_1");
    EXPECT_EQ(invitation_subject("deal_1", "inv_1"), "deals/deal_1/invitations/inv_1");
    EXPECT_EQ(license_subject("deal_1", "basic"), "deals/deal_1/licenses/basic");
    EXPECT_EQ(relationship_subject("t-1"), "relationships/t-1");
    EXPECT_EQ(tenant_subject("t-1"), "tenants/t-1");
    EXPECT_EQ(domain_subject("t-1", "fabrikam.example"), "tenants/t-1/domains/fabrikam.example");
    EXPECT_EQ(directory_user_subject("t-1", "ada@f.example"), "tenants/t-1/users/ada@f.example");
    EXPECT_EQ(group_subject("t-1", "grp_1"), "tenants/t-1/groups/grp_1");
    EXPECT_EQ(group_assignment_subject("t-1", "contoso.crm.basic", "grp_1"),
              "tenants/t-1/licenses/contoso.crm.basic/groups/grp_1");
    EXPECT_EQ(seat_subject("t-1", "contoso.crm.basic", "ada@f.example"),
              "tenants/t-1/licenses/contoso.crm.basic/seats/ada@f.example");
    EXPECT_EQ(installation_subject("t-1", "ins_1"), "tenants/t-1/installations/ins_1");
    EXPECT_EQ(publisher_subject("contoso"), "publishers/contoso");
    EXPECT_EQ(user_subject("usr_1"), "users/usr_1");
    EXPECT_EQ(api_key_subject("key_1"), "api_keys/key_1");
    EXPECT_EQ(signing_key_subject("kid-1"), "signing_keys/kid-1");
    EXPECT_EQ(signing_keys_subject(), "signing_keys");
}

}  // namespace
}  // namespace seatkeeper::domain

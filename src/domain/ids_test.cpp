#include "domain/ids.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace seatkeeper::domain {
namespace {

void expect_invalid(const Status& status, std::string_view field, std::string_view rule) {
    EXPECT_EQ(status.code(), StatusCode::kInvalid);
    EXPECT_EQ(status.field(), field);
    EXPECT_EQ(status.rule(), rule);
    EXPECT_FALSE(status.message().empty());
}

// An ID made of `n` lowercase letters.
std::string id_of_length(std::size_t n) { return std::string(n, 'a'); }

struct Refusal {
    std::string input;
    std::string rule;
};

// The character rules shared by publisher, offer and plan IDs (PRODUCT.md steps 1, 2 and 4).
const std::vector<std::string> kGoodIds{"contoso", "crm", "crm-suite", "crm_suite", "crm2", "2crm", "a-b_c-9"};
const std::vector<Refusal> kBadIds{
    {"", "required"},
    {"crm suite", "no_spaces"},
    {" crm", "no_spaces"},
    {"crm ", "no_spaces"},
    {"Crm", "lowercase"},
    {"CRM", "lowercase"},
    {"crM", "lowercase"},
    {"crm.suite", "characters"},
    {"crm/suite", "characters"},
    {"crm+suite", "characters"},
    {"crm@suite", "characters"},
    {"crm\tsuite", "characters"},
    {"crm\nsuite", "characters"},
    {"cr\xC3\xA9", "characters"},  // "cré"
    {"\xC3\x9C"
     "ber",
     "characters"},                     // "Über": not ASCII, so not an uppercase ASCII letter either
    {"crm\xE2\x80\x8B", "characters"},  // a zero-width space
};

TEST(IdText, AcceptsLowercaseLettersDigitsHyphensAndUnderscores) {
    for (const auto& id : kGoodIds) EXPECT_TRUE(is_id_text(id)) << id;
}

TEST(IdText, RejectsEmptyText) { EXPECT_FALSE(is_id_text("")); }

TEST(IdText, RejectsDotsSoServiceIdsStayUnambiguous) { EXPECT_FALSE(is_id_text("crm.suite")); }

TEST(PublisherId, AcceptsTheIdAlphabet) {
    for (const auto& id : kGoodIds) EXPECT_TRUE(validate_publisher_id(id).ok()) << id;
}

TEST(PublisherId, RefusesEveryBrokenCharacterRule) {
    for (const auto& [input, rule] : kBadIds) {
        SCOPED_TRACE("publisher ID '" + input + "'");
        expect_invalid(validate_publisher_id(input), "id", rule);
    }
}

TEST(PublisherId, LeavesRoomForAtLeastOneOfferIdCharacter) {
    EXPECT_TRUE(validate_publisher_id(id_of_length(38)).ok());
    const Status too_long = validate_publisher_id(id_of_length(39));
    expect_invalid(too_long, "id", "max_length");
    EXPECT_NE(too_long.message().find("39"), std::string::npos) << too_long.message();
}

TEST(OfferId, AcceptsTheIdAlphabet) {
    for (const auto& id : kGoodIds) EXPECT_TRUE(validate_offer_id("contoso", id).ok()) << id;
}

TEST(OfferId, RequiresAnId) { expect_invalid(validate_offer_id("contoso", ""), "id", "required"); }

TEST(OfferId, RejectsSpaces) {
    for (const auto* id : {"crm suite", " crm", "crm "})
        expect_invalid(validate_offer_id("contoso", id), "id", "no_spaces");
}

TEST(OfferId, RejectsUppercase) {
    for (const auto* id : {"Crm", "CRM", "crM"}) expect_invalid(validate_offer_id("contoso", id), "id", "lowercase");
}

TEST(OfferId, RejectsCharactersOutsideTheAlphabet) {
    for (const auto& [input, rule] : kBadIds) {
        SCOPED_TRACE("offer ID '" + input + "'");
        expect_invalid(validate_offer_id("contoso", input), "id", rule);
    }
}

TEST(OfferId, AcceptsACombinedLengthOf39) { EXPECT_TRUE(validate_offer_id("contoso", id_of_length(32)).ok()); }

TEST(OfferId, RefusesACombinedLengthOf40) {
    expect_invalid(validate_offer_id("contoso", id_of_length(33)), "id", "max_length");
}

TEST(OfferId, HoldsTheBoundaryForEveryPublisherLength) {
    for (std::size_t publisher_length = 1; publisher_length <= 38; ++publisher_length) {
        const std::string publisher = id_of_length(publisher_length);
        const std::size_t room = 39 - publisher_length;
        SCOPED_TRACE("publisher length " + std::to_string(publisher_length));
        EXPECT_TRUE(validate_offer_id(publisher, id_of_length(room)).ok());
        expect_invalid(validate_offer_id(publisher, id_of_length(room + 1)), "id", "max_length");
    }
}

TEST(OfferId, LengthMessageNamesBothLengths) {
    const Status s = validate_offer_id("contoso", id_of_length(33));
    EXPECT_NE(s.message().find("'contoso' has 7"), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("at most 32"), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("(it has 33)"), std::string::npos) << s.message();
}

TEST(OfferId, ChecksCharactersBeforeLength) {
    expect_invalid(validate_offer_id("contoso", std::string(40, 'A')), "id", "lowercase");
}

TEST(PlanId, AcceptsTheIdAlphabet) {
    for (const auto& id : kGoodIds) EXPECT_TRUE(validate_plan_id(id).ok()) << id;
}

TEST(PlanId, RefusesEveryBrokenCharacterRule) {
    for (const auto& [input, rule] : kBadIds) {
        SCOPED_TRACE("plan ID '" + input + "'");
        expect_invalid(validate_plan_id(input), "id", rule);
    }
}

TEST(PlanId, AcceptsFiftyCharacters) { EXPECT_TRUE(validate_plan_id(id_of_length(50)).ok()); }

TEST(PlanId, RefusesFiftyOneCharacters) { expect_invalid(validate_plan_id(id_of_length(51)), "id", "max_length"); }

TEST(OfferAlias, AcceptsFreeText) {
    for (const auto* alias : {"Contoso CRM", "crm (internal) - v2", "x", "CRM \xC3\xA9t\xC3\xA9 2026"}) {
        EXPECT_TRUE(validate_offer_alias(alias).ok()) << alias;
    }
}

TEST(OfferAlias, IsRequired) {
    for (const auto* alias : {"", " ", "   ", "\t", " \t "}) {
        SCOPED_TRACE(std::string("alias '") + alias + "'");
        expect_invalid(validate_offer_alias(alias), "alias", "required");
    }
}

TEST(OfferAlias, AcceptsOneHundredCharacters) { EXPECT_TRUE(validate_offer_alias(std::string(100, 'x')).ok()); }

TEST(OfferAlias, RefusesOneHundredAndOneCharacters) {
    expect_invalid(validate_offer_alias(std::string(101, 'x')), "alias", "max_length");
}

TEST(OfferAlias, CountsCharactersNotBytes) {
    std::string hundred_accents;
    for (int i = 0; i < 100; ++i) hundred_accents += "\xC3\xA9";  // "é": two bytes, one character
    EXPECT_TRUE(validate_offer_alias(hundred_accents).ok());
    expect_invalid(validate_offer_alias(hundred_accents + "\xC3\xA9"), "alias", "max_length");
}

TEST(OfferAlias, RefusesControlCharacters) {
    for (const auto& alias :
         std::vector<std::string>{"Contoso\nCRM", "Contoso\rCRM", "Contoso\tCRM", std::string("Contoso\0CRM", 11),
                                  std::string("Contoso\x1b[31m"), std::string("Contoso\x7f")}) {
        SCOPED_TRACE("alias '" + alias + "'");
        expect_invalid(validate_offer_alias(alias), "alias", "characters");
    }
}

TEST(Email, AcceptsAddresses) {
    for (const auto* email : {"ada@contoso.example", "ada.lovelace+crm@mail.contoso.example", "a@b.c"}) {
        EXPECT_TRUE(validate_email("email", email).ok()) << email;
    }
}

TEST(Email, RefusesWhatIsNotAnAddress) {
    const std::string too_long = std::string(250, 'a') + "@b.cd";  // 255 characters
    for (const auto& email : std::vector<std::string>{
             "", "ada", "@contoso.example", "ada@", "ada@contoso", "ada@@contoso.example", "ada@contoso@example.com",
             "ada@contoso.example.", "ada @contoso.example", "ada@contoso.example\n", too_long}) {
        SCOPED_TRACE("email '" + email + "'");
        expect_invalid(validate_email("email", email), "email", "email");
    }
}

TEST(Email, NamesTheFieldItWasGiven) {
    const Status s = validate_email("customer.contact_email", "nope");
    expect_invalid(s, "customer.contact_email", "email");
    EXPECT_NE(s.message().find("customer.contact_email"), std::string::npos) << s.message();
}

TEST(Email, AcceptsTheLongestAllowedAddress) {
    EXPECT_TRUE(validate_email("email", std::string(249, 'a') + "@b.cd").ok());  // 254 characters
}

TEST(Url, AcceptsHttpAndHttpsUrlsWithAHost) {
    for (const auto* url : {"https://contoso.example/packages/crm.zip", "http://127.0.0.1:8080/crm.zip",
                            "https://contoso.example", "https://contoso.example/a?b=c#d"}) {
        EXPECT_TRUE(validate_url("package_url", url).ok()) << url;
    }
}

TEST(Url, RefusesWhatIsNotAnHttpUrl) {
    for (const auto& url : std::vector<std::string>{
             "", "contoso.example/crm.zip", "ftp://contoso.example/crm.zip", "file:///etc/passwd",
             "javascript:alert(1)", "https://", "http://", "https:///crm.zip", "https://contoso.example/a b",
             "https://contoso.example/\n", "https://contoso.example/\x7f", " https://contoso.example/"}) {
        SCOPED_TRACE("url '" + url + "'");
        expect_invalid(validate_url("package_url", url), "package_url", "url");
    }
}

TEST(Url, AcceptsUpTo2048Characters) {
    const std::string prefix = "https://contoso.example/";
    EXPECT_TRUE(validate_url("package_url", prefix + std::string(2048 - prefix.size(), 'a')).ok());
    expect_invalid(validate_url("package_url", prefix + std::string(2049 - prefix.size(), 'a')), "package_url", "url");
}

TEST(ServiceId, JoinsPublisherOfferAndPlanWithDots) {
    EXPECT_EQ(service_id("contoso", "crm-suite", "basic_2"), "contoso.crm-suite.basic_2");
}

}  // namespace
}  // namespace seatkeeper::domain

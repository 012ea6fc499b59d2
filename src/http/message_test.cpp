#include "http/message.hpp"

#include <gtest/gtest.h>

namespace seatkeeper::http {
namespace {

Request with_query(std::string query) {
    Request r;
    r.query = std::move(query);
    return r;
}

TEST(RequestQueryParam, DecodesPercentEscapes) {
    // What a browser's URLSearchParams or encodeURIComponent sends.
    EXPECT_EQ(with_query("subject=offers%2Fcrm&limit=200").query_param("subject"), "offers/crm");
    EXPECT_EQ(with_query("q=Contoso%20CRM").query_param("q"), "Contoso CRM");
    EXPECT_EQ(with_query("q=caf%C3%A9").query_param("q"), "caf\xC3\xA9");
}

TEST(RequestQueryParam, ReadsPlusAsSpace) { EXPECT_EQ(with_query("q=Contoso+CRM").query_param("q"), "Contoso CRM"); }

TEST(RequestQueryParam, KeepsPlainValuesAndFindsEncodedKeys) {
    EXPECT_EQ(with_query("subject=offers/crm").query_param("subject"), "offers/crm");
    EXPECT_EQ(with_query("offer%5Fid=crm").query_param("offer_id"), "crm");
}

TEST(RequestQueryParam, AbsentAndEmpty) {
    EXPECT_EQ(with_query("a=1").query_param("b"), std::nullopt);
    EXPECT_EQ(with_query("").query_param("a"), std::nullopt);
    EXPECT_EQ(with_query("a=").query_param("a"), "");
}

Request with_header(std::string name, std::string value) {
    Request r;
    r.headers.emplace_back(std::move(name), std::move(value));
    return r;
}

TEST(RequestBearerCredential, TakesWhatFollowsBearer) {
    const auto credential = with_header("authorization", "Bearer sk.key_1.secret").bearer_credential();
    ASSERT_TRUE(credential.ok());
    EXPECT_EQ(*credential, "sk.key_1.secret");
}

TEST(RequestBearerCredential, NoHeaderIsNoCredential) {
    const auto credential = Request{}.bearer_credential();
    ASSERT_TRUE(credential.ok());
    EXPECT_EQ(*credential, std::nullopt);
}

TEST(RequestBearerCredential, RefusesOtherSchemes) {
    for (const char* value : {"Basic dXNlcjpwYXNz", "Bearer", "sk.key_1.secret", ""}) {
        const auto credential = with_header("authorization", value).bearer_credential();
        EXPECT_EQ(credential.status().code(), StatusCode::kUnauthenticated) << value;
    }
}

TEST(RequestCookie, FindsTheNamedPair) {
    const Request r = with_header("cookie", "theme=dark; sk_session=abc.def;other=1");
    EXPECT_EQ(r.cookie("sk_session"), "abc.def");
    EXPECT_EQ(r.cookie("other"), "1");
    EXPECT_EQ(r.cookie("session"), std::nullopt);
    EXPECT_EQ(Request{}.cookie("sk_session"), std::nullopt);
}

}  // namespace
}  // namespace seatkeeper::http

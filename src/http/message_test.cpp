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

}  // namespace
}  // namespace seatkeeper::http

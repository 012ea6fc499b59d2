#include "http/router.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace seatkeeper::http {
namespace {

Router router_with(std::initializer_list<std::pair<const char*, const char*>> routes) {
    Router router;
    for (const auto& [method, pattern] : routes) {
        router.add({method, pattern, Access::kPublic, [](Context&) -> Result<Response> { return Response{}; }});
    }
    return router;
}

TEST(Router, NamedSegmentMatchesOneSegment) {
    const Router router = router_with({{"GET", "/api/v1/offers/{offer_id}"}});
    const Match m = router.match("GET", "/api/v1/offers/crm");
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.params.at("offer_id"), "crm");
    EXPECT_EQ(router.match("GET", "/api/v1/offers/crm/plans").route, nullptr);
    EXPECT_EQ(router.match("GET", "/api/v1/offers/crm/").route, nullptr);
}

TEST(Router, RestSegmentMatchesZeroOrMoreSegments) {
    const Router router = router_with({{"GET", "/partner/{path...}"}});
    struct Case {
        std::string path;
        std::string rest;
    };
    const std::vector<Case> cases{{"/partner", ""},
                                  {"/partner/", ""},
                                  {"/partner/offers", "offers"},
                                  {"/partner/offers/crm/plans/basic", "offers/crm/plans/basic"},
                                  {"/partner/offers/crm/", "offers/crm/"}};
    for (const auto& c : cases) {
        const Match m = router.match("GET", c.path);
        ASSERT_NE(m.route, nullptr) << c.path;
        EXPECT_EQ(m.params.at("path"), c.rest) << c.path;
    }
}

TEST(Router, RestSegmentKeepsItsPrefix) {
    const Router router = router_with({{"GET", "/partner/{path...}"}});
    EXPECT_EQ(router.match("GET", "/partners").route, nullptr);
    EXPECT_EQ(router.match("GET", "/api/partner").route, nullptr);
    EXPECT_EQ(router.match("GET", "/").route, nullptr);
}

TEST(Router, OtherMethodOnRestRouteIsNotAllowed) {
    const Router router = router_with({{"GET", "/marketplace/{path...}"}});
    const Match m = router.match("POST", "/marketplace/product/contoso.crm");
    EXPECT_EQ(m.route, nullptr);
    EXPECT_EQ(m.allowed_methods, std::vector<std::string>{"GET"});
}

TEST(Router, HeadIsAnsweredByGet) {
    const Router router = router_with({{"GET", "/signin"}});
    EXPECT_NE(router.match("HEAD", "/signin").route, nullptr);
}

// A path spelled like a parameterless pattern is looked up, not scanned for: the answer is still the first
// route of the table that matches, whichever kind of pattern it has and whichever was added first.
TEST(Router, AnExactPathFollowsTableOrder) {
    const Router router = router_with({{"GET", "/api/v1/offers/{offer_id}"},
                                       {"GET", "/api/v1/offers/new"},
                                       {"POST", "/api/v1/offers/new"},
                                       {"GET", "/api/v1/check"},
                                       {"POST", "/api/v1/check"},
                                       {"DELETE", "/api/v1/{what}/new"}});
    const Match get = router.match("GET", "/api/v1/offers/new");
    ASSERT_NE(get.route, nullptr);
    EXPECT_EQ(get.route->pattern, "/api/v1/offers/{offer_id}");
    EXPECT_EQ(get.params.at("offer_id"), "new");
    const Match post = router.match("POST", "/api/v1/offers/new");
    ASSERT_NE(post.route, nullptr);
    EXPECT_EQ(post.route->pattern, "/api/v1/offers/new");
    EXPECT_TRUE(post.params.empty());
    const Match del = router.match("DELETE", "/api/v1/offers/new");
    ASSERT_NE(del.route, nullptr) << "a pattern added after the exact route still matches its path";
    EXPECT_EQ(del.params.at("what"), "offers");
    const Match put = router.match("PUT", "/api/v1/check");
    EXPECT_EQ(put.route, nullptr);
    EXPECT_EQ(put.allowed_methods, (std::vector<std::string>{"GET", "POST"}));
    EXPECT_EQ(router.match("GET", "/api/v1/check").route->method, "GET");
    EXPECT_EQ(router.match("HEAD", "/api/v1/check").route->method, "GET");
    EXPECT_EQ(router.match("GET", "/api/v1/check/").route, nullptr) << "a trailing slash is another path";
    EXPECT_EQ(router.match("GET", "//api/v1/check").route->method, "GET") << "empty segments are skipped, as before";
    EXPECT_EQ(router.match("GET", "/api/v1/checks").route, nullptr);
}

}  // namespace
}  // namespace seatkeeper::http

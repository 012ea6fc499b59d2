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

}  // namespace
}  // namespace seatkeeper::http

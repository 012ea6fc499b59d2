#include "http/client_address.hpp"

#include <gtest/gtest.h>

namespace seatkeeper::http {
namespace {

Request with(std::vector<std::pair<std::string, std::string>> headers) {
    Request r;
    r.headers = std::move(headers);
    return r;
}

TrustedProxies trusting(const std::string& list) {
    auto parsed = TrustedProxies::parse("trusted_proxies", list);
    EXPECT_TRUE(parsed.ok()) << parsed.status().message();
    return parsed.ok() ? *parsed : TrustedProxies{};
}

TEST(TrustedProxies, ParsesAddressesAndRanges) {
    const auto proxies = trusting("10.0.0.0/8, 192.168.1.7, fd00::/8");
    EXPECT_TRUE(proxies.contains("10.1.2.3"));
    EXPECT_TRUE(proxies.contains("::ffff:10.1.2.3"));  // the dual-stack form of the same peer
    EXPECT_FALSE(proxies.contains("11.0.0.1"));
    EXPECT_TRUE(proxies.contains("192.168.1.7"));
    EXPECT_FALSE(proxies.contains("192.168.1.8"));
    EXPECT_TRUE(proxies.contains("fd12::1"));
    EXPECT_FALSE(proxies.contains("fe80::1"));
    EXPECT_FALSE(proxies.contains("not an address"));
    EXPECT_TRUE(trusting("").empty());
}

TEST(TrustedProxies, RefusesWhatIsNotAnAddressOrRange) {
    for (const char* bad : {"10.0.0.0/33", "10.0.0.0/", "example.com", "10.0.0.0/8,,", "::/129", "1.2.3.4/8x"}) {
        const auto parsed = TrustedProxies::parse("trusted_proxies", bad);
        ASSERT_FALSE(parsed.ok()) << bad;
        EXPECT_EQ(parsed.status().field(), "trusted_proxies");
        EXPECT_EQ(parsed.status().rule(), "cidr");
    }
}

TEST(TrustedProxies, AnUntrustedPeerCannotNameAnotherClient) {
    const auto request = with({{"x-forwarded-for", "203.0.113.9"}, {"forwarded", "for=203.0.113.9"}});
    EXPECT_EQ(TrustedProxies{}.client_address("198.51.100.2", request), "198.51.100.2");
    EXPECT_EQ(trusting("10.0.0.0/8").client_address("198.51.100.2", request), "198.51.100.2");
}

TEST(TrustedProxies, ATrustedPeerNamesTheClient) {
    const auto proxies = trusting("10.0.0.0/8");
    EXPECT_EQ(proxies.client_address("10.0.0.5", with({{"x-forwarded-for", "203.0.113.9"}})), "203.0.113.9");
    // A client's own X-Forwarded-For entry comes first; the proxy appends the address it saw.
    EXPECT_EQ(proxies.client_address("10.0.0.5", with({{"x-forwarded-for", "1.1.1.1, 203.0.113.9"}})), "203.0.113.9");
    // Through two trusted proxies.
    EXPECT_EQ(proxies.client_address("10.0.0.5", with({{"x-forwarded-for", "1.1.1.1, 203.0.113.9, 10.0.0.6"}})),
              "203.0.113.9");
    // Nothing forwarded: the proxy itself.
    EXPECT_EQ(proxies.client_address("10.0.0.5", with({})), "10.0.0.5");
    // A hop that is not an address stops at the proxy that reported it.
    EXPECT_EQ(proxies.client_address("10.0.0.5", with({{"x-forwarded-for", "unknown"}})), "10.0.0.5");
}

TEST(TrustedProxies, ForwardedIsPreferredAndReadWithQuotesBracketsAndPorts) {
    const auto proxies = trusting("10.0.0.0/8");
    EXPECT_EQ(proxies.client_address(
                  "10.0.0.5", with({{"forwarded", "for=192.0.2.43;proto=https"}, {"x-forwarded-for", "198.51.100.1"}})),
              "192.0.2.43");
    EXPECT_EQ(proxies.client_address("10.0.0.5", with({{"forwarded", R"(For="[2001:db8:cafe::17]:4711")"}})),
              "2001:db8:cafe::17");
    EXPECT_EQ(proxies.client_address("10.0.0.5", with({{"forwarded", "for=192.0.2.60:8080, for=10.0.0.7"}})),
              "192.0.2.60");
    EXPECT_EQ(proxies.client_address("10.0.0.5", with({{"forwarded", "for=_hidden"}})), "10.0.0.5");
}

}  // namespace
}  // namespace seatkeeper::http

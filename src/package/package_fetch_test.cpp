#include "package/package_fetch.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include "support/file_server.hpp"

namespace seatkeeper::package {
namespace {

using namespace std::chrono_literals;
using seatkeeper::testing::FileServer;

constexpr const char* kField = "technical_configuration.package_url";

// Every server in these tests is on 127.0.0.1, which the default policy refuses.
FetchLimits loopback_allowed() {
    FetchLimits limits;
    limits.allow_private_addresses = true;
    limits.timeout = 5s;
    return limits;
}

void expect_refused(const Result<std::string>& result, const std::string& rule) {
    ASSERT_FALSE(result.ok()) << "expected rule " << rule;
    EXPECT_EQ(result.status().code(), StatusCode::kInvalid);
    EXPECT_EQ(result.status().field(), kField);
    EXPECT_EQ(result.status().rule(), rule) << result.status().message();
    EXPECT_FALSE(result.status().message().empty());
}

// A loopback port that was just free: bound, noted, closed.
int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    EXPECT_GE(fd, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    socklen_t length = sizeof address;
    EXPECT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
    ::close(fd);
    return ntohs(address.sin_port);
}

TEST(PackageFetch, FetchesPackage) {
    FileServer server;
    const std::string body = std::string("PK\x03\x04") + std::string(3000, '\0') + "the rest";
    server.serve("pkg.zip", body);
    const auto result = fetch_package(server.url("pkg.zip"), loopback_allowed());
    ASSERT_TRUE(result.ok()) << result.status().message();
    EXPECT_EQ(*result, body);
}

TEST(PackageFetch, FetchesPackageWithoutContentLength) {
    FileServer server;
    server.serve_unsized("pkg.zip", std::string(5000, 'z'));
    const auto result = fetch_package(server.url("pkg.zip"), loopback_allowed());
    ASSERT_TRUE(result.ok()) << result.status().message();
    EXPECT_EQ(result->size(), 5000U);
}

TEST(PackageFetch, ReportsHttpStatus) {
    FileServer server;
    server.serve("forbidden.zip", "no", 403, "text/plain");
    for (const auto& [path, status] : {std::pair{"missing.zip", "404"}, std::pair{"forbidden.zip", "403"}}) {
        const auto result = fetch_package(server.url(path), loopback_allowed());
        expect_refused(result, "http_status");
        EXPECT_NE(result.status().message().find(status), std::string::npos) << result.status().message();
    }
}

TEST(PackageFetch, RefusesTooLargeDeclaredBody) {
    FileServer server;
    server.serve("big.zip", std::string(10000, 'z'));
    auto limits = loopback_allowed();
    limits.max_bytes = 1000;
    expect_refused(fetch_package(server.url("big.zip"), limits), "too_large");
}

TEST(PackageFetch, RefusesTooLargeBodyWhileReceiving) {
    FileServer server;
    server.serve_unsized("big.zip", std::string(100000, 'z'));
    auto limits = loopback_allowed();
    limits.max_bytes = 1000;
    expect_refused(fetch_package(server.url("big.zip"), limits), "too_large");
}

TEST(PackageFetch, AcceptsBodyOfExactlyMaxBytes) {
    FileServer server;
    server.serve_unsized("exact.zip", std::string(1000, 'z'));
    auto limits = loopback_allowed();
    limits.max_bytes = 1000;
    EXPECT_TRUE(fetch_package(server.url("exact.zip"), limits).ok());
}

TEST(PackageFetch, RefusesLoopbackByDefault) {
    FileServer server;
    server.serve("pkg.zip", "zip");
    FetchLimits limits;
    limits.timeout = 5s;
    expect_refused(fetch_package(server.url("pkg.zip"), limits), "address_not_allowed");
    EXPECT_EQ(server.requests("pkg.zip"), 0U);  // refused before connecting
}

TEST(PackageFetch, RefusesLoopbackByName) {
    FileServer server;
    server.serve("pkg.zip", "zip");
    FetchLimits limits;
    limits.timeout = 5s;
    const std::string url = "http://localhost:" + std::to_string(server.port()) + "/pkg.zip";
    const auto result = fetch_package(url, limits);
    ASSERT_FALSE(result.ok());
    // "localhost" may resolve to ::1 first, where nothing listens: refused before connecting, all the same.
    expect_refused(result, "address_not_allowed");
    EXPECT_EQ(server.requests("pkg.zip"), 0U);
}

TEST(PackageFetch, RefusesRedirectToLoopbackByDefault) {
    // Two servers on 127.0.0.1 stand in for a public host and the private one it redirects to: the policy
    // allows the first by port, as the default policy would allow a public address.
    FileServer public_host;
    FileServer private_host;
    private_host.serve("secret", "metadata");
    public_host.redirect("pkg.zip", private_host.url("secret"));
    const int public_port = public_host.port();
    FetchLimits limits;
    limits.timeout = 5s;
    const auto result = fetch_package(public_host.url("pkg.zip"), limits, [&](const std::string& ip, int port) {
        return port == public_port || !net::is_private_address(ip);
    });
    expect_refused(result, "address_not_allowed");
    EXPECT_EQ(public_host.requests("pkg.zip"), 1U);
    EXPECT_EQ(private_host.requests("secret"), 0U);
}

TEST(PackageFetch, FollowsRedirectWhenAllowed) {
    FileServer server;
    server.serve("real.zip", "the package");
    server.redirect("old.zip", "/real.zip");
    const auto result = fetch_package(server.url("old.zip"), loopback_allowed());
    ASSERT_TRUE(result.ok()) << result.status().message();
    EXPECT_EQ(*result, "the package");
}

TEST(PackageFetch, RefusesTooManyRedirects) {
    FileServer server;
    server.redirect("a", "/b");
    server.redirect("b", "/c");
    server.redirect("c", "/d");
    server.serve("d", "the package");
    auto limits = loopback_allowed();
    limits.max_redirects = 2;
    expect_refused(fetch_package(server.url("a"), limits), "unreachable");
    limits.max_redirects = 3;
    EXPECT_TRUE(fetch_package(server.url("a"), limits).ok());
}

TEST(PackageFetch, RefusesRedirectToOtherSchemes) {
    FileServer server;
    server.redirect("file.zip", "file:///etc/passwd");
    server.redirect("ftp.zip", "ftp://127.0.0.1/pkg.zip");
    for (const char* path : {"file.zip", "ftp.zip"}) {
        expect_refused(fetch_package(server.url(path), loopback_allowed()), "scheme_not_allowed");
    }
}

TEST(PackageFetch, ReportsUnreachableServer) {
    const auto url = "http://127.0.0.1:" + std::to_string(free_port()) + "/pkg.zip";
    expect_refused(fetch_package(url, loopback_allowed()), "unreachable");
}

// Issue 11, finding 13: review must not tell open internal ports from closed ones. A private address is refused
// before connecting, with one message whether something listens there or not.
TEST(PackageFetch, PrivateAddressesAreRefusedAlikeWhetherAPortIsOpenOrClosed) {
    FileServer server;
    server.serve("pkg.zip", "zip");
    FetchLimits limits;
    limits.timeout = 5s;
    const auto open = fetch_package(server.url("pkg.zip"), limits);
    const auto closed = fetch_package("http://127.0.0.1:" + std::to_string(free_port()) + "/pkg.zip", limits);
    expect_refused(open, "address_not_allowed");
    expect_refused(closed, "address_not_allowed");
    EXPECT_EQ(open.status().message(), closed.status().message());
    EXPECT_EQ(server.requests("pkg.zip"), 0U);
}

TEST(PackageFetch, TimesOut) {
    FileServer server;
    server.serve("slow.zip", "zip");
    server.delay("slow.zip", 3s);
    auto limits = loopback_allowed();
    limits.timeout = 200ms;
    const auto started = std::chrono::steady_clock::now();
    const auto result = fetch_package(server.url("slow.zip"), limits);
    expect_refused(result, "timeout");
    EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
}

TEST(PackageFetch, RefusesOtherSchemes) {
    for (const char* url :
         {"ftp://127.0.0.1/pkg.zip", "file:///etc/passwd", "gopher://127.0.0.1/x", "example.com/pkg.zip", ""}) {
        expect_refused(fetch_package(url, loopback_allowed()), "scheme_not_allowed");
    }
}

TEST(PackageFetch, RefusesMalformedUrls) {
    for (const char* url : {"http://", "http://exa mple.com/pkg.zip", "http://[::1/pkg.zip",
                            "http://example.com:99999/pkg.zip", "javascript:alert(1)"}) {
        expect_refused(fetch_package(url, loopback_allowed()), "invalid_url");
    }
}

TEST(PackageFetch, RecognisesPrivateAddresses) {
    const std::vector<std::pair<std::string, bool>> cases{
        {"127.0.0.1", true},
        {"127.255.0.9", true},
        {"10.1.2.3", true},
        {"172.16.0.1", true},
        {"172.31.255.255", true},
        {"192.168.1.1", true},
        {"169.254.1.1", true},
        {"169.254.169.254", true},
        {"100.64.0.1", true},
        {"100.127.255.255", true},
        {"0.0.0.0", true},
        {"224.0.0.1", true},
        {"255.255.255.255", true},
        {"::", true},
        {"::1", true},
        {"fe80::1", true},
        {"fe80::1%eth0", true},
        {"fc00::1", true},
        {"fd12:3456::1", true},
        {"ff02::1", true},
        {"::ffff:127.0.0.1", true},
        {"::ffff:10.0.0.1", true},
        {"64:ff9b::a00:1", true},
        {"2002:7f00:1::", true},
        {"not an address", true},
        {"", true},
        {"8.8.8.8", false},
        {"172.32.0.1", false},
        {"172.15.255.255", false},
        {"100.128.0.1", false},
        {"192.169.0.1", false},
        {"1.1.1.1", false},
        {"2001:4860::8888", false},
        {"::ffff:8.8.8.8", false},
        {"2606:4700::1111", false},
    };
    for (const auto& [ip, is_private] : cases) EXPECT_EQ(net::is_private_address(ip), is_private) << ip;
}

}  // namespace
}  // namespace seatkeeper::package

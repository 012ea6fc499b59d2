// The web UI served by the binary (http/routes_web.cpp), against a real server and a web.dir made here:
// client-side routes answer index.html, assets have their content types and cache headers, nothing outside
// dist/assets can be read, and the API, health and metrics routes are never shadowed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/crypto.hpp"
#include "http/harness.hpp"

namespace seatkeeper::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kIndex =
    "<!doctype html><title>Seatkeeper</title><script src=\"/assets/index-AbC123.js\"></script>";
constexpr const char* kScript = "console.log('seatkeeper');";
constexpr const char* kSecret = "the secret next to the web directory";

void write_file(const fs::path& path, const std::string& content) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
}

class WebUi : public ::testing::Test {
protected:
    static fs::path make_site() {
        fs::path root = fs::temp_directory_path() / ("seatkeeper-web-" + crypto::random_token(8));
        write_file(root / "secret.txt", kSecret);
        write_file(root / "dist" / "index.html", kIndex);
        write_file(root / "dist" / "secret.txt", kSecret);
        write_file(root / "dist" / "assets" / "index-AbC123.js", kScript);
        write_file(root / "dist" / "assets" / "index-AbC123.js.gz", "gzipped bytes");
        write_file(root / "dist" / "assets" / "index-Def456.css", "body{margin:0}");
        write_file(root / "dist" / "assets" / "logo-9z.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        write_file(root / "dist" / "assets" / ".hidden", kSecret);
        return root;
    }

    ~WebUi() override {
        std::error_code ec;
        fs::remove_all(site_, ec);
    }

    fs::path site_ = make_site();
    TestServer server_{[this](app::Config& c) { c.api.web_dir = (site_ / "dist").string(); }};
    Client client_{server_.base()};
};

TEST_F(WebUi, ClientSideRoutesAnswerIndexHtml) {
    for (const char* path : {"/signin", "/partner", "/partner/", "/partner/offers/crm/plans/basic", "/marketplace",
                             "/marketplace/product/contoso.crm", "/admin/invitations/abc"}) {
        const HttpResponse r = client_.get(path);
        EXPECT_EQ(r.status, 200) << path;
        EXPECT_EQ(r.body, kIndex) << path;
        EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8") << path;
        EXPECT_EQ(r.header("cache-control"), "no-cache") << path;
        EXPECT_FALSE(r.header("etag").empty()) << path;
        EXPECT_NE(r.header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos) << path;
        EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << path;
    }
}

TEST_F(WebUi, IndexHtmlRevalidatesWithItsETag) {
    const std::string etag = client_.get("/partner").header("etag");
    const HttpResponse again = client_.request("GET", "/partner/offers", {}, {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(client_.request("GET", "/partner", {}, {{"If-None-Match", "\"stale\""}}).status, 200);
}

TEST_F(WebUi, RootRedirectsToTheMarketplace) {
    const HttpResponse r = client_.get("/");
    EXPECT_EQ(r.status, 302);
    EXPECT_EQ(r.header("location"), "/marketplace");
}

TEST_F(WebUi, AssetsHaveTheirTypeAndAreImmutable) {
    struct Case {
        std::string name;
        std::string type;
    };
    const std::vector<Case> cases{{"index-AbC123.js", "text/javascript; charset=utf-8"},
                                  {"index-Def456.css", "text/css; charset=utf-8"},
                                  {"logo-9z.svg", "image/svg+xml"}};
    for (const auto& c : cases) {
        const HttpResponse r = client_.get("/assets/" + c.name);
        EXPECT_EQ(r.status, 200) << c.name;
        EXPECT_EQ(r.header("content-type"), c.type) << c.name;
        EXPECT_EQ(r.header("cache-control"), "public, max-age=31536000, immutable") << c.name;
        EXPECT_TRUE(r.header("content-encoding").empty()) << c.name;
    }
    EXPECT_EQ(client_.get("/assets/index-AbC123.js").body, kScript);
}

TEST_F(WebUi, GzipTwinIsSentToClientsThatAcceptIt) {
    const HttpResponse zipped =
        client_.request("GET", "/assets/index-AbC123.js", {}, {{"Accept-Encoding", "br, gzip"}});
    EXPECT_EQ(zipped.header("content-encoding"), "gzip");
    EXPECT_EQ(zipped.body, "gzipped bytes");
    EXPECT_EQ(zipped.header("vary"), "Accept-Encoding");
    const HttpResponse refused =
        client_.request("GET", "/assets/index-AbC123.js", {}, {{"Accept-Encoding", "gzip;q=0, identity"}});
    EXPECT_EQ(refused.body, kScript);
    // No twin: the plain file, whatever the client accepts.
    const HttpResponse css = client_.request("GET", "/assets/index-Def456.css", {}, {{"Accept-Encoding", "gzip"}});
    EXPECT_EQ(css.body, "body{margin:0}");
    EXPECT_TRUE(css.header("content-encoding").empty());
}

TEST_F(WebUi, NothingOutsideTheAssetsCanBeRead) {
    for (const char* path :
         {"/assets/../secret.txt", "/assets/../../secret.txt", "/assets/..%2fsecret.txt",
          "/assets/..%2F..%2Fsecret.txt", "/assets/%2e%2e/secret.txt", "/assets/.hidden", "/assets/..",
          "/assets/%2e%2e", "/assets//secret.txt", "/assets/sub/index-AbC123.js", "/secret.txt", "/index.html",
          "/assets/index-AbC123.js%00.css", "/assets/..%5csecret.txt"}) {
        const HttpResponse r = client_.get(path);
        EXPECT_EQ(r.status, 404) << path;
        EXPECT_EQ(r.body.find("secret next to"), std::string::npos) << path;
    }
    // Under a client-side route, a dot segment only ever answers index.html.
    for (const char* path :
         {"/partner/../secret.txt", "/marketplace/../../secret.txt", "/admin/..%2f..%2fsecret.txt"}) {
        const HttpResponse r = client_.get(path);
        EXPECT_EQ(r.body.find("secret next to"), std::string::npos) << path;
    }
}

TEST_F(WebUi, NeverShadowsTheApiHealthOrMetrics) {
    const HttpResponse api = client_.get("/api/v1/no-such-route");
    EXPECT_EQ(api.status, 404);
    EXPECT_EQ(api.header("content-type"), "application/problem+json");
    EXPECT_EQ(client_.get("/api/v1/marketplace/offers").header("content-type"), "application/json");
    EXPECT_EQ(client_.get("/healthz").header("content-type"), "application/json");
    EXPECT_EQ(client_.get("/readyz").header("content-type"), "application/json");
    EXPECT_EQ(client_.get("/metrics").header("content-type"), "text/plain; version=0.0.4");
    const HttpResponse jwks = client_.get("/.well-known/jwks.json");
    EXPECT_EQ(jwks.status, 200);
    EXPECT_EQ(jwks.header("content-type"), "application/json");
    EXPECT_TRUE(jwks.json().as_object().contains("keys")) << jwks.body;
    const HttpResponse unknown = client_.get("/.well-known/other");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(unknown.header("content-type"), "application/problem+json");
    EXPECT_EQ(client_.get("/api/v1/offers").status, 401);  // the API answers, not the UI
}

TEST_F(WebUi, PagesAreReadOnly) {
    const HttpResponse r = client_.post("/partner/offers");
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(r.header("allow"), "GET");
    EXPECT_EQ(client_.request("HEAD", "/signin").status, 200);
}

TEST(WebUiNotBuilt, PagesSaySoAndTheApiStillWorks) {
    TestServer server;  // no web.dir
    Client client(server.base());
    const HttpResponse page = client.get("/partner");
    EXPECT_EQ(page.status, 404);
    EXPECT_NE(page.str("detail").find("not built"), std::string::npos) << page.body;
    EXPECT_EQ(client.get("/assets/index.js").status, 404);
    EXPECT_EQ(client.get("/healthz").status, 200);
}

}  // namespace
}  // namespace seatkeeper::testing

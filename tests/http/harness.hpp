// The HTTP test harness: a real Seatkeeper (App) on a loopback port with its own database, and a small libcurl
// client that keeps the session cookie and CSRF token like a browser would.
//
// Each TestServer gets a database of its own: a SQLite file, or — when SEATKEEPER_TEST_BACKEND=postgresql, as
// ctest sets for the tests labelled postgresql — a new PostgreSQL database, dropped with the server. Its master
// key is the default `master.key` beside the SQLite file, or on PostgreSQL a random one in the config.
#pragma once

#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "app/app.hpp"
#include "support/test_database.hpp"

namespace seatkeeper::testing {

struct HttpResponse {
    long status = 0;
    std::string body;
    std::map<std::string, std::string> headers;  // lowercased names
    mutable std::optional<boost::json::value> parsed;

    // Parsed once and kept, so references into it live as long as the response.
    [[nodiscard]] const boost::json::value& json() const;
    // Shorthand for json().at(key) as a string ("" when absent or not a string).
    [[nodiscard]] std::string str(std::string_view key) const;
    [[nodiscard]] std::string header(const std::string& lowercase_name) const;
};

class TestServer {
public:
    // `tweak` adjusts the config before start (limits, delays).
    explicit TestServer(const std::function<void(app::Config&)>& tweak = {});
    ~TestServer();
    TestServer(const TestServer&) = delete;
    TestServer& operator=(const TestServer&) = delete;

    [[nodiscard]] std::string base() const;
    [[nodiscard]] app::App& app() { return *app_; }
    [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }
    // Stops the process's server and worker and starts a new App on the same database.
    void restart(bool start_worker = true);
    void stop();
    // A publisher with a global admin admin@<id>.example / "password-<id>-1" (through the admin use case).
    void create_publisher(const std::string& id);
    // A new API key of `owner` (a publisher's or a tenant's system principal) with `role`, through the use case.
    [[nodiscard]] std::string api_key(const service::Principal& owner, const std::string& role);
    // Another node on this server's database (the same master key), started on a port of its own, with `tweak`
    // applied to a copy of this server's config: for tests of several nodes.
    [[nodiscard]] std::unique_ptr<app::App> another_node(const std::function<void(app::Config&)>& tweak = {},
                                                         bool start_worker = true) const;

private:
    void open_and_start(bool start_worker);

    std::filesystem::path dir_;
    std::unique_ptr<TestDatabase> database_;  // PostgreSQL only
    app::Config config_;
    std::unique_ptr<app::App> app_;
};

class Client {
public:
    explicit Client(std::string base);

    HttpResponse request(const std::string& method, const std::string& path, const std::string& body = {},
                         const std::map<std::string, std::string>& headers = {});
    // Like request, for a server that may be gone: nullopt, and no test failure, when no answer came back
    // (refused, reset, timed out).
    std::optional<HttpResponse> try_request(const std::string& method, const std::string& path,
                                            const std::string& body = {},
                                            const std::map<std::string, std::string>& headers = {});
    HttpResponse get(const std::string& path) { return request("GET", path); }
    HttpResponse post(const std::string& path, const boost::json::value& body = boost::json::object{});
    HttpResponse patch(const std::string& path, const boost::json::value& body);
    HttpResponse put_bytes(const std::string& path, const std::string& bytes,
                           const std::string& content_type = "application/zip");
    HttpResponse del(const std::string& path) { return request("DELETE", path); }

    // Signs in; keeps the cookie and CSRF token for the following requests. Returns the login response.
    HttpResponse login(const std::string& email, const std::string& password);
    void use_api_key(std::string key) { api_key_ = std::move(key); }
    void drop_csrf() { csrf_.clear(); }
    // Every JSON answer under /api/ is checked against docs/openapi.yaml's schema for its operation and status
    // (support/openapi_schema.hpp) and fails the test when it differs; only a test that asks for answers the
    // document does not promise turns that off.
    void skip_schema_checks() { check_schemas_ = false; }

private:
    // The exchange; `error` is set (and the status 0) when no answer came back.
    HttpResponse perform(const std::string& method, const std::string& path, const std::string& body,
                         const std::map<std::string, std::string>& headers, std::string& error);
    static void expect_documented(const std::string& method, const std::string& path, const HttpResponse& response);

    std::string base_;
    std::string cookie_;
    std::string csrf_;
    std::string api_key_;
    bool check_schemas_ = true;
};

// A plain TCP connection to 127.0.0.1:`port`, for what a curl request can't send or show: nothing at all, half a
// request, bytes one at a time, an answer given before any request was read.
class RawConnection {
public:
    // Throws std::runtime_error when it cannot connect.
    explicit RawConnection(std::uint16_t port);
    ~RawConnection();
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    // Sends `bytes`, or what the server takes of them before it closes; whether all of them went.
    bool send(std::string_view bytes) const;
    // What the server sends until it closes the connection, or until `wait` passes with nothing more.
    [[nodiscard]] std::string read_until_closed(std::chrono::milliseconds wait = std::chrono::seconds(20)) const;
    // Whether the server closed the connection (an end of stream or a reset) within `wait`.
    [[nodiscard]] bool closed_by_server(std::chrono::milliseconds wait = std::chrono::seconds(20)) const;

private:
    int fd_;
};

// Polls `done` every 50 ms until it holds (true) or `within` passes (false, after one last look). For states a
// test has set in motion (a job under way, a connection being closed), never to time anything.
bool eventually(const std::function<bool()>& done, std::chrono::milliseconds within = std::chrono::seconds(20));

// Polls GET /api/v1/offers/{id} until `state` is reached (or ~20 s pass); returns the last offer JSON.
boost::json::object wait_for_offer_state(Client& client, const std::string& offer_id, const std::string& state);

}  // namespace seatkeeper::testing

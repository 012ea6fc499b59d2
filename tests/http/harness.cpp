#include "http/harness.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "common/crypto.hpp"
#include "service/accounts.hpp"
#include "support/openapi_schema.hpp"

namespace seatkeeper::testing {

namespace {
// Before the first test of the PostgreSQL run: skip it on request, and stop it at once, with one clear message,
// when there is no server. Not FAIL(): gtest would then report every test as skipped, which ctest counts as no
// failure.
class BackendEnvironment : public ::testing::Environment {
public:
    void SetUp() override {
        const std::string backend = test_backend();
        if (backend == "sqlite") return;
        if (backend != "postgresql") stop("SEATKEEPER_TEST_BACKEND must be sqlite or postgresql, not " + backend);
        if (postgres_tests() == PostgresTests::kOff) GTEST_SKIP() << "SEATKEEPER_TEST_POSTGRES=off";
        try {
            check_postgres_server();
        } catch (const std::exception& e) {
            stop(e.what());
        }
    }

private:
    [[noreturn]] static void stop(const std::string& why) {
        std::fprintf(stderr, "[  FAILED  ] %s\n", why.c_str());
        std::exit(1);  // NOLINT(concurrency-mt-unsafe): before any test thread starts
    }
};
[[maybe_unused]] ::testing::Environment* const kBackendEnvironment =
    ::testing::AddGlobalTestEnvironment(new BackendEnvironment);  // gtest owns it
}  // namespace

const boost::json::value& HttpResponse::json() const {
    if (!parsed) {
        boost::system::error_code ec;
        parsed = boost::json::parse(body, ec);
        if (ec) ADD_FAILURE() << "response is not JSON: " << body.substr(0, 300);
    }
    return *parsed;
}

std::string HttpResponse::str(std::string_view key) const {
    const auto& v = json();
    if (!v.is_object()) return {};
    const auto* field = v.as_object().if_contains(key);
    return field != nullptr && field->is_string() ? std::string(field->as_string()) : std::string();
}

std::string HttpResponse::header(const std::string& lowercase_name) const {
    const auto it = headers.find(lowercase_name);
    return it == headers.end() ? std::string() : it->second;
}

TestServer::TestServer(const std::function<void(app::Config&)>& tweak) {
    dir_ = std::filesystem::temp_directory_path() / ("seatkeeper-test-" + crypto::random_token(8));
    std::filesystem::create_directories(dir_);
    if (test_backend() == "postgresql") {
        database_ = std::make_unique<TestDatabase>();
        config_.database = database_->url();
        config_.secrets.key = crypto::MasterKey::generate();  // PostgreSQL has no default (SQLite: master.key)
    } else {
        config_.database = "sqlite:" + (dir_ / "seatkeeper.db").string();
    }
    config_.server.port = 0;
    config_.server.threads = 2;
    config_.log_level = "off";
    config_.settings.go_live_delay_ms = 300;
    config_.settings.fetch_limits.allow_private_addresses = true;  // packages come from a loopback FileServer
    config_.api.requests_per_second = 0;
    config_.api.logins_per_minute = 0;
    config_.api.public_writes_per_minute = 0;
    if (tweak) tweak(config_);
    open_and_start(true);
}

TestServer::~TestServer() {
    stop();
    database_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

void TestServer::open_and_start(bool start_worker) {
    auto opened = app::App::open(config_);
    if (!opened.ok()) throw std::runtime_error("cannot open the app: " + opened.status().message());
    app_ = std::move(opened).value();
    // Without the worker, jobs stay in the table, as when a node dies before running them.
    app_->start(start_worker);
    config_.server.port = app_->port();  // a restart comes back on the same port
}

std::string TestServer::api_key(const service::Principal& owner, const std::string& role) {
    auto created = service::create_api_key(app_->services(), owner, {role, role + " key"});
    if (!created.ok()) throw std::runtime_error("create_api_key: " + created.status().message());
    return created->key;
}

std::unique_ptr<app::App> TestServer::another_node(const std::function<void(app::Config&)>& tweak,
                                                   bool start_worker) const {
    app::Config config = config_;
    config.server.port = 0;
    if (tweak) tweak(config);
    auto opened = app::App::open(config);
    if (!opened.ok()) throw std::runtime_error("cannot open another node: " + opened.status().message());
    auto node = std::move(opened).value();
    node->start(start_worker);
    return node;
}

void TestServer::stop() {
    if (app_) app_->stop();
    app_.reset();
}

void TestServer::restart(bool start_worker) {
    stop();
    open_and_start(start_worker);
}

std::string TestServer::base() const { return "http://127.0.0.1:" + std::to_string(config_.server.port); }

void TestServer::create_publisher(const std::string& id) {
    const Status s = service::create_publisher(
        app_->services(), {id, "Publisher " + id, "admin@" + id + ".example", "password-" + id + "-1", ""});
    if (!s.ok()) throw std::runtime_error("create_publisher: " + s.message());
}

namespace {
std::size_t collect_body(char* data, std::size_t size, std::size_t count, void* out) {
    static_cast<std::string*>(out)->append(data, size * count);
    return size * count;
}

std::size_t collect_header(char* data, std::size_t size, std::size_t count, void* out) {
    std::string line(data, size * count);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        std::string value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
        while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
        auto& headers = *static_cast<std::map<std::string, std::string>*>(out);
        headers[name] = value;
    }
    return size * count;
}
}  // namespace

Client::Client(std::string base) : base_(std::move(base)) {}

HttpResponse Client::request(const std::string& method, const std::string& path, const std::string& body,
                             const std::map<std::string, std::string>& headers) {
    std::string error;
    auto out = perform(method, path, body, headers, error);
    if (!error.empty()) ADD_FAILURE() << method << " " << path << ": " << error;
    if (error.empty() && check_schemas_) expect_documented(method, path, out);
    return out;
}

std::optional<HttpResponse> Client::try_request(const std::string& method, const std::string& path,
                                                const std::string& body,
                                                const std::map<std::string, std::string>& headers) {
    std::string error;
    auto out = perform(method, path, body, headers, error);
    if (!error.empty()) return std::nullopt;
    return out;
}

void Client::expect_documented(const std::string& method, const std::string& path, const HttpResponse& response) {
    if (!path.starts_with("/api/")) return;
    const std::string content_type = response.header("content-type");
    if (content_type.find("json") == std::string::npos) return;
    const auto problems = OpenApiSpec::spec().check_answer(
        method, path.substr(0, path.find('?')), static_cast<int>(response.status), content_type, response.body);
    if (problems.empty()) return;
    std::string listing;
    for (const auto& p : problems) listing += "\n  " + p;
    ADD_FAILURE() << method << " " << path << " answered " << response.status
                  << " with a body that differs from docs/openapi.yaml:" << listing << "\nbody: " << response.body;
}

HttpResponse Client::perform(const std::string& method, const std::string& path, const std::string& body,
                             const std::map<std::string, std::string>& headers, std::string& error) {
    HttpResponse out;
    CURL* curl = curl_easy_init();
    const std::string url = base_ + path;
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PATH_AS_IS, 1L);  // "/../" reaches the server as written
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 70000L);
    if (method == "HEAD") curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    }
    curl_slist* list = nullptr;
    std::map<std::string, std::string> all = headers;
    if (!all.contains("Content-Type") && !body.empty()) all["Content-Type"] = "application/json";
    if (!api_key_.empty() && !all.contains("Authorization")) all["Authorization"] = "Bearer " + api_key_;
    if (!cookie_.empty()) all["Cookie"] = "sk_session=" + cookie_;
    if (!csrf_.empty() && !all.contains("X-CSRF-Token")) all["X-CSRF-Token"] = csrf_;
    all["Expect"] = "";
    for (const auto& [name, value] : all) {
        const std::string line = value.empty() ? name + ":" : name + ": " + value;
        list = curl_slist_append(list, line.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &out.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &out.headers);
    const CURLcode rc = curl_easy_perform(curl);
    if (rc != CURLE_OK) error = curl_easy_strerror(rc);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &out.status);
    curl_slist_free_all(list);
    curl_easy_cleanup(curl);
    return out;
}

HttpResponse Client::post(const std::string& path, const boost::json::value& body) {
    return request("POST", path, boost::json::serialize(body));
}

HttpResponse Client::patch(const std::string& path, const boost::json::value& body) {
    return request("PATCH", path, boost::json::serialize(body));
}

HttpResponse Client::put_bytes(const std::string& path, const std::string& bytes, const std::string& content_type) {
    return request("PUT", path, bytes, {{"Content-Type", content_type}});
}

HttpResponse Client::login(const std::string& email, const std::string& password) {
    HttpResponse r = post("/api/v1/auth/login", {{"email", email}, {"password", password}});
    const std::string set_cookie = r.header("set-cookie");
    const auto eq = set_cookie.find('=');
    const auto semi = set_cookie.find(';');
    if (r.status == 200 && eq != std::string::npos) {
        cookie_ = set_cookie.substr(eq + 1, semi - eq - 1);
        csrf_ = r.str("csrf_token");
    }
    return r;
}

RawConnection::RawConnection(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    // NOLINTNEXTLINE(*-reinterpret-cast): the sockets API
    if (fd_ < 0 || ::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        if (fd_ >= 0) ::close(fd_);
        throw std::runtime_error("cannot connect to port " + std::to_string(port) + ": " + std::strerror(errno));
    }
}

RawConnection::~RawConnection() { ::close(fd_); }

bool RawConnection::send(std::string_view bytes) const {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return false;
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

std::string RawConnection::read_until_closed(std::chrono::milliseconds wait) const {
    std::string out;
    std::array<char, 4096> chunk{};
    while (true) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(wait.count())) <= 0) return out;
        const ssize_t n = ::recv(fd_, chunk.data(), chunk.size(), 0);
        if (n <= 0) return out;
        out.append(chunk.data(), static_cast<std::size_t>(n));
    }
}

bool RawConnection::closed_by_server(std::chrono::milliseconds wait) const {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(wait.count())) <= 0) return false;
    std::array<char, 64> chunk{};
    return ::recv(fd_, chunk.data(), chunk.size(), MSG_DONTWAIT) <= 0;
}

bool eventually(const std::function<bool()>& done, std::chrono::milliseconds within) {
    constexpr auto kStep = std::chrono::milliseconds(50);
    for (auto waited = std::chrono::milliseconds(0); waited < within; waited += kStep) {
        if (done()) return true;
        std::this_thread::sleep_for(kStep);
    }
    return done();
}

boost::json::object wait_for_offer_state(Client& client, const std::string& offer_id, const std::string& state) {
    boost::json::object last;
    const bool reached = eventually([&] {
        last = client.get("/api/v1/offers/" + offer_id).json().as_object();
        return last.at("state").as_string() == state;
    });
    if (!reached) {
        ADD_FAILURE() << "offer " << offer_id << " never reached " << state
                      << "; last: " << boost::json::serialize(last);
    }
    return last;
}

}  // namespace seatkeeper::testing

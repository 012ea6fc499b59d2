// One running Seatkeeper: the store (migrated), the services, the check runtime (seat index, signing keys,
// poller), the HTTP API and server, and the job worker.
// `seatkeeper serve` runs one; HTTP tests run one in-process on a loopback port.
#pragma once

#include <memory>

#include "app/config.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "jobs/worker.hpp"

namespace seatkeeper::app {

class App {
public:
    // Opens and migrates the database, loads the master keys (app/master_key_source.hpp) and the check index;
    // nothing listens yet.
    static Result<std::unique_ptr<App>> open(Config config);
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    // Starts the HTTP server and, unless `run_jobs` is false, the job worker (throws std::runtime_error
    // when it cannot bind).
    void start(bool run_jobs = true);
    void stop();

    [[nodiscard]] std::uint16_t port() const { return server_->port(); }
    [[nodiscard]] service::Services& services() { return *services_; }
    [[nodiscard]] jobs::Worker& worker() { return *worker_; }
    [[nodiscard]] http::Api& api() { return *api_; }
    [[nodiscard]] const http::Server& server() const { return *server_; }
    [[nodiscard]] check::Runtime& runtime() { return *runtime_; }
    [[nodiscard]] const Config& config() const { return config_; }
    [[nodiscard]] const crypto::MasterKeys& master_keys() const { return master_keys_; }

private:
    App(Config config, std::unique_ptr<store::Store> store, crypto::MasterKeys master_keys);

    Config config_;
    std::unique_ptr<store::Store> store_;
    crypto::MasterKeys master_keys_;  // the signing keys and the webhook secrets are sealed with these
    std::unique_ptr<service::Services> services_;
    std::unique_ptr<check::Runtime> runtime_;
    std::unique_ptr<http::Api> api_;
    std::unique_ptr<http::Server> server_;
    std::unique_ptr<jobs::Worker> worker_;
};

// Opens and migrates the database of `config` (for the command line's admin commands).
Result<std::unique_ptr<store::Store>> open_migrated_store(const std::string& database);

}  // namespace seatkeeper::app

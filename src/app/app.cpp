#include "app/app.hpp"

#include "common/crypto.hpp"
#include "common/log.hpp"

namespace seatkeeper::app {

Result<std::unique_ptr<store::Store>> open_migrated_store(const std::string& database) {
    SK_ASSIGN_OR_RETURN(auto store, store::open_store(database));
    SK_RETURN_IF_ERROR(store->migrate());
    return store;
}

Result<std::unique_ptr<App>> App::open(Config config) {
    crypto::init_crypto();
    log::init(config.log_level);
    SK_ASSIGN_OR_RETURN(auto store, open_migrated_store(config.database));
    return std::unique_ptr<App>(new App(std::move(config), std::move(store)));
}

App::App(Config config, std::unique_ptr<store::Store> store)
    : config_(std::move(config)),
      store_(std::move(store)),
      services_(std::make_unique<service::Services>(*store_, config_.settings)),
      api_(std::make_unique<http::Api>(*services_, config_.api)),
      server_(std::make_unique<http::Server>(*api_, config_.server)),
      worker_(std::make_unique<jobs::Worker>(*services_)) {}

App::~App() { stop(); }

void App::start(bool run_jobs) {
    if (run_jobs) worker_->start();
    server_->start();
    log::info("listening", {{"address", config_.server.address},
                            {"port", server_->port()},
                            {"threads", config_.server.threads},
                            {"database", std::string(store_->backend())},
                            {"web_dir", config_.api.web_dir}});
    if (config_.api.web_dir.empty()) {
        log::warn("the web UI is not built: /partner, /marketplace and /signin answer 404 until web/dist exists",
                  {{"hint", "scripts/dev run builds it, or set web.dir"}});
    }
}

void App::stop() {
    if (server_) server_->stop();
    if (worker_) worker_->stop();
}

}  // namespace seatkeeper::app

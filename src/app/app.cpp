#include "app/app.hpp"

#include "app/master_key_source.hpp"
#include "common/crypto.hpp"
#include "common/log.hpp"
#include "service/webhooks.hpp"

namespace seatkeeper::app {

namespace {
check::RuntimeOptions runtime_options(const Config& config) {
    check::RuntimeOptions options = config.check;
    options.issuer = config.settings.public_url;  // tokens name the server as their clients know it
    return options;
}
}  // namespace

Result<std::unique_ptr<store::Store>> open_migrated_store(const std::string& database) {
    SK_ASSIGN_OR_RETURN(auto store, store::open_store(database));
    SK_RETURN_IF_ERROR(store->migrate());
    return store;
}

Result<std::unique_ptr<App>> App::open(Config config) {
    crypto::init_crypto();
    log::init(config.log_level);
    SK_ASSIGN_OR_RETURN(auto store, open_migrated_store(config.database));
    SK_ASSIGN_OR_RETURN(auto master_keys, load_master_keys(config, *store));
    std::unique_ptr<App> app(new App(std::move(config), std::move(store), std::move(master_keys)));
    SK_RETURN_IF_ERROR(app->runtime_->open());
    // Webhook secrets stored raw by a version before are sealed now; one that does not open stops the start.
    SK_RETURN_IF_ERROR(service::upgrade_webhook_secrets(*app->store_, app->master_keys_).status());
    return app;
}

App::App(Config config, std::unique_ptr<store::Store> store, crypto::MasterKeys master_keys)
    : config_(std::move(config)),
      store_(std::move(store)),
      master_keys_(std::move(master_keys)),
      services_(std::make_unique<service::Services>(*store_, config_.settings, &master_keys_)),
      runtime_(std::make_unique<check::Runtime>(*store_, master_keys_, runtime_options(config_))),
      api_(std::make_unique<http::Api>(*services_, *runtime_, config_.api)),
      server_(std::make_unique<http::Server>(*api_, config_.server)),
      worker_(std::make_unique<jobs::Worker>(*services_, config_.jobs)) {}

App::~App() { stop(); }

void App::start(bool run_jobs) {
    if (run_jobs) {
        worker_->start();
        runtime_->on_change([worker = worker_.get()] { worker->wake(); });
    }
    runtime_->start();
    server_->start();
    log::info("listening", {{"address", config_.server.address},
                            {"port", server_->port()},
                            {"threads", config_.server.threads},
                            {"workers", config_.server.workers},
                            {"max_connections", server_->max_connections()},
                            {"database", std::string(store_->backend())},
                            {"web_dir", config_.api.web_dir}});
    if (config_.api.web_dir.empty()) {
        log::warn("the web UI is not built: /partner, /marketplace and /signin answer 404 until web/dist exists",
                  {{"hint", "scripts/dev run builds it, or set web.dir"}});
    }
    // Where mail goes; never the credentials (smtp.url cannot hold any, see mail::validate_smtp_url).
    const mail::SmtpSettings& smtp = config_.settings.smtp;
    if (smtp.configured()) {
        log::info("mail is sent through SMTP",
                  {{"smtp_url", smtp.url}, {"from", smtp.from.address}, {"sign_in", !smtp.username.empty()}});
    } else {
        log::info("mail is kept, not sent", {{"reason", "smtp.url is not set; mails stay in the outbox and the log"}});
    }
}

void App::stop() {
    if (server_) server_->stop();
    if (runtime_) runtime_->stop();
    if (worker_) worker_->stop();
}

}  // namespace seatkeeper::app

// seatkeeper: the one binary (API.md "Command line"): serve, migrate, admin …, demo-seed.
#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>

#include "app/app.hpp"
#include "app/demo_seed.hpp"
#include "common/crypto.hpp"
#include "common/log.hpp"
#include "service/accounts.hpp"

namespace {

using seatkeeper::Status;
namespace app = seatkeeper::app;
namespace service = seatkeeper::service;

int fail(const Status& status) {
    std::cerr << "error: " << status.message();
    if (!status.field().empty()) std::cerr << " (" << status.field() << ")";
    if (!status.log_detail().empty()) std::cerr << ": " << status.log_detail();
    std::cerr << "\n";
    return 1;
}

int serve(const app::Overrides& overrides) {
    auto config = app::load_config(overrides);
    if (!config.ok()) return fail(config.status());
    auto opened = app::App::open(*config);
    if (!opened.ok()) return fail(opened.status());
    app::App& instance = **opened;

    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // threads started below inherit the mask
    try {
        instance.start();
    } catch (const std::exception& e) {
        return fail(Status::Unavailable(e.what()));
    }
    std::cerr << "Seatkeeper is listening on http://" << config->server.address << ":" << instance.port() << "\n";
    int received = 0;
    sigwait(&signals, &received);
    seatkeeper::log::info("shutting down", {{"signal", received}});
    instance.stop();
    return 0;
}

// Opens the database named by flags, environment or config file, migrated.
seatkeeper::Result<std::unique_ptr<seatkeeper::store::Store>> open_store(const app::Overrides& overrides,
                                                                         app::Config& config_out) {
    auto config = app::load_config(overrides);
    if (!config.ok()) return config.status();
    config_out = *config;
    seatkeeper::log::init("warn");
    return app::open_migrated_store(config->database);
}

}  // namespace

int main(int argc, char** argv) {
    seatkeeper::crypto::init_crypto();
    CLI::App cli{"Seatkeeper: app license management for marketplace offers"};
    cli.require_subcommand(1);
    app::Overrides overrides;
    const auto common = [&overrides](CLI::App* cmd) {
        cmd->add_option("--config", overrides.config_file, "TOML config file");
        cmd->add_option("--database", overrides.database,
                        "sqlite:PATH (default sqlite:data/seatkeeper.db) or postgresql://USER:PASSWORD@HOST:PORT/DB");
    };

    auto* serve_cmd = cli.add_subcommand("serve", "Serve the API (and later the web UI)");
    common(serve_cmd);
    serve_cmd->add_option("--listen", overrides.listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");

    auto* migrate_cmd = cli.add_subcommand("migrate", "Apply database migrations");
    common(migrate_cmd);

    auto* seed_cmd = cli.add_subcommand("demo-seed", "Load a realistic demo: publishers, users, offers, a lead");
    common(seed_cmd);

    auto* admin = cli.add_subcommand("admin", "Administration");
    admin->require_subcommand(1);
    service::NewPublisher publisher;
    auto* create_publisher = admin->add_subcommand("create-publisher", "Create a publisher and its global admin");
    common(create_publisher);
    create_publisher->add_option("--id", publisher.id, "publisher ID")->required();
    create_publisher->add_option("--name", publisher.name, "display name")->required();
    create_publisher->add_option("--admin-email", publisher.admin_email)->required();
    create_publisher->add_option("--admin-password", publisher.admin_password)->required();
    create_publisher->add_option("--admin-name", publisher.admin_name);

    service::NewUser user;
    std::string user_publisher;
    auto* create_user = admin->add_subcommand("create-user", "Add a user to a publisher");
    common(create_user);
    create_user->add_option("--publisher", user_publisher)->required();
    create_user->add_option("--email", user.email)->required();
    create_user->add_option("--password", user.password)->required();
    create_user->add_option("--role", user.role, "global_admin, account_admin, developer or viewer")->required();
    create_user->add_option("--name", user.name);

    service::NewApiKey key;
    std::string key_publisher;
    std::string key_tenant;
    auto* create_key = admin->add_subcommand("create-api-key", "Create an API key; prints it once");
    common(create_key);
    auto* key_publisher_opt = create_key->add_option("--publisher", key_publisher, "publisher ID");
    auto* key_tenant_opt = create_key->add_option("--tenant", key_tenant, "tenant ID");
    key_publisher_opt->excludes(key_tenant_opt);
    create_key->add_option("--role", key.role, "the key's role")->required();
    create_key->add_option("--name", key.name);

    CLI11_PARSE(cli, argc, argv);

    if (serve_cmd->parsed()) return serve(overrides);

    app::Config config;
    auto store = open_store(overrides, config);
    if (!store.ok()) return fail(store.status());
    service::Services services(**store, config.settings);

    if (migrate_cmd->parsed()) {
        std::cout << "database is up to date\n";
        return 0;
    }
    if (seed_cmd->parsed()) {
        const Status s = app::demo_seed(services, std::cout);
        return s.ok() ? 0 : fail(s);
    }
    if (create_publisher->parsed()) {
        const Status s = service::create_publisher(services, publisher);
        if (!s.ok()) return fail(s);
        std::cout << publisher.id << "\n";
        return 0;
    }
    if (create_user->parsed()) {
        auto created = service::create_user(services, service::system_principal(user_publisher), user);
        if (!created.ok()) return fail(created.status());
        std::cout << created->id << "\n";
        return 0;
    }
    if (create_key->parsed()) {
        if (!key_tenant.empty() || key_publisher.empty()) {
            return fail(
                Status::Invalid("tenant", "unsupported", "customer tenants are not built yet; give --publisher ID"));
        }
        auto created = service::create_api_key(services, service::system_principal(key_publisher), key);
        if (!created.ok()) return fail(created.status());
        std::cout << created->key << "\n";
        return 0;
    }
    return 0;
}

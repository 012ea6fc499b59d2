// seatkeeper: the one binary (API.md "Command line"): serve, migrate, admin …, demo-seed, keys rotate|rewrap.
#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>
#include <optional>

#include "app/app.hpp"
#include "app/demo_seed.hpp"
#include "app/master_key_source.hpp"
#include "check/signing_keys.hpp"
#include "common/crypto.hpp"
#include "common/log.hpp"
#include "service/accounts.hpp"
#include "service/tenants.hpp"
#include "service/webhooks.hpp"

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

// What the command line acts as: the publisher's or the tenant's own "system" global admin.
service::Principal account_principal(const std::string& publisher_id, const std::string& tenant_id) {
    if (!tenant_id.empty()) {
        return service::tenant_system_principal(seatkeeper::domain::normalize_tenant_id(tenant_id).value_or(tenant_id));
    }
    return service::system_principal(publisher_id);
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

    auto* serve_cmd = cli.add_subcommand("serve", "Serve the API and the web UI");
    common(serve_cmd);
    serve_cmd->add_option("--listen", overrides.listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
    serve_cmd->add_option("--web-dir", overrides.web_dir, "the built web UI (default: web/dist of the source tree)");

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

    service::NewTenant tenant;
    auto* create_tenant =
        admin->add_subcommand("create-tenant", "Create a customer tenant and its global admin; prints its ID");
    common(create_tenant);
    create_tenant->add_option("--name", tenant.name, "display name")->required();
    create_tenant->add_option("--domain", tenant.domains, "a domain of the tenant's users (repeatable)")->required();
    create_tenant->add_option("--admin-email", tenant.admin_email)->required();
    create_tenant->add_option("--admin-password", tenant.admin_password)->required();
    create_tenant->add_option("--admin-name", tenant.admin_name);

    service::NewUser user;
    std::string user_publisher;
    std::string user_tenant;
    auto* create_user = admin->add_subcommand("create-user", "Add a user to a publisher or a tenant");
    common(create_user);
    auto* user_publisher_opt = create_user->add_option("--publisher", user_publisher, "publisher ID");
    auto* user_tenant_opt = create_user->add_option("--tenant", user_tenant, "tenant ID");
    user_publisher_opt->excludes(user_tenant_opt);
    create_user->add_option("--email", user.email)->required();
    create_user->add_option("--password", user.password)->required();
    create_user
        ->add_option("--role", user.role,
                     "publisher: global_admin, account_admin, developer or viewer; tenant: global_admin, "
                     "billing_admin, license_admin or user")
        ->required();
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

    auto* keys = cli.add_subcommand("keys", "Token signing keys");
    keys->require_subcommand(1);
    auto* rotate_keys = keys->add_subcommand(
        "rotate", "Make a new active signing key; the old one stays published until its tokens expire");
    common(rotate_keys);
    auto* rewrap_keys = keys->add_subcommand(
        "rewrap", "Encrypt every signing key with the current master key, so the previous master keys can go");
    common(rewrap_keys);

    CLI11_PARSE(cli, argc, argv);

    if (serve_cmd->parsed()) return serve(overrides);

    app::Config config;
    auto store = open_store(overrides, config);
    if (!store.ok()) return fail(store.status());
    service::Services services(**store, config.settings);

    // The commands that open signing keys need the master keys (and on SQLite may create the key file).
    std::optional<seatkeeper::crypto::MasterKeys> master_keys;
    if (migrate_cmd->parsed() || rotate_keys->parsed() || rewrap_keys->parsed()) {
        auto loaded = app::load_master_keys(config, **store);
        if (!loaded.ok()) return fail(loaded.status());
        master_keys.emplace(std::move(loaded).value());
    }

    if (migrate_cmd->parsed()) {
        // Signing keys stored raw by versions before are encrypted now.
        const Status s = seatkeeper::check::upgrade_signing_keys(**store, *master_keys);
        if (!s.ok()) return fail(s);
        const auto secrets = service::upgrade_webhook_secrets(**store, *master_keys);
        if (!secrets.ok()) return fail(secrets.status());
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
    if (create_tenant->parsed()) {
        auto created = service::create_tenant(services, tenant);
        if (!created.ok()) return fail(created.status());
        std::cout << created->id << "\n";
        return 0;
    }
    if (create_user->parsed()) {
        if (user_publisher.empty() == user_tenant.empty()) {
            return fail(Status::Invalid("publisher", "required", "give --publisher ID or --tenant TENANT_ID"));
        }
        auto created = service::create_user(services, account_principal(user_publisher, user_tenant), user);
        if (!created.ok()) return fail(created.status());
        std::cout << created->id << "\n";
        return 0;
    }
    if (rotate_keys->parsed()) {
        auto kid = seatkeeper::check::rotate_signing_key(**store, *master_keys);
        if (!kid.ok()) return fail(kid.status());
        std::cout << *kid << "\n";
        return 0;
    }
    if (rewrap_keys->parsed()) {
        auto outcome = seatkeeper::check::rewrap_signing_keys(**store, *master_keys);
        if (!outcome.ok()) return fail(outcome.status());
        auto secrets = service::rewrap_webhook_secrets(**store, *master_keys);
        if (!secrets.ok()) return fail(secrets.status());
        std::cout << "rewrapped " << outcome->rewrapped.size() << " of "
                  << outcome->rewrapped.size() + outcome->unchanged << " signing keys and " << secrets->sealed << " of "
                  << secrets->sealed + secrets->unchanged
                  << " webhook endpoints' secrets: all are encrypted with master key " << master_keys->current().id()
                  << "; the previous master keys are no longer needed\n";
        return 0;
    }
    if (create_key->parsed()) {
        if (key_publisher.empty() == key_tenant.empty()) {
            return fail(Status::Invalid("publisher", "required", "give --publisher ID or --tenant TENANT_ID"));
        }
        auto created = service::create_api_key(services, account_principal(key_publisher, key_tenant), key);
        if (!created.ok()) return fail(created.status());
        std::cout << created->key << "\n";
        return 0;
    }
    return 0;
}

// Configuration: defaults, then a TOML file (--config or SEATKEEPER_CONFIG), then SEATKEEPER_* environment
// variables, then command-line flags — each later source overriding the earlier. docs/operations.md lists
// every key. Secrets are never logged.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "check/runtime.hpp"
#include "common/master_keys.hpp"
#include "common/status.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "jobs/worker.hpp"
#include "service/context.hpp"

namespace seatkeeper::app {

// Where the master keys come from (the `secrets` table; app/master_key_source.hpp reads the files and picks the
// default). Keys given inline are parsed here, so a bad one is refused naming its setting. Never logged.
struct MasterKeySettings {
    std::optional<crypto::MasterKey> key;          // secrets.master_key: the current key
    std::string key_file;                          // secrets.master_key_file: or a file holding it
    std::vector<crypto::MasterKey> previous_keys;  // secrets.previous_master_keys: keys that only decrypt
    std::vector<std::string> previous_key_files;   // secrets.previous_master_key_files
    [[nodiscard]] bool configured() const { return key.has_value() || !key_file.empty(); }
};

struct Config {
    std::string database = "sqlite:data/seatkeeper.db";
    std::string log_level = "info";
    http::ServerOptions server;
    http::ApiOptions api;
    service::Settings settings;
    check::RuntimeOptions check;  // its `issuer` is always settings.public_url (App sets it)
    jobs::WorkerOptions jobs;
    MasterKeySettings secrets;
};

struct Overrides {
    std::optional<std::string> config_file;
    std::optional<std::string> listen;  // "host:port"
    std::optional<std::string> database;
    std::optional<std::string> web_dir;  // the built web UI; unset: found beside the binary or in ./web/dist
};

// Reads file, environment and flags; Invalid naming the key for any bad value.
Result<Config> load_config(const Overrides& overrides);
// "127.0.0.1:8080" / "[::1]:8080" / ":8080" into the server options.
Status parse_listen(const std::string& listen, http::ServerOptions& server);

}  // namespace seatkeeper::app

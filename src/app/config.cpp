#include "app/config.hpp"

#include <toml++/toml.h>

#include <charconv>
#include <cstdlib>
#include <filesystem>

#include "common/text.hpp"
#include "dns/txt_lookup.hpp"
#include "mail/smtp.hpp"

namespace seatkeeper::app {

namespace {

std::optional<std::string> env(const char* name) {
    const char* v = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read once at start-up
    if (v == nullptr || *v == '\0') return std::nullopt;
    return std::string(v);
}

Result<std::int64_t> to_integer(const std::string& key, const std::string& text) {
    std::int64_t value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size()) {
        return Status::Invalid(key, "integer", key + " must be an integer, not '" + text + "'");
    }
    return value;
}

Result<double> to_number(const std::string& key, const std::string& text) {
    try {
        std::size_t used = 0;
        const double v = std::stod(text, &used);
        if (used == text.size()) return v;
    } catch (const std::exception&) {
    }
    return Status::Invalid(key, "number", key + " must be a number, not '" + text + "'");
}

Result<bool> to_bool(const std::string& key, const std::string& text) {
    if (text == "1" || text == "true" || text == "yes") return true;
    if (text == "0" || text == "false" || text == "no") return false;
    return Status::Invalid(key, "boolean", key + " must be true or false, not '" + text + "'");
}

// One setting: where it lives in TOML, its environment variable, and how to store it.
struct Setting {
    const char* toml_path;
    const char* env_name;
    std::function<Status(const std::string& key, const std::string& text)> apply;
};

std::vector<Setting> settings_of(Config& c) {
    const auto integer = [](auto& target, std::int64_t min, std::int64_t max, std::int64_t scale = 1) {
        return [&target, min, max, scale](const std::string& key, const std::string& text) -> Status {
            SK_ASSIGN_OR_RETURN(const std::int64_t v, to_integer(key, text));
            if (v < min || v > max) {
                return Status::Invalid(key, "range",
                                       key + " must be between " + std::to_string(min) + " and " + std::to_string(max));
            }
            target = static_cast<std::remove_reference_t<decltype(target)>>(v * scale);
            return Status::Ok();
        };
    };
    const auto number = [](double& target) {
        return [&target](const std::string& key, const std::string& text) -> Status {
            SK_ASSIGN_OR_RETURN(target, to_number(key, text));
            return Status::Ok();
        };
    };
    const auto boolean = [](bool& target) {
        return [&target](const std::string& key, const std::string& text) -> Status {
            SK_ASSIGN_OR_RETURN(target, to_bool(key, text));
            return Status::Ok();
        };
    };
    const auto seconds = [](std::chrono::milliseconds& target, std::int64_t min, std::int64_t max) {
        return [&target, min, max](const std::string& key, const std::string& text) -> Status {
            SK_ASSIGN_OR_RETURN(const std::int64_t n, to_integer(key, text));
            if (n < min || n > max) {
                return Status::Invalid(key, "range",
                                       key + " must be between " + std::to_string(min) + " and " + std::to_string(max));
            }
            target = std::chrono::seconds(n);
            return Status::Ok();
        };
    };
    // A comma-separated list (a TOML array arrives joined with commas); blanks around items are ignored.
    const auto list = [](std::string_view value) {
        std::vector<std::string> items;
        while (true) {
            const auto comma = value.find(',');
            const std::string_view item = text::trim(value.substr(0, comma));
            if (!item.empty()) items.emplace_back(item);
            if (comma == std::string_view::npos) return items;
            value.remove_prefix(comma + 1);
        }
    };
    const auto text = [](std::string& target) {
        return [&target](const std::string&, const std::string& value) -> Status {
            target = value;
            return Status::Ok();
        };
    };
    service::Settings& s = c.settings;
    return {
        {"database", "SEATKEEPER_DATABASE", text(c.database)},
        {"listen", "SEATKEEPER_LISTEN",
         [&c](const std::string&, const std::string& v) { return parse_listen(v, c.server); }},
        {"threads", "SEATKEEPER_THREADS", integer(c.server.threads, 1, 256)},
        {"workers", "SEATKEEPER_WORKERS", integer(c.server.workers, 1, 1024)},
        {"log_level", "SEATKEEPER_LOG_LEVEL", text(c.log_level)},
        {"public_url", "SEATKEEPER_PUBLIC_URL", text(s.public_url)},
        {"secure_cookies", "SEATKEEPER_SECURE_COOKIES", boolean(s.secure_cookies)},
        {"session_ttl_seconds", "SEATKEEPER_SESSION_TTL_SECONDS", integer(s.session_ttl_ms, 60, 30LL * 86400, 1000)},
        {"go_live_delay_seconds", "SEATKEEPER_GO_LIVE_DELAY_SECONDS", integer(s.go_live_delay_ms, 0, 86400, 1000)},
        {"licenses.notice_days", "SEATKEEPER_LICENSE_NOTICE_DAYS", integer(s.license_notice_days, 0, 365)},
        {"invitation_ttl_hours", "SEATKEEPER_INVITATION_TTL_HOURS",
         integer(s.invitation_ttl_ms, 1, 24LL * 365, 3600LL * 1000)},
        {"packages.max_bytes", "SEATKEEPER_PACKAGE_MAX_BYTES", integer(s.max_package_bytes, 1024, 1LL << 30)},
        {"packages.fetch_timeout_seconds", "SEATKEEPER_PACKAGE_FETCH_TIMEOUT_SECONDS",
         seconds(s.fetch_limits.timeout, 1, 600)},
        {"packages.allow_private_addresses", "SEATKEEPER_PACKAGE_ALLOW_PRIVATE_ADDRESSES",
         boolean(s.fetch_limits.allow_private_addresses)},
        {"packages.max_entries", "SEATKEEPER_PACKAGE_MAX_ENTRIES", integer(s.zip_limits.max_entries, 1, 1000000)},
        {"packages.max_entry_bytes", "SEATKEEPER_PACKAGE_MAX_ENTRY_BYTES",
         integer(s.zip_limits.max_entry_bytes, 1024, 1LL << 32)},
        {"packages.max_total_bytes", "SEATKEEPER_PACKAGE_MAX_TOTAL_BYTES",
         integer(s.zip_limits.max_total_bytes, 1024, 1LL << 34)},
        {"packages.max_ratio", "SEATKEEPER_PACKAGE_MAX_RATIO", number(s.zip_limits.max_ratio)},
        {"dns.resolver", "SEATKEEPER_DNS_RESOLVER",
         [&s](const std::string& key, const std::string& v) -> Status {
             SK_RETURN_IF_ERROR(dns::validate_resolver(key, v));
             s.dns_resolver = v;
             return Status::Ok();
         }},
        {"smtp.url", "SEATKEEPER_SMTP_URL",
         [&s](const std::string& key, const std::string& v) -> Status {
             if (!v.empty()) SK_RETURN_IF_ERROR(mail::validate_smtp_url(key, v));
             s.smtp.url = v;
             return Status::Ok();
         }},
        {"smtp.from", "SEATKEEPER_SMTP_FROM",
         [&s](const std::string& key, const std::string& v) -> Status {
             SK_ASSIGN_OR_RETURN(s.smtp.from, mail::parse_mailbox(key, v));
             return Status::Ok();
         }},
        {"smtp.username", "SEATKEEPER_SMTP_USERNAME", text(s.smtp.username)},
        {"smtp.password", "SEATKEEPER_SMTP_PASSWORD", text(s.smtp.password)},
        {"smtp.starttls", "SEATKEEPER_SMTP_STARTTLS",
         [&s](const std::string& key, const std::string& v) -> Status {
             SK_ASSIGN_OR_RETURN(s.smtp.starttls, to_bool(key, v));
             return Status::Ok();
         }},
        {"smtp.connect_timeout_seconds", "SEATKEEPER_SMTP_CONNECT_TIMEOUT_SECONDS",
         seconds(s.smtp.connect_timeout, 1, 100)},
        // At most 100 s, so that a send ends well within the 120 s lease of its job.
        {"smtp.timeout_seconds", "SEATKEEPER_SMTP_TIMEOUT_SECONDS", seconds(s.smtp.timeout, 1, 100)},
        {"smtp.max_attempts", "SEATKEEPER_SMTP_MAX_ATTEMPTS", integer(s.mail_retry.max_attempts, 1, 100)},
        {"smtp.retry_delay_seconds", "SEATKEEPER_SMTP_RETRY_DELAY_SECONDS",
         integer(s.mail_retry.first_delay_ms, 1, 86400, 1000)},
        {"smtp.max_retry_delay_seconds", "SEATKEEPER_SMTP_MAX_RETRY_DELAY_SECONDS",
         integer(s.mail_retry.max_delay_ms, 1, 86400, 1000)},
        {"webhooks.retry_delay_seconds", "SEATKEEPER_WEBHOOK_RETRY_DELAY_SECONDS",
         integer(s.webhooks.retry_delay_ms, 1, 86400, 1000)},
        {"webhooks.max_retry_delay_seconds", "SEATKEEPER_WEBHOOK_MAX_RETRY_DELAY_SECONDS",
         integer(s.webhooks.max_retry_delay_ms, 1, 7LL * 86400, 1000)},
        {"webhooks.max_attempts", "SEATKEEPER_WEBHOOK_MAX_ATTEMPTS", integer(s.webhooks.max_attempts, 1, 100)},
        // At most 50 s, so that an attempt ends well within its 60 s lease.
        {"webhooks.timeout_seconds", "SEATKEEPER_WEBHOOK_TIMEOUT_SECONDS", integer(s.webhooks.timeout_ms, 1, 50, 1000)},
        {"webhooks.allow_private_addresses", "SEATKEEPER_WEBHOOK_ALLOW_PRIVATE_ADDRESSES",
         boolean(s.webhooks.allow_private_addresses)},
        {"webhooks.secret_grace_hours", "SEATKEEPER_WEBHOOK_SECRET_GRACE_HOURS",
         integer(s.webhooks.secret_grace_ms, 0, 24LL * 30, 3'600'000)},
        {"webhooks.disable_after_failures", "SEATKEEPER_WEBHOOK_DISABLE_AFTER_FAILURES",
         integer(s.webhooks.disable_after_failures, 0, 1'000'000)},
        {"webhooks.retention_days", "SEATKEEPER_WEBHOOK_RETENTION_DAYS",
         integer(s.webhooks.retention_ms, 0, 3650, 86'400'000)},
        {"webhooks.concurrency", "SEATKEEPER_WEBHOOK_CONCURRENCY", integer(c.jobs.webhook_concurrency, 1, 64)},
        {"limits.requests_per_second", "SEATKEEPER_REQUESTS_PER_SECOND", number(c.api.requests_per_second)},
        {"limits.request_burst", "SEATKEEPER_REQUEST_BURST", number(c.api.request_burst)},
        {"limits.runtime_requests_per_second", "SEATKEEPER_RUNTIME_REQUESTS_PER_SECOND",
         number(c.api.runtime_requests_per_second)},
        {"limits.runtime_request_burst", "SEATKEEPER_RUNTIME_REQUEST_BURST", number(c.api.runtime_request_burst)},
        {"limits.logins_per_minute", "SEATKEEPER_LOGINS_PER_MINUTE", number(c.api.logins_per_minute)},
        {"limits.login_burst", "SEATKEEPER_LOGIN_BURST", number(c.api.login_burst)},
        {"limits.public_writes_per_minute", "SEATKEEPER_PUBLIC_WRITES_PER_MINUTE",
         number(c.api.public_writes_per_minute)},
        {"limits.public_write_burst", "SEATKEEPER_PUBLIC_WRITE_BURST", number(c.api.public_write_burst)},
        {"limits.header_bytes", "SEATKEEPER_HEADER_LIMIT_BYTES", integer(c.server.header_limit, 1024, 1 << 20)},
        {"limits.max_pending_requests", "SEATKEEPER_MAX_PENDING_REQUESTS",
         integer(c.server.max_pending_requests, 1, 1 << 20)},
        {"limits.max_connections", "SEATKEEPER_MAX_CONNECTIONS", integer(c.server.max_connections, 0, 1 << 24)},
        {"limits.max_connections_per_address", "SEATKEEPER_MAX_CONNECTIONS_PER_ADDRESS",
         integer(c.server.max_connections_per_address, 0, 1 << 24)},
        {"check.refresh_ms", "SEATKEEPER_CHECK_REFRESH_MS", integer(c.check.refresh_ms, 10, 60000)},
        {"check.listen", "SEATKEEPER_CHECK_LISTEN", boolean(c.check.listen)},
        {"jobs.review_concurrency", "SEATKEEPER_JOBS_REVIEW_CONCURRENCY", integer(c.jobs.review_concurrency, 1, 64)},
        {"jobs.go_live_concurrency", "SEATKEEPER_JOBS_GO_LIVE_CONCURRENCY", integer(c.jobs.go_live_concurrency, 1, 64)},
        {"jobs.mail_concurrency", "SEATKEEPER_JOBS_MAIL_CONCURRENCY", integer(c.jobs.mail_concurrency, 1, 64)},
        {"jobs.poll_interval_ms", "SEATKEEPER_JOBS_POLL_INTERVAL_MS", integer(c.jobs.poll_interval_ms, 10, 60000)},
        {"tokens.ttl_seconds", "SEATKEEPER_TOKEN_TTL_SECONDS", integer(c.check.token_ttl_ms, 10, 86400, 1000)},
        // Seat activity (issue 15): how often each node writes the checks it recorded, and how long rows stay.
        {"activity.flush_seconds", "SEATKEEPER_ACTIVITY_FLUSH_SECONDS",
         integer(c.check.activity.flush_ms, 1, 3600, 1000)},
        {"activity.retention_days", "SEATKEEPER_ACTIVITY_RETENTION_DAYS",
         integer(c.check.activity.retention_days, 0, 36500)},
        {"web.dir", "SEATKEEPER_WEB_DIR", text(c.api.web_dir)},
        {"secrets.master_key", "SEATKEEPER_MASTER_KEY",
         [&c](const std::string& key, const std::string& v) -> Status {
             SK_ASSIGN_OR_RETURN(c.secrets.key, crypto::MasterKey::from_base64(v, key));
             return Status::Ok();
         }},
        {"secrets.master_key_file", "SEATKEEPER_MASTER_KEY_FILE", text(c.secrets.key_file)},
        {"secrets.previous_master_keys", "SEATKEEPER_PREVIOUS_MASTER_KEYS",
         [&c, list](const std::string& key, const std::string& v) -> Status {
             c.secrets.previous_keys.clear();
             for (const std::string& item : list(v)) {
                 SK_ASSIGN_OR_RETURN(auto parsed, crypto::MasterKey::from_base64(item, key));
                 c.secrets.previous_keys.push_back(std::move(parsed));
             }
             return Status::Ok();
         }},
        {"secrets.previous_master_key_files", "SEATKEEPER_PREVIOUS_MASTER_KEY_FILES",
         [&c, list](const std::string&, const std::string& v) -> Status {
             c.secrets.previous_key_files = list(v);
             return Status::Ok();
         }},
        {"trusted_proxies", "SEATKEEPER_TRUSTED_PROXIES",
         [&c](const std::string& key, const std::string& v) -> Status {
             SK_ASSIGN_OR_RETURN(c.api.trusted_proxies, http::TrustedProxies::parse(key, v));
             return Status::Ok();
         }},
    };
}

std::optional<std::string> toml_text(const toml::table& table, const char* path) {
    const toml::node_view node = table.at_path(path);
    if (!node) return std::nullopt;
    if (const auto s = node.value<std::string>(); s && node.is_string()) return *s;
    if (node.is_boolean()) return *node.value<bool>() ? "true" : "false";
    if (node.is_integer()) return std::to_string(*node.value<std::int64_t>());
    if (node.is_floating_point()) return std::to_string(*node.value<double>());
    if (const auto* list = node.as_array()) {  // a list of strings, as trusted_proxies = ["10.0.0.0/8", …]
        std::string joined;
        for (const auto& item : *list) {
            const auto s = item.value<std::string>();
            if (!s) return std::nullopt;
            joined += (joined.empty() ? "" : ",") + *s;
        }
        return joined;
    }
    return std::nullopt;
}

// The first of these holding index.html: beside a build tree's binary (build/<preset>/seatkeeper →
// web/dist), an installed layout (bin/seatkeeper → share/seatkeeper/web), the working directory's web/dist.
std::string find_web_dir() {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path exe_dir = fs::read_symlink("/proc/self/exe", ec).parent_path();
    std::vector<fs::path> candidates;
    if (!ec) {
        candidates.push_back(exe_dir / ".." / ".." / "web" / "dist");
        candidates.push_back(exe_dir / ".." / "share" / "seatkeeper" / "web");
    }
    candidates.push_back(fs::current_path(ec) / "web" / "dist");
    for (const fs::path& dir : candidates) {
        if (fs::is_regular_file(dir / "index.html", ec)) return fs::weakly_canonical(dir, ec).string();
    }
    return {};
}

}  // namespace

Status parse_listen(const std::string& listen, http::ServerOptions& server) {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos) {
        return Status::Invalid("listen", "host_port", "listen must be HOST:PORT, e.g. 127.0.0.1:8080");
    }
    std::string host = listen.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    SK_ASSIGN_OR_RETURN(const std::int64_t port, to_integer("listen", listen.substr(colon + 1)));
    if (port < 0 || port > 65535) return Status::Invalid("listen", "port", "the port must be between 0 and 65535");
    server.address = host.empty() ? "0.0.0.0" : host;
    server.port = static_cast<std::uint16_t>(port);
    return Status::Ok();
}

Result<Config> load_config(const Overrides& overrides) {
    Config config;
    std::vector<Setting> settings = settings_of(config);
    const std::optional<std::string> file = overrides.config_file ? overrides.config_file : env("SEATKEEPER_CONFIG");
    if (file) {
        toml::table table;
        try {
            table = toml::parse_file(*file);
        } catch (const toml::parse_error& e) {
            return Status::Invalid("config", "toml", "cannot read " + *file + ": " + std::string(e.description()));
        }
        for (const Setting& s : settings) {
            if (const auto v = toml_text(table, s.toml_path)) SK_RETURN_IF_ERROR(s.apply(s.toml_path, *v));
        }
    }
    for (const Setting& s : settings) {
        if (const auto v = env(s.env_name)) SK_RETURN_IF_ERROR(s.apply(s.env_name, *v));
    }
    if (overrides.listen) SK_RETURN_IF_ERROR(parse_listen(*overrides.listen, config.server));
    if (overrides.database) config.database = *overrides.database;
    if (overrides.web_dir) config.api.web_dir = *overrides.web_dir;
    if (config.api.web_dir.empty()) config.api.web_dir = find_web_dir();
    const mail::SmtpSettings& smtp = config.settings.smtp;
    if (!smtp.password.empty() && smtp.username.empty()) {
        return Status::Invalid("smtp.username", "required", "smtp.password is set, so smtp.username must be set too");
    }
    const MasterKeySettings& secrets = config.secrets;
    if (secrets.key && !secrets.key_file.empty()) {
        return Status::Invalid("secrets.master_key_file", "exclusive",
                               "secrets.master_key and secrets.master_key_file are both set; give the current master "
                               "key one way");
    }
    if (!secrets.configured() && (!secrets.previous_keys.empty() || !secrets.previous_key_files.empty())) {
        return Status::Invalid("secrets.master_key", "required",
                               "previous master keys are set, so the current one must be set too "
                               "(secrets.master_key or secrets.master_key_file)");
    }
    while (!config.settings.public_url.empty() && config.settings.public_url.back() == '/') {
        config.settings.public_url.pop_back();
    }
    return config;
}

}  // namespace seatkeeper::app

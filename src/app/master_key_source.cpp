#include "app/master_key_source.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

#include "check/signing_keys.hpp"
#include "common/crypto.hpp"
#include "common/log.hpp"
#include "service/webhooks.hpp"

namespace seatkeeper::app {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxKeyFileBytes = 4096;  // a key file holds 45 bytes; anything this big is another file

std::string os_error(int error) { return std::generic_category().message(error); }

// Closes a descriptor when it goes out of scope.
class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    [[nodiscard]] int get() const { return fd_; }

private:
    int fd_;
};

Status cannot(const std::string& field, const std::string& what, int error) {
    return Status::Invalid(field, "master_key_file", what + ": " + os_error(error));
}

Result<crypto::MasterKey> read_key_file(const fs::path& path, const std::string& field) {
    const Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) return cannot(field, "cannot open the master key file " + path.string(), errno);
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) return cannot(field, "cannot read the master key file " + path.string(), errno);
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        log::warn("the master key file is open to other users of the machine",
                  {{"file", path.string()}, {"hint", "chmod 600 it, owned by the user the service runs as"}});
    }
    std::string text(kMaxKeyFileBytes, '\0');
    std::size_t size = 0;
    while (size < text.size()) {
        const ssize_t n = ::read(fd.get(), text.data() + size, text.size() - size);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            sodium_memzero(text.data(), text.size());
            return cannot(field, "cannot read the master key file " + path.string(), errno);
        }
        if (n == 0) break;
        size += static_cast<std::size_t>(n);
    }
    auto key = crypto::MasterKey::from_base64(std::string_view(text).substr(0, size), field);
    sodium_memzero(text.data(), text.size());
    if (!key.ok()) {
        return Status::Invalid(field, "master_key_file",
                               "the master key file " + path.string() +
                                   " must hold the base64 of 32 random bytes (make one with "
                                   "`openssl rand -base64 32 > FILE`)");
    }
    return key;
}

// Writes a new random key to `path` unless a file is there: a temporary file (0600) synced, then linked into
// place (link() never replaces a file), then the directory synced, so the key is on disk before anything is
// sealed with it. When another process linked its key first, that one is read.
Result<crypto::MasterKey> create_key_file(const fs::path& path) {
    const std::string field = "secrets.master_key_file";
    const crypto::MasterKey key = crypto::MasterKey::generate();
    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    const fs::path temporary = dir / ("." + path.filename().string() + ".new-" + crypto::random_token(6));
    {
        const Fd fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
        if (fd.get() < 0) return cannot(field, "cannot create the master key file " + temporary.string(), errno);
        std::string text = key.to_base64() + "\n";
        const bool written =
            ::write(fd.get(), text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd.get()) == 0;
        const int error = errno;
        sodium_memzero(text.data(), text.size());
        if (!written) {
            ::unlink(temporary.c_str());
            return cannot(field, "cannot write the master key file " + temporary.string(), error);
        }
    }
    const int linked = ::link(temporary.c_str(), path.c_str());
    const int error = errno;
    ::unlink(temporary.c_str());
    if (linked != 0 && error == EEXIST) return read_key_file(path, field);
    if (linked != 0) return cannot(field, "cannot create the master key file " + path.string(), error);
    const Fd dir_fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir_fd.get() < 0 || ::fsync(dir_fd.get()) != 0) {
        return cannot(field, "cannot sync the directory of the master key file " + path.string(), errno);
    }
    log::warn("created a master key file: it encrypts the token signing keys and webhook secrets in the database",
              {{"file", path.string()},
               {"master_key_id", key.id()},
               {"hint",
                "back it up apart from the database; without it the signing keys and webhook secrets cannot be read "
                "(docs/operations.md, Master key and key rotation)"}});
    return key;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

crypto::MasterKeys announced(crypto::MasterKeys keys, const std::string& source) {
    boost::json::array previous;
    for (const auto& key : keys.previous()) previous.emplace_back(key.id());
    log::info("master keys", {{"current", keys.current().id()}, {"previous", std::move(previous)}, {"source", source}});
    return keys;
}

}  // namespace

fs::path default_master_key_file(const std::string& sqlite_path) {
    return fs::path(sqlite_path).parent_path() / "master.key";
}

Result<crypto::MasterKeys> load_master_keys(const Config& config, store::Store& store) {
    const MasterKeySettings& settings = config.secrets;
    std::vector<crypto::MasterKey> previous = settings.previous_keys;
    for (const std::string& file : settings.previous_key_files) {
        SK_ASSIGN_OR_RETURN(auto key, read_key_file(file, "secrets.previous_master_key_files"));
        previous.push_back(std::move(key));
    }
    if (settings.key) return announced(crypto::MasterKeys(*settings.key, std::move(previous)), "secrets.master_key");
    if (!settings.key_file.empty()) {
        SK_ASSIGN_OR_RETURN(auto key, read_key_file(settings.key_file, "secrets.master_key_file"));
        return announced(crypto::MasterKeys(std::move(key), std::move(previous)), settings.key_file);
    }

    const std::optional<std::string> database = store::sqlite_path(config.database);
    if (!database) {
        return Status::Invalid("secrets.master_key", "required",
                               "PostgreSQL needs a master key that every node shares: set secrets.master_key_file "
                               "(SEATKEEPER_MASTER_KEY_FILE) to a file holding the base64 of 32 random bytes "
                               "(`openssl rand -base64 32`), or secrets.master_key (SEATKEEPER_MASTER_KEY); see "
                               "docs/operations.md, \"Master key and key rotation\"");
    }
    const fs::path file = default_master_key_file(*database);
    std::error_code ec;
    if (!fs::exists(file, ec)) {
        // A new key could not open what another one sealed: say which key is missing instead of making one
        // (unless another process has just made the file, and sealed keys with it).
        SK_ASSIGN_OR_RETURN(auto in_use, check::master_key_ids_in_use(store));
        SK_ASSIGN_OR_RETURN(const auto webhooks_in_use, service::webhook_master_key_ids_in_use(store));
        for (const auto& id : webhooks_in_use) {
            if (std::find(in_use.begin(), in_use.end(), id) == in_use.end()) in_use.push_back(id);
        }
        if (in_use.empty()) {
            SK_ASSIGN_OR_RETURN(auto key, create_key_file(file));
            return announced(crypto::MasterKeys(std::move(key)), file.string());
        }
        if (!fs::exists(file, ec)) {
            return Status::Invalid(
                "secrets.master_key", "master_key_missing",
                "the secrets in this database (signing keys, webhook secrets) are encrypted with master key " +
                    joined(in_use) + ", but no master key is configured and " + file.string() +
                    " does not exist: put that file back, or configure the key "
                    "(secrets.master_key_file)");
        }
    }
    SK_ASSIGN_OR_RETURN(auto key, read_key_file(file, "secrets.master_key_file"));
    return announced(crypto::MasterKeys(std::move(key)), file.string());
}

}  // namespace seatkeeper::app

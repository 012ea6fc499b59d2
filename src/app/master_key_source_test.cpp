#include "app/master_key_source.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "app/app.hpp"
#include "check/signing_keys.hpp"
#include "common/crypto.hpp"

namespace seatkeeper::app {
namespace {

namespace fs = std::filesystem;

class MasterKeySource : public ::testing::Test {
protected:
    void SetUp() override {
        crypto::init_crypto();
        dir_ = fs::temp_directory_path() / ("seatkeeper-master-key-" + crypto::random_token(8));
        fs::create_directories(dir_);
        config_.database = "sqlite:" + (dir_ / "seatkeeper.db").string();
        auto store = open_migrated_store(config_.database);
        ASSERT_TRUE(store.ok()) << store.status().message();
        store_ = std::move(store).value();
    }
    void TearDown() override {
        store_.reset();
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }

    [[nodiscard]] std::string read(const fs::path& file) const {
        std::ostringstream text;
        text << std::ifstream(file).rdbuf();
        return text.str();
    }
    void write(const fs::path& file, const std::string& text) const {
        std::ofstream(file) << text;
        fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
    }

    fs::path dir_;
    Config config_;
    std::unique_ptr<store::Store> store_;
};

TEST_F(MasterKeySource, SqliteWithoutAKeyCreatesOneBesideTheDatabase) {
    const auto keys = load_master_keys(config_, *store_);
    ASSERT_TRUE(keys.ok()) << keys.status().message();
    const fs::path file = dir_ / "master.key";
    EXPECT_EQ(default_master_key_file((dir_ / "seatkeeper.db").string()), file);
    ASSERT_TRUE(fs::exists(file));
    struct stat info {};
    ASSERT_EQ(::stat(file.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777U, 0600U);
    EXPECT_EQ(read(file), keys->current().to_base64() + "\n");
    EXPECT_TRUE(keys->previous().empty());

    // The next start reads the same key; nothing else is left in the directory.
    const auto again = load_master_keys(config_, *store_);
    ASSERT_TRUE(again.ok()) << again.status().message();
    EXPECT_EQ(again->current().id(), keys->current().id());
    for (const auto& entry : fs::directory_iterator(dir_)) {
        EXPECT_FALSE(entry.path().filename().string().starts_with(".master.key")) << entry.path();
    }
}

// Without the file, a database whose keys another master key sealed gets no new key, but an error naming it.
TEST_F(MasterKeySource, SqliteDoesNotReplaceALostKeyFile) {
    const auto keys = load_master_keys(config_, *store_);
    ASSERT_TRUE(keys.ok());
    ASSERT_TRUE(check::ensure_signing_key(*store_, *keys).ok());
    fs::remove(dir_ / "master.key");

    const auto lost = load_master_keys(config_, *store_);
    ASSERT_FALSE(lost.ok());
    EXPECT_EQ(lost.status().rule(), "master_key_missing");
    EXPECT_NE(lost.status().message().find(keys->current().id()), std::string::npos) << lost.status().message();
    EXPECT_NE(lost.status().message().find((dir_ / "master.key").string()), std::string::npos);
    EXPECT_FALSE(fs::exists(dir_ / "master.key"));
}

TEST_F(MasterKeySource, PostgresqlNeedsAConfiguredKey) {
    config_.database = "postgresql://seatkeeper@127.0.0.1:5432/seatkeeper";
    const auto keys = load_master_keys(config_, *store_);
    ASSERT_FALSE(keys.ok());
    EXPECT_EQ(keys.status().field(), "secrets.master_key");
    EXPECT_NE(keys.status().message().find("PostgreSQL"), std::string::npos);
    EXPECT_NE(keys.status().message().find("SEATKEEPER_MASTER_KEY_FILE"), std::string::npos);

    config_.secrets.key = crypto::MasterKey::generate();
    EXPECT_TRUE(load_master_keys(config_, *store_).ok());
}

TEST_F(MasterKeySource, ReadsTheConfiguredKeyFiles) {
    const crypto::MasterKey current = crypto::MasterKey::generate();
    const crypto::MasterKey old_key = crypto::MasterKey::generate();
    write(dir_ / "current.key", current.to_base64() + "\n");
    write(dir_ / "old.key", old_key.to_base64());
    config_.secrets.key_file = (dir_ / "current.key").string();
    config_.secrets.previous_key_files = {(dir_ / "old.key").string()};
    const auto keys = load_master_keys(config_, *store_);
    ASSERT_TRUE(keys.ok()) << keys.status().message();
    EXPECT_EQ(keys->current().id(), current.id());
    ASSERT_EQ(keys->previous().size(), 1U);
    EXPECT_EQ(keys->previous()[0].id(), old_key.id());
    EXPECT_FALSE(fs::exists(dir_ / "master.key")) << "no default file when a key is configured";
}

TEST_F(MasterKeySource, RefusesAKeyFileWithoutAKeyNamingTheFile) {
    write(dir_ / "current.key", "not a key\n");
    config_.secrets.key_file = (dir_ / "current.key").string();
    const auto bad = load_master_keys(config_, *store_);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.status().field(), "secrets.master_key_file");
    EXPECT_NE(bad.status().message().find(config_.secrets.key_file), std::string::npos) << bad.status().message();

    config_.secrets.key_file = (dir_ / "missing.key").string();
    const auto missing = load_master_keys(config_, *store_);
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.status().message().find("missing.key"), std::string::npos) << missing.status().message();
}

}  // namespace
}  // namespace seatkeeper::app

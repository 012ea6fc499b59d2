#include "support/dns_server.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <fstream>
#include <stdexcept>

#include "common/crypto.hpp"

namespace seatkeeper::testing {

namespace {

// A UDP port on 127.0.0.1 that nothing was bound to a moment ago.
int free_udp_port() {
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw std::runtime_error("socket failed");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
        ::close(fd);
        throw std::runtime_error("cannot find a free UDP port");
    }
    ::close(fd);
    return ntohs(address.sin_port);
}

}  // namespace

DnsServer::DnsServer() : port_(free_udp_port()) {
    dir_ = std::filesystem::temp_directory_path() / ("seatkeeper-dns-" + crypto::random_token(8));
    std::filesystem::create_directories(dir_);
    write_records();
    const auto ready = dir_ / "ready";
    process_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{SEATKEEPER_TEST_PYTHON, SEATKEEPER_DNS_SERVER_SCRIPT, "--listen", resolver(),
                                 "--records", (dir_ / "records.json").string(), "--ready", ready.string()});
    process_->wait_until([&ready] { return std::filesystem::exists(ready); }, "the DNS server",
                         "is python3-dnslib installed for " + std::string(SEATKEEPER_TEST_PYTHON) + "?");
}

DnsServer::~DnsServer() {
    process_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

void DnsServer::set_txt(const std::string& name, std::vector<std::string> records) {
    records_[name] = std::move(records);
    write_records();
}

void DnsServer::write_records() const {
    boost::json::object all;
    for (const auto& [name, texts] : records_) {
        boost::json::array list;
        for (const auto& t : texts) list.emplace_back(t);
        all[name] = std::move(list);
    }
    // Written aside and renamed, so that a query never reads half a file.
    const auto path = dir_ / "records.json";
    {
        std::ofstream out(path.string() + ".tmp");
        out << boost::json::serialize(all);
    }
    std::filesystem::rename(path.string() + ".tmp", path);
}

}  // namespace seatkeeper::testing

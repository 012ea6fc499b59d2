// A real DNS server for domain verification tests: tests/support/dns_server.py (Debian's python3-dnslib) as
// a child process on 127.0.0.1 (UDP), answering TXT queries from records the test sets. Point Seatkeeper at
// it with settings.dns_resolver = resolver().
//
// The constructor returns once the server listens (or throws std::runtime_error, e.g. when python3-dnslib is
// missing); the destructor stops it and removes its directory.
//
// Thread-safety: one thread owns a DnsServer.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "support/child_process.hpp"

namespace seatkeeper::testing {

class DnsServer {
public:
    DnsServer();
    ~DnsServer();
    DnsServer(const DnsServer&) = delete;
    DnsServer& operator=(const DnsServer&) = delete;

    // "127.0.0.1:PORT"
    [[nodiscard]] std::string resolver() const { return "127.0.0.1:" + std::to_string(port_); }
    // From now on `name` answers these TXT records (an empty list: the name exists without any).
    void set_txt(const std::string& name, std::vector<std::string> records);

private:
    void write_records() const;

    std::filesystem::path dir_;
    int port_ = 0;
    std::map<std::string, std::vector<std::string>> records_;
    std::unique_ptr<ChildProcess> process_;
};

}  // namespace seatkeeper::testing

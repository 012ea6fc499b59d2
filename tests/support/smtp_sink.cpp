#include "support/smtp_sink.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "common/crypto.hpp"

namespace seatkeeper::testing {

namespace {

sockaddr_in loopback(int port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

bool accepts_connections(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    sockaddr_in address = loopback(port);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return ok;
}

}  // namespace

int SmtpSink::free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw std::runtime_error("socket failed");
    sockaddr_in address = loopback(0);
    socklen_t size = sizeof address;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
        ::close(fd);
        throw std::runtime_error("cannot find a free port");
    }
    ::close(fd);
    return ntohs(address.sin_port);
}

SmtpSink::SmtpSink(int port, std::string login) : port_(port == 0 ? free_port() : port) {
    dir_ = std::filesystem::temp_directory_path() / ("seatkeeper-sink-" + crypto::random_token(8));
    std::filesystem::create_directories(dir_);

    std::vector<std::string> args{
        SEATKEEPER_TEST_PYTHON, SEATKEEPER_SMTP_SINK_SCRIPT, "--listen", "127.0.0.1:" + std::to_string(port_), "--dir",
        dir_.string()};
    if (!login.empty()) {
        args.emplace_back("--login");
        args.push_back(std::move(login));
    }
    process_ = std::make_unique<ChildProcess>(std::move(args));

    process_->wait_until([this] { return accepts_connections(port_); }, "the SMTP sink",
                         "is python3-aiosmtpd installed for " + std::string(SEATKEEPER_TEST_PYTHON) + "?");
}

SmtpSink::~SmtpSink() {
    process_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

std::vector<boost::json::object> SmtpSink::messages() const {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<boost::json::object> out;
    for (const auto& file : files) {
        std::ifstream in(file);
        std::stringstream text;
        text << in.rdbuf();
        boost::system::error_code parse_error;
        boost::json::value v = boost::json::parse(text.str(), parse_error);
        if (!parse_error && v.is_object()) out.push_back(std::move(v.as_object()));
    }
    return out;
}

std::vector<boost::json::object> SmtpSink::wait_for_messages(std::size_t count,
                                                             std::chrono::milliseconds timeout) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        auto received = messages();
        if (received.size() >= count || std::chrono::steady_clock::now() >= deadline) return received;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

}  // namespace seatkeeper::testing

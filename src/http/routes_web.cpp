// The web UI: the files Vite builds into web/dist (the `web.dir` setting), served by the binary.
//
// - `/signin`, `/partner…`, `/marketplace…`, `/admin…` answer index.html: the single-page app reads the
//   path and shows the page, so every page can be bookmarked and reloaded. index.html is `no-cache` (with an
//   ETag, so a reload costs a 304), because it names the current build's assets.
// - `/assets/{file}` answers one file of dist/assets. Vite puts a content hash in every name there, so these
//   are cached for a year as immutable; a `.gz` twin made at build time is sent to clients that accept gzip.
// - `/` redirects to the marketplace, the one surface anyone may see.
//
// Nothing here reads a path the client chose: SPA routes always answer index.html, and an asset name must
// be one plain file name (letters, digits, '.', '-', '_', not starting with '.'), so `..`, '/', '%'
// escapes and dot files never reach the file system. The routes cover only the UI's prefixes, so they
// cannot shadow /api/, /.well-known/, /healthz, /readyz or /metrics.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/crypto.hpp"
#include "http/api.hpp"
#include "http/handlers.hpp"

namespace seatkeeper::http {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxAssetName = 200;

// What a browser is told about any page of the UI: no sniffing, no framing, no referrer outside the site
// (preview links carry their token in the query string). Fluent UI writes its styles at run time, hence
// 'unsafe-inline' for styles only.
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

std::string_view content_type_for(std::string_view name) {
    static const std::vector<std::pair<std::string_view, std::string_view>> kTypes{
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".map", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".webp", "image/webp"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".woff", "font/woff"},
        {".txt", "text/plain; charset=utf-8"},
    };
    for (const auto& [extension, type] : kTypes) {
        if (name.ends_with(extension)) return type;
    }
    return "application/octet-stream";
}

bool plain_file_name(std::string_view name) {
    return !name.empty() && name.size() <= kMaxAssetName && name.front() != '.' &&
           std::all_of(name.begin(), name.end(), [](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == '_';
           });
}

// True when Accept-Encoding lists gzip without q=0.
bool accepts_gzip(const Request& request) {
    const auto header = request.header("accept-encoding");
    if (!header) return false;
    std::string_view rest = *header;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        std::string_view item = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        const auto semi = item.find(';');
        std::string_view coding = item.substr(0, semi);
        while (!coding.empty() && coding.back() == ' ') coding.remove_suffix(1);
        if (coding != "gzip") continue;
        if (semi == std::string_view::npos) return true;
        std::string params(item.substr(semi + 1));
        std::erase(params, ' ');
        return params != "q=0" && params != "q=0.0" && params != "q=0.00" && params != "q=0.000";
    }
    return false;
}

std::optional<std::string> read_file(const fs::path& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream out;
    out << in.rdbuf();
    return std::move(out).str();
}

void add_page_headers(Response& r) {
    r.set_header("X-Content-Type-Options", "nosniff");
    r.set_header("Referrer-Policy", "same-origin");
    r.set_header("X-Frame-Options", "DENY");
    r.set_header("Content-Security-Policy", std::string(kContentSecurityPolicy));
}

class WebUi {
public:
    explicit WebUi(fs::path dir) : dir_(std::move(dir)) {}

    // index.html for a client-side route; 304 when the browser's copy is current.
    [[nodiscard]] Result<Response> page(const Request& request) const {
        auto html = read_file(dir_ / "index.html");
        if (!html) return not_installed();
        // Built with append: GCC 12 at -O3 reports a false -Wrestrict for "\"" + std::string.
        std::string etag(1, '"');
        etag.append(crypto::sha256_hex(*html), 0, 32).push_back('"');
        Response r;
        if (request.header("if-none-match") == std::optional<std::string_view>(etag)) {
            r.status = 304;
        } else {
            r.content_type = "text/html; charset=utf-8";
            r.body = std::move(*html);
        }
        r.set_header("ETag", etag);
        r.set_header("Cache-Control", "no-cache");
        add_page_headers(r);
        return r;
    }

    [[nodiscard]] Result<Response> asset(const Request& request, const std::string& name) const {
        const auto missing = [&] { return Status::NotFound("no file " + name + " in the web UI's assets"); };
        if (!plain_file_name(name)) return missing();
        const fs::path path = dir_ / "assets" / name;
        Response r;
        std::optional<std::string> body;
        if (accepts_gzip(request)) body = read_file(fs::path(path) += ".gz");
        if (body) {
            r.set_header("Content-Encoding", "gzip");
        } else {
            body = read_file(path);
        }
        if (!body) return dir_.empty() ? not_installed() : missing();
        r.content_type = std::string(content_type_for(name));
        r.body = std::move(*body);
        r.set_header("Cache-Control", "public, max-age=31536000, immutable");
        r.set_header("Vary", "Accept-Encoding");
        r.set_header("X-Content-Type-Options", "nosniff");
        return r;
    }

private:
    [[nodiscard]] Status not_installed() const {
        return Status::NotFound("the web UI is not built" + (dir_.empty() ? std::string() : " in " + dir_.string()) +
                                ": run `npm ci && npm run build` in web/ (scripts/dev run does), or set web.dir");
    }

    fs::path dir_;  // empty when no built UI was found
};

}  // namespace

void add_web_routes(Router& router, const std::string& web_dir) {
    const auto ui = std::make_shared<const WebUi>(web_dir);
    // The UI's files are small and read from the page cache: answered on the I/O thread.
    router.add(from_memory({"GET", "/", Access::kPublic, [](Context&) -> Result<Response> {
                                Response r;
                                r.status = 302;
                                r.set_header("Location", "/marketplace");
                                r.set_header("Cache-Control", "no-cache");
                                return r;
                            }}));
    router.add(from_memory({"GET", "/assets/{file}", Access::kPublic,
                            [ui](Context& c) -> Result<Response> { return ui->asset(c.request, c.param("file")); }}));
    const auto page = [ui](Context& c) -> Result<Response> { return ui->page(c.request); };
    for (const char* pattern :
         {"/signin", "/partner/{path...}", "/marketplace/{path...}", "/admin/{path...}", "/password-reset/{path...}"}) {
        router.add(from_memory({"GET", pattern, Access::kPublic, page}));
    }
}

}  // namespace seatkeeper::http

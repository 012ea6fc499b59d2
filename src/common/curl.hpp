// What every libcurl user here shares: one global initialisation and owning handles that clean up after
// themselves. Header-only, so only the layers that link libcurl (package/, mail/) compile it.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace seatkeeper::libcurl {

// curl_global_init is not thread-safe: the first user in the process runs it, exactly once.
inline void init_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct EasyCleanup {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct UrlCleanup {
    void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
struct ListCleanup {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
struct Free {
    void operator()(char* text) const { curl_free(text); }
};

using Easy = std::unique_ptr<CURL, EasyCleanup>;
using Url = std::unique_ptr<CURLU, UrlCleanup>;
using List = std::unique_ptr<curl_slist, ListCleanup>;
using String = std::unique_ptr<char, Free>;

}  // namespace seatkeeper::libcurl

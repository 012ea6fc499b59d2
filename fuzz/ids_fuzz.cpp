// Identifiers and names (domain/ids.hpp, domain/customer.hpp, domain/roles.hpp) from arbitrary text: each
// line of the input is tried as every kind of identifier; lines 1–3 also as publisher, offer and plan ID.
//
// Properties: an accepted ID satisfies its documented rule (lowercase letters, digits, '-' and '_'; the
// length limits) and every string that satisfies it is accepted; a Service ID of valid parts splits back
// into them; normalised tenant IDs, domains and UPNs obey their shape, are idempotent and keep the input's
// length; a date is accepted exactly when it is a real calendar date (from 2000 on); enum names round-trip.
#include <algorithm>
#include <chrono>
#include <string>

#include "common/text.hpp"
#include "domain/customer.hpp"
#include "domain/ids.hpp"
#include "domain/offer.hpp"
#include "domain/roles.hpp"
#include "fuzz_check.hpp"

namespace {

namespace domain = seatkeeper::domain;
namespace text = seatkeeper::text;
using seatkeeper::Status;
using seatkeeper::StatusCode;

bool id_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'; }
bool all_id_chars(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), id_char); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }
bool is_control(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }

void check_invalid(const Status& status, std::string_view field) {
    FUZZ_CHECK(status.code() == StatusCode::kInvalid);
    FUZZ_CHECK(status.field() == field);
    FUZZ_CHECK(!status.rule().empty() && !status.message().empty());
}

void check_ids(std::string_view s) {
    FUZZ_CHECK(domain::is_id_text(s) == all_id_chars(s));

    const Status publisher = domain::validate_publisher_id(s);
    FUZZ_CHECK(publisher.ok() == (all_id_chars(s) && s.size() < domain::kMaxPublisherPlusOfferLength));
    if (!publisher.ok()) check_invalid(publisher, "id");

    const Status plan = domain::validate_plan_id(s);
    FUZZ_CHECK(plan.ok() == (all_id_chars(s) && s.size() <= domain::kMaxPlanIdLength));
    if (!plan.ok()) check_invalid(plan, "id");

    const Status alias = domain::validate_offer_alias(s);
    const bool blank = std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
    FUZZ_CHECK(alias.ok() == (!blank && text::utf8_length(s) <= domain::kMaxAliasLength &&
                              std::none_of(s.begin(), s.end(), is_control)));
    if (!alias.ok()) check_invalid(alias, "alias");
}

void check_email_and_url(std::string_view s) {
    const Status email = domain::validate_email("email", s);
    if (email.ok()) {
        const auto at = s.find('@');
        FUZZ_CHECK(at != std::string_view::npos && at > 0 && s.find('@', at + 1) == std::string_view::npos);
        FUZZ_CHECK(s.substr(at + 1).find('.') != std::string_view::npos && s.back() != '.');
        FUZZ_CHECK(s.size() <= 254 && s.find(' ') == std::string_view::npos);
    } else {
        check_invalid(email, "email");
    }

    const Status url = domain::validate_url("support_url", s);
    if (url.ok()) {
        const auto rest = s.starts_with("https://") ? s.substr(8) : s.substr(7);
        FUZZ_CHECK(s.starts_with("https://") || s.starts_with("http://"));
        FUZZ_CHECK(!rest.empty() && rest.front() != '/');
        FUZZ_CHECK(s.size() <= 2048 && s.find(' ') == std::string_view::npos);
        FUZZ_CHECK(std::none_of(s.begin(), s.end(), is_control));
    } else {
        check_invalid(url, "support_url");
    }
}

void check_domain_shape(std::string_view d) {
    FUZZ_CHECK(!d.empty() && d.size() <= 253 && d.find('.') != std::string_view::npos);
    std::size_t start = 0;
    while (true) {
        const auto end = d.find('.', start);
        const std::string_view label = d.substr(start, end == std::string_view::npos ? end : end - start);
        FUZZ_CHECK(!label.empty() && label.size() <= 63 && label.front() != '-' && label.back() != '-');
        FUZZ_CHECK(std::all_of(label.begin(), label.end(), [](char c) { return id_char(c) && c != '_'; }));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
}

void check_customer_names(std::string_view s) {
    if (const auto tenant = domain::normalize_tenant_id(s)) {
        FUZZ_CHECK(tenant->size() == 36 && *tenant == text::ascii_lower(s));
        for (std::size_t i = 0; i < tenant->size(); ++i) {
            const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
            FUZZ_CHECK(dash ? (*tenant)[i] == '-' : is_hex((*tenant)[i]));
        }
        FUZZ_CHECK(domain::normalize_tenant_id(*tenant) == tenant);
    }

    const auto domain_name = domain::normalize_domain("domain", s);
    if (domain_name.ok()) {
        FUZZ_CHECK(*domain_name == text::ascii_lower(s));
        check_domain_shape(*domain_name);
        const auto again = domain::normalize_domain("domain", *domain_name);
        FUZZ_CHECK(again.ok() && *again == *domain_name);
        // A UPN of that domain, while it fits the 254 characters of a UPN.
        const auto upn = domain::normalize_upn("upn", "alex@" + *domain_name);
        FUZZ_CHECK(upn.ok() == (domain_name->size() + 5 <= 254));
        if (upn.ok()) FUZZ_CHECK(domain::domain_of(*upn) == *domain_name);
    } else {
        check_invalid(domain_name.status(), "domain");
    }

    const auto upn = domain::normalize_upn("upn", s);
    if (upn.ok()) {
        FUZZ_CHECK(*upn == text::ascii_lower(s) && upn->size() <= 254);
        const auto at = upn->find('@');
        FUZZ_CHECK(at != std::string::npos && at > 0 && at <= 64);
        const std::string_view local = std::string_view(*upn).substr(0, at);
        FUZZ_CHECK(local.front() != '.' && local.back() != '.');
        FUZZ_CHECK(std::all_of(local.begin(), local.end(),
                               [](char c) { return id_char(c) || c == '.' || c == '+' || c == '\''; }));
        check_domain_shape(domain::domain_of(*upn));
        const auto again = domain::normalize_upn("upn", *upn);
        FUZZ_CHECK(again.ok() && *again == *upn);
    } else {
        check_invalid(upn.status(), "upn");
    }
}

void check_date(std::string_view s) {
    const Status date = domain::validate_date("starts_on", s);
    bool real = s.size() == 10 && s[4] == '-' && s[7] == '-';
    for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) real = real && i < s.size() && is_digit(s[i]);
    if (real) {
        const auto number = [&](std::size_t from, std::size_t count) {
            int n = 0;
            for (std::size_t i = from; i < from + count; ++i) n = n * 10 + (s[i] - '0');
            return n;
        };
        const std::chrono::year_month_day ymd{std::chrono::year(number(0, 4)),
                                              std::chrono::month(static_cast<unsigned>(number(5, 2))),
                                              std::chrono::day(static_cast<unsigned>(number(8, 2)))};
        real = ymd.ok() && number(0, 4) >= 2000;
    }
    FUZZ_CHECK(date.ok() == real);
    if (!date.ok()) check_invalid(date, "starts_on");
}

void check_enums(std::string_view s) {
    if (const auto role = domain::parse_tenant_role(s)) FUZZ_CHECK(domain::to_string(*role) == s);
    if (const auto role = domain::parse_publisher_role(s)) FUZZ_CHECK(domain::to_string(*role) == s);
    if (const auto state = domain::parse_deal_state(s)) FUZZ_CHECK(domain::to_string(*state) == s);
    if (const auto state = domain::parse_offer_state(s)) FUZZ_CHECK(domain::to_string(*state) == s);
    if (const auto state = domain::parse_plan_state(s)) FUZZ_CHECK(domain::to_string(*state) == s);
    if (const auto cta = domain::parse_call_to_action(s)) FUZZ_CHECK(domain::to_string(*cta) == s);
}

void check_one(std::string_view s) {
    check_ids(s);
    check_email_and_url(s);
    check_customer_names(s);
    check_date(s);
    check_enums(s);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input = seatkeeper::fuzz::as_text(data, size);
    const auto lines = seatkeeper::fuzz::lines(input);
    check_one(input);
    for (const auto line : lines) check_one(line);

    if (lines.size() >= 3) {
        const auto publisher = lines[0];
        const auto offer = lines[1];
        const auto plan = lines[2];
        const Status offer_status = domain::validate_offer_id(publisher, offer);
        FUZZ_CHECK(offer_status.ok() ==
                   (all_id_chars(offer) && publisher.size() + offer.size() <= domain::kMaxPublisherPlusOfferLength));
        if (!offer_status.ok()) check_invalid(offer_status, "id");
        if (domain::validate_publisher_id(publisher).ok() && offer_status.ok() && domain::validate_plan_id(plan).ok()) {
            const std::string service = domain::service_id(publisher, offer, plan);
            const auto first = service.find('.');
            const auto second = service.find('.', first + 1);
            FUZZ_CHECK(first == publisher.size() && second == first + 1 + offer.size());
            FUZZ_CHECK(service.find('.', second + 1) == std::string::npos);
            FUZZ_CHECK(service.substr(second + 1) == plan);
        }
    }
    return 0;
}

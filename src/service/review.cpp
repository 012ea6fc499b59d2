#include "service/review.hpp"

#include "common/crypto.hpp"
#include "common/text.hpp"
#include "service/events.hpp"
#include "service/offers.hpp"
#include "service/views.hpp"

namespace seatkeeper::service {

namespace {

struct Submission {
    data::OfferRecord offer;
    std::vector<domain::Plan> plans;
    std::string uploaded_package;
};

std::int64_t attempt_of(const Job& job) {
    const auto* v = job.payload.if_contains("attempt");
    return v != nullptr && v->is_int64() ? v->as_int64() : -1;
}

std::string offer_id_of(const Job& job) {
    const auto* v = job.payload.if_contains("offer_id");
    return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::vector<domain::Notification> review(const Services& services, const Submission& s) {
    std::vector<domain::Notification> out = domain::review_listing(s.offer.offer, s.plans);
    const domain::Offer& offer = s.offer.offer;
    std::string bytes;
    if (offer.has_uploaded_package) {
        bytes = s.uploaded_package;
    } else if (!offer.package_url.empty()) {
        package::FetchLimits limits = services.settings().fetch_limits;
        limits.max_bytes = services.settings().max_package_bytes;
        auto fetched = package::fetch_package(offer.package_url, limits);
        if (!fetched.ok()) {
            out.push_back({"package_unreachable", fetched.status().message(),
                           "Technical configuration: CRM Package URL",
                           "Make the package downloadable at this URL (a public http or https address, at most " +
                               text::bytes_in_words(limits.max_bytes) + "), or upload the zip instead",
                           "technical_configuration.package_url"});
            return out;
        }
        bytes = std::move(fetched).value();
    } else {
        return out;  // review_listing already reported the missing package
    }
    domain::PackageReading reading =
        package::read_package(bytes, services.settings().zip_limits, offer.licensing.license_management);
    out.insert(out.end(), reading.notifications.begin(), reading.notifications.end());
    if (reading.readable) {
        auto against_plans = domain::review_package_against_plans(offer, s.plans, reading.manifest);
        out.insert(out.end(), against_plans.begin(), against_plans.end());
    }
    return out;
}

}  // namespace

Status run_review_job(Services& services, const Job& job) {
    const std::string offer_id = offer_id_of(job);
    const std::int64_t attempt = attempt_of(job);
    auto loaded = store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::optional<Submission>> {
            auto offer = data::offers::find_offer(tx, job.publisher_id, offer_id);
            if (!offer || offer->offer.state != domain::OfferState::kInReview || offer->review_attempt != attempt) {
                return std::optional<Submission>{};
            }
            Submission s{std::move(*offer), {}, {}};
            for (auto& p : data::offers::list_plans(tx, job.publisher_id, offer_id))
                s.plans.push_back(std::move(p.plan));
            if (s.offer.offer.has_uploaded_package) {
                if (auto package = data::offers::package_content(tx, job.publisher_id, offer_id)) {
                    s.uploaded_package = std::move(*package);
                }
            }
            return std::optional<Submission>(std::move(s));
        });
    if (!loaded.ok()) return loaded.status();
    if (!loaded->has_value()) return Status::Ok();  // stale job: the offer moved on

    const std::vector<domain::Notification> notifications = review(services, **loaded);

    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        auto before = data::offers::find_offer(tx, job.publisher_id, offer_id);
        if (!before || before->offer.state != domain::OfferState::kInReview || before->review_attempt != attempt) {
            return Status::Ok();
        }
        data::OfferRecord after = *before;
        const Millis now = now_millis();
        after.notifications = notifications;
        after.reviewed_at = now;
        after.updated_at = now;
        if (notifications.empty()) {
            after.offer.state = domain::OfferState::kPreview;
            after.offer.licensing_locked = true;  // the one-time licensing setting is published with the preview
            if (after.preview_token.empty()) after.preview_token = crypto::random_token(24);
        } else {
            after.offer.state = domain::OfferState::kNeedsAttention;
            data::offers::set_plans_state(tx, job.publisher_id, offer_id, domain::PlanState::kSubmitted,
                                          domain::PlanState::kDraft, now);
        }
        data::offers::save_offer(tx, after);
        append_event(tx, "system", job.publisher_id,
                     domain::make_event<domain::EventType::kOfferReviewed>(domain::offer_subject(offer_id),
                                                                           offer_view(*before, services.settings()),
                                                                           offer_view(after, services.settings())));
        return Status::Ok();
    });
}

Status run_go_live_job(Services& services, const Job& job) {
    const std::string offer_id = offer_id_of(job);
    const std::int64_t attempt = attempt_of(job);
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        auto before = data::offers::find_offer(tx, job.publisher_id, offer_id);
        if (!before || before->offer.state != domain::OfferState::kPublishing || before->review_attempt != attempt) {
            return Status::Ok();
        }
        data::OfferRecord after = *before;
        const Millis now = now_millis();
        after.offer.state = domain::OfferState::kLive;
        after.live_at = now;
        after.updated_at = now;
        data::offers::save_offer(tx, after);
        data::offers::set_plans_state(tx, job.publisher_id, offer_id, std::nullopt, domain::PlanState::kPublished, now);
        append_event(tx, "system", job.publisher_id,
                     domain::make_event<domain::EventType::kOfferStateChanged>(domain::offer_subject(offer_id),
                                                                               offer_view(*before, services.settings()),
                                                                               offer_view(after, services.settings())));
        return Status::Ok();
    });
}

}  // namespace seatkeeper::service

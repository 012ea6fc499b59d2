#include "check/jwt.hpp"

#include <sodium.h>

#include "common/crypto.hpp"

namespace seatkeeper::check {

namespace {

std::string_view as_chars(const unsigned char* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

const unsigned char* as_bytes(std::string_view text) { return reinterpret_cast<const unsigned char*>(text.data()); }

std::optional<boost::json::object> parse_part(std::string_view part) {
    const auto text = base64url_decode(part);
    if (!text) return std::nullopt;
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(*text, ec);
    if (ec || !v.is_object()) return std::nullopt;
    return std::move(v.as_object());
}

}  // namespace

KeyPair generate_key_pair() {
    KeyPair out;
    crypto_sign_keypair(out.public_key.data(), out.secret_key.data());
    return out;
}

std::string base64url_encode(std::string_view bytes) {
    constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
    sodium_bin2base64(out.data(), out.size(), as_bytes(bytes), bytes.size(), kVariant);
    out.resize(out.size() - 1);  // the terminating NUL sodium writes
    return out;
}

std::optional<std::string> base64url_decode(std::string_view text) { return crypto::from_base64url(text); }

std::string sign_jwt(std::string_view kid, const boost::json::object& claims, const SecretKey& secret_key) {
    const boost::json::object header{{"alg", "EdDSA"}, {"typ", "JWT"}, {"kid", kid}};
    std::string token = base64url_encode(boost::json::serialize(header));
    token += '.';
    token += base64url_encode(boost::json::serialize(claims));
    std::array<unsigned char, crypto_sign_BYTES> signature{};
    crypto_sign_detached(signature.data(), nullptr, as_bytes(token), token.size(), secret_key.data());
    token += '.';
    token += base64url_encode(as_chars(signature.data(), signature.size()));
    return token;
}

std::optional<VerifiedJwt> verify_jwt(std::string_view token, const PublicKey& public_key) {
    const auto first = token.find('.');
    const auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
    if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view signed_part = token.substr(0, second);
    const auto signature = base64url_decode(token.substr(second + 1));
    if (!signature || signature->size() != crypto_sign_BYTES) return std::nullopt;
    if (crypto_sign_verify_detached(as_bytes(*signature), as_bytes(signed_part), signed_part.size(),
                                    public_key.data()) != 0) {
        return std::nullopt;
    }
    auto header = parse_part(token.substr(0, first));
    auto claims = parse_part(token.substr(first + 1, second - first - 1));
    if (!header || !claims) return std::nullopt;
    const auto* alg = header->if_contains("alg");
    if (alg == nullptr || !alg->is_string() || alg->as_string() != "EdDSA") return std::nullopt;
    return VerifiedJwt{std::move(*header), std::move(*claims)};
}

}  // namespace seatkeeper::check

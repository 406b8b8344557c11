// Bearer JWTs of CDS Clients checked with OpenSSL 3 (server/cds_auth.h). No cryptography here:
// OpenSSL builds the keys from their JWK parameters and verifies the signatures.
#include "server/cds_auth.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <boost/json.hpp>

#include <fstream>
#include <sstream>

namespace fossa::server {
namespace {

namespace json = boost::json;

Error invalid(std::string message, std::string where = {}) { return Error{ErrorCode::kInvalidValue, std::move(message), std::move(where)}; }

std::string text_of(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

// A big number from its big-endian bytes; owned by the caller.
BIGNUM* big_number(const std::string& bytes) {
  return BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()), nullptr);
}

// The public key of a JWK (RSA, or EC on P-384), or an error saying what is wrong with it.
Result<EVP_PKEY*> public_key(const json::object& jwk, const std::string& where) {
  std::string kty = text_of(jwk, "kty");
  std::string decoded_a;
  std::string decoded_b;
  OSSL_PARAM_BLD* builder = OSSL_PARAM_BLD_new();
  BIGNUM* n = nullptr;
  BIGNUM* e = nullptr;
  std::string point;
  const char* type = nullptr;
  bool ok = builder != nullptr;
  if (kty == "RSA") {
    type = "RSA";
    if (!base64url_decode(text_of(jwk, "n"), decoded_a) || !base64url_decode(text_of(jwk, "e"), decoded_b) ||
        decoded_a.size() < 256 || decoded_b.empty()) {
      OSSL_PARAM_BLD_free(builder);
      return invalid("an RSA key needs `n` (2048 bits or more) and `e`, base64url", where);
    }
    n = big_number(decoded_a);
    e = big_number(decoded_b);
    ok = ok && n && e && OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_N, n) &&
         OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_E, e);
  } else if (kty == "EC") {
    type = "EC";
    if (text_of(jwk, "crv") != "P-384" || !base64url_decode(text_of(jwk, "x"), decoded_a) ||
        !base64url_decode(text_of(jwk, "y"), decoded_b) || decoded_a.size() != 48 || decoded_b.size() != 48) {
      OSSL_PARAM_BLD_free(builder);
      return invalid("an EC key needs `crv` P-384 and `x`, `y` of 48 bytes each, base64url (ES384)", where);
    }
    point = std::string(1, '\x04') + decoded_a + decoded_b;  // uncompressed point
    ok = ok && OSSL_PARAM_BLD_push_utf8_string(builder, OSSL_PKEY_PARAM_GROUP_NAME, "P-384", 0) &&
         OSSL_PARAM_BLD_push_octet_string(builder, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size());
  } else {
    OSSL_PARAM_BLD_free(builder);
    return invalid("`kty` must be RSA (RS384) or EC (ES384), not `" + kty + "`", where);
  }
  EVP_PKEY* key = nullptr;
  OSSL_PARAM* params = ok ? OSSL_PARAM_BLD_to_param(builder) : nullptr;
  EVP_PKEY_CTX* context = params ? EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr) : nullptr;
  ok = context && EVP_PKEY_fromdata_init(context) == 1 && EVP_PKEY_fromdata(context, &key, EVP_PKEY_PUBLIC_KEY, params) == 1;
  EVP_PKEY_CTX_free(context);
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(builder);
  BN_free(n);
  BN_free(e);
  if (!ok || !key) {
    EVP_PKEY_free(key);
    return invalid("OpenSSL does not accept this key (is the point on P-384?)", where);
  }
  return key;
}

// A JWS ES384 signature (r || s, 48 bytes each) as the DER that OpenSSL verifies.
bool ecdsa_der(const std::string& raw, std::string& der) {
  if (raw.size() != 96) return false;
  ECDSA_SIG* signature = ECDSA_SIG_new();
  BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()), 48, nullptr);
  BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()) + 48, 48, nullptr);
  if (!signature || !r || !s || ECDSA_SIG_set0(signature, r, s) != 1) {
    BN_free(r);
    BN_free(s);
    ECDSA_SIG_free(signature);
    return false;
  }
  int size = i2d_ECDSA_SIG(signature, nullptr);
  der.assign(static_cast<size_t>(size > 0 ? size : 0), '\0');
  unsigned char* out = reinterpret_cast<unsigned char*>(der.data());
  bool ok = size > 0 && i2d_ECDSA_SIG(signature, &out) == size;
  ECDSA_SIG_free(signature);
  return ok;
}

bool signature_verifies(EVP_PKEY* key, std::string_view signed_part, const std::string& signature) {
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  bool ok = context && EVP_DigestVerifyInit(context, nullptr, EVP_sha384(), nullptr, key) == 1 &&
            EVP_DigestVerify(context, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                             reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size()) == 1;
  EVP_MD_CTX_free(context);
  return ok;
}

Result<json::object> json_part(std::string_view encoded, std::string_view what) {
  std::string decoded;
  if (!base64url_decode(encoded, decoded)) return invalid("the token's " + std::string(what) + " is not base64url");
  boost::system::error_code error;
  json::value value = json::parse(decoded, error);
  if (error || !value.is_object()) return invalid("the token's " + std::string(what) + " is not a JSON object");
  return value.get_object();
}

}  // namespace

struct CdsTrust::Key {
  std::string iss;
  std::string kid;
  std::string alg;  // RS384 or ES384
  EVP_PKEY* key = nullptr;
  ~Key() { EVP_PKEY_free(key); }
};

CdsTrust::~CdsTrust() = default;

bool base64url_decode(std::string_view text, std::string& out) {
  out.clear();
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    int value = c >= 'A' && c <= 'Z' ? c - 'A'
                : c >= 'a' && c <= 'z' ? c - 'a' + 26
                : c >= '0' && c <= '9' ? c - '0' + 52
                : c == '-' ? 62
                : c == '_' ? 63
                           : -1;
    if (value < 0) return false;
    buffer = (buffer << 6) | static_cast<uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return bits < 6;  // a single leftover character is not base64
}

Result<std::shared_ptr<const CdsTrust>> CdsTrust::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{ErrorCode::kIo, "cannot read the CDS Hooks trust list (--cds-jwks)", path};
  std::stringstream text;
  text << in.rdbuf();
  auto trust = parse(text.str());
  if (!trust) {
    Error error = trust.error();
    error.message = path + ": " + error.message;
    return error;
  }
  return trust;
}

Result<std::shared_ptr<const CdsTrust>> CdsTrust::parse(std::string_view text) {
  boost::system::error_code error;
  json::value root = json::parse(text, error);
  if (error) return Error{ErrorCode::kMalformedJson, "the trust list is not JSON: " + error.message(), ""};
  if (!root.is_object()) return invalid("the trust list must be an object with `issuers`");
  std::shared_ptr<CdsTrust> trust(new CdsTrust());
  trust->base_url_ = text_of(root.get_object(), "base_url");
  while (trust->base_url_.ends_with('/')) trust->base_url_.pop_back();
  const json::value* issuers = root.get_object().if_contains("issuers");
  if (!issuers || !issuers->is_array() || issuers->get_array().empty()) {
    return Error{ErrorCode::kMissingField, "the trust list needs `issuers`: [{\"iss\", \"keys\": [JWK]}]", "/issuers"};
  }
  for (size_t i = 0; i < issuers->get_array().size(); ++i) {
    std::string where = "/issuers/" + std::to_string(i);
    const json::value& issuer = issuers->get_array()[i];
    if (!issuer.is_object() || text_of(issuer.get_object(), "iss").empty()) {
      return Error{ErrorCode::kMissingField, "each issuer needs `iss` and `keys`", where};
    }
    std::string iss = text_of(issuer.get_object(), "iss");
    const json::value* keys = issuer.get_object().if_contains("keys");
    if (!keys || !keys->is_array() || keys->get_array().empty()) {
      return Error{ErrorCode::kMissingField, "issuer `" + iss + "` needs `keys`: its public JWKs", where + "/keys"};
    }
    for (size_t k = 0; k < keys->get_array().size(); ++k) {
      std::string at = where + "/keys/" + std::to_string(k);
      const json::value& jwk = keys->get_array()[k];
      if (!jwk.is_object()) return invalid("a key is a JWK object", at);
      auto key = std::make_unique<Key>();
      key->iss = iss;
      key->kid = text_of(jwk.get_object(), "kid");
      if (key->kid.empty()) return Error{ErrorCode::kMissingField, "each key needs `kid` (JWT headers name it)", at};
      auto made = public_key(jwk.get_object(), at);
      if (!made) return made.error();
      key->key = *made;
      key->alg = text_of(jwk.get_object(), "kty") == "RSA" ? "RS384" : "ES384";
      std::string alg = text_of(jwk.get_object(), "alg");
      if (!alg.empty() && alg != key->alg) return invalid("`alg` " + alg + " is not accepted: use " + key->alg, at);
      trust->keys_.push_back(std::move(key));
    }
  }
  return std::shared_ptr<const CdsTrust>(std::move(trust));
}

Status CdsTrust::verify(std::string_view authorization, std::string_view audience, int64_t now) const {
  constexpr int64_t kSkew = 60;
  if (authorization.empty()) return invalid("no Authorization header: send `Authorization: Bearer <JWT>`");
  size_t space = authorization.find(' ');
  std::string scheme(authorization.substr(0, space));
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "bearer" || space == std::string_view::npos) return invalid("the Authorization header is not `Bearer <JWT>`");
  std::string_view token = authorization.substr(space + 1);
  size_t first = token.find('.');
  size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return invalid("the bearer token is not a JWT (header.payload.signature)");
  }
  auto header = json_part(token.substr(0, first), "header");
  if (!header) return header.error();
  auto claims = json_part(token.substr(first + 1, second - first - 1), "payload");
  if (!claims) return claims.error();
  std::string signature;
  if (!base64url_decode(token.substr(second + 1), signature)) return invalid("the token's signature is not base64url");

  std::string alg = text_of(*header, "alg");
  if (alg != "RS384" && alg != "ES384") return invalid("alg `" + alg + "` is not accepted: use RS384 or ES384");
  std::string iss = text_of(*claims, "iss");
  std::string kid = text_of(*header, "kid");
  const Key* key = nullptr;
  for (const auto& candidate : keys_) {
    if (candidate->iss == iss && candidate->kid == kid && candidate->alg == alg) key = candidate.get();
  }
  if (!key) return invalid("no trusted key of issuer `" + iss + "` has kid `" + kid + "` for " + alg);
  std::string der;
  if (alg == "ES384" && !ecdsa_der(signature, der)) return invalid("an ES384 signature has 96 bytes (r and s)");
  if (!signature_verifies(key->key, token.substr(0, second), alg == "ES384" ? der : signature)) {
    return invalid("the token's signature does not verify with key `" + kid + "`");
  }

  const json::value* aud = claims->if_contains("aud");
  bool audience_ok = aud && aud->is_string() && aud->get_string() == audience;
  if (aud && aud->is_array()) {
    for (const auto& one : aud->get_array()) audience_ok |= one.is_string() && one.get_string() == audience;
  }
  if (!audience_ok) return invalid("`aud` must be the URL called: " + std::string(audience));
  const json::value* exp = claims->if_contains("exp");
  if (!exp || !exp->is_number()) return invalid("the token has no `exp`");
  int64_t expires = static_cast<int64_t>(exp->to_number<double>());
  if (expires + kSkew < now) return invalid("the token expired");
  const json::value* iat = claims->if_contains("iat");
  if (iat && (!iat->is_number() || static_cast<int64_t>(iat->to_number<double>()) > now + kSkew)) {
    return invalid("`iat` is in the future");
  }
  std::string jti = text_of(*claims, "jti");
  if (jti.empty()) return invalid("the token has no `jti`");

  std::lock_guard lock(mutex_);
  for (auto it = seen_.begin(); it != seen_.end();) it = it->second + kSkew < now ? seen_.erase(it) : std::next(it);
  if (seen_.size() >= 1'000'000) return invalid("too many tokens in flight: try again later");
  if (!seen_.emplace(iss + " " + jti, expires).second) return invalid("this token's `jti` was used before: send a new token");
  return Ok{};
}

}  // namespace fossa::server

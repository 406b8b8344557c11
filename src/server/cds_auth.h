// Trusting CDS Clients (CDS Hooks 2.0.1): the record systems whose bearer JWTs `fossa serve
// --cds-jwks FILE` accepts, and the check of each token with OpenSSL. docs/fhir.md, "Security".
//
// The trust list is JSON:
//   {"base_url": "https://cds.example.org",          optional: the public URL of this server,
//                                                     for `aud` and links (else http://<Host>)
//    "issuers": [{"iss": "https://ehr.example.org",   the client's `iss`
//                 "keys": [JWK, ...]}]}               its public keys (RSA of 2048 bits or more for
//                                                     RS384, EC P-384 for ES384), each with `kid`
// A token is accepted when its header names alg RS384 or ES384 (never none or HMAC) and the `kid`
// of one of the keys of its `iss`, its signature verifies with that key, `aud` is the URL called
// (string, or a list holding it), `exp` is not past (60 seconds of clock skew allowed), `iat` (if
// given) is not in the future, and its `jti` was not seen before (kept until `exp`).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "fossa/result.h"

namespace fossa::server {

class CdsTrust {
 public:
  // Reads the trust list from `path` (kIo when it cannot be read) or from `json`. Errors
  // (kMalformedJson, kInvalidValue, kMissingField) say which issuer or key is wrong.
  static Result<std::shared_ptr<const CdsTrust>> load(const std::string& path);
  static Result<std::shared_ptr<const CdsTrust>> parse(std::string_view json);

  ~CdsTrust();
  CdsTrust(const CdsTrust&) = delete;
  CdsTrust& operator=(const CdsTrust&) = delete;

  // Checks the `Authorization` header of a call to `audience` (the full URL called) at `now`
  // (seconds since 1970). On failure the error's message says why (kInvalidValue; a route answers
  // it with 401). Records the token's jti: the same token is refused the second time. Thread-safe.
  Status verify(std::string_view authorization, std::string_view audience, int64_t now) const;

  const std::string& base_url() const { return base_url_; }  // "" when the file gives none
  size_t key_count() const { return keys_.size(); }

 private:
  struct Key;
  CdsTrust() = default;

  std::string base_url_;
  std::vector<std::unique_ptr<Key>> keys_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, int64_t> seen_;  // iss + " " + jti -> exp
};

// The bytes of base64url `text` (padding optional), or nullopt-like false when it is not base64url.
bool base64url_decode(std::string_view text, std::string& out);

}  // namespace fossa::server

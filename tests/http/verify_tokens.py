#!/usr/bin/python3
"""Independent verification of Seatkeeper's offline license tokens with PyJWT (Debian's python3-jwt and
python3-cryptography), the way an app would do it: fetch the JWKS, pick the key by the token's `kid`, verify the
EdDSA signature, the audience (the service ID) and the issuer, then read the claims.

Driven by tests/http/check_tokens_test.cpp, which starts a server, gives a user a seat and passes:
  verify_tokens.py BASE_URL APP_KEY TENANT USER SERVICE_ID PLAN ISSUER TTL_SECONDS ROTATE_COMMAND...
ROTATE_COMMAND is `seatkeeper keys rotate --database …`, run while the server serves (another process writing
the database); the server must pick the new key up through the event feed. Exits 0 when every check holds.
"""
import base64
import json
import subprocess
import sys
import time
import urllib.request

import jwt
from jwt import PyJWKSet


def call(base, path, key=None, body=None):
    request = urllib.request.Request(base + path, method="POST" if body is not None else "GET")
    if key:
        request.add_header("Authorization", "Bearer " + key)
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, data, timeout=30) as response:
        return json.load(response), response.headers


def fetch_jwks(base):
    document, headers = call(base, "/.well-known/jwks.json")
    assert "max-age" in headers.get("Cache-Control", ""), headers.get("Cache-Control")
    for k in document["keys"]:
        assert k["kty"] == "OKP" and k["crv"] == "Ed25519" and k["alg"] == "EdDSA" and k["use"] == "sig", k
        assert "d" not in k, "the JWKS must never hold a secret key"
    return PyJWKSet.from_dict(document)


def verify(token, jwks, audience, issuer):
    kid = jwt.get_unverified_header(token)["kid"]
    return jwt.decode(token, jwks[kid].key, algorithms=["EdDSA"], audience=audience, issuer=issuer)


def tampered(token):
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["result"] = "licensed" if claims["result"] != "licensed" else "denied"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return ".".join([header, forged, signature])


def main():
    base, key, tenant, user, service_id, plan, issuer, ttl = sys.argv[1:9]
    rotate = sys.argv[9:]
    ttl = int(ttl)

    request = {"tenant": tenant, "user": user.upper(), "service_id": service_id, "nonce": "n-0123456789"}
    issued, _ = call(base, "/api/v1/tokens", key, request)
    old_token = issued["token"]
    header = jwt.get_unverified_header(old_token)
    assert header["alg"] == "EdDSA" and header["typ"] == "JWT" and header["kid"], header

    claims = verify(old_token, fetch_jwks(base), service_id, issuer)
    assert claims["aud"] == service_id, claims
    assert claims["sub"] == user.lower(), claims
    assert claims["tid"] == tenant, claims
    assert claims["plan"] == plan, claims
    assert claims["result"] == "licensed" and claims["reason"] == "assigned", claims
    assert claims["nonce"] == "n-0123456789", claims
    assert claims["exp"] - claims["iat"] == ttl, claims
    assert abs(claims["iat"] - time.time()) < 120, claims
    assert len(base64.urlsafe_b64decode(claims["jti"] + "=" * (-len(claims["jti"]) % 4))) >= 16, claims

    denied, _ = call(base, "/api/v1/tokens", key, {"tenant": tenant, "user": "nobody@" + user.split("@")[1],
                                                   "service_id": service_id})
    denied_claims = verify(denied["token"], fetch_jwks(base), service_id, issuer)
    assert denied_claims["result"] == "denied" and denied_claims["plan"] is None, denied_claims
    assert "nonce" not in denied_claims, denied_claims
    assert denied_claims["jti"] != claims["jti"], "every token has its own jti"

    # A tampered payload, the wrong audience and the wrong issuer are refused.
    for bad, audience, iss, error in [
        (tampered(old_token), service_id, issuer, jwt.InvalidSignatureError),
        (old_token, service_id + "x", issuer, jwt.InvalidAudienceError),
        (old_token, service_id, issuer + "/other", jwt.InvalidIssuerError),
    ]:
        try:
            verify(bad, fetch_jwks(base), audience, iss)
        except error:
            pass
        else:
            raise AssertionError(f"expected {error.__name__}")

    # Rotate the key from another process; the server learns of it through the events table.
    rotated = subprocess.run(rotate, capture_output=True, text=True, check=True)
    new_kid = rotated.stdout.strip()
    assert new_kid and new_kid != header["kid"], rotated.stdout
    deadline = time.time() + 20
    while True:
        issued, _ = call(base, "/api/v1/tokens", key, {"tenant": tenant, "user": user, "service_id": service_id})
        if jwt.get_unverified_header(issued["token"])["kid"] == new_kid:
            break
        assert time.time() < deadline, "the server never signed with the rotated key"
        time.sleep(0.1)
    new_token = issued["token"]

    # Both the token signed before the rotation and the one after verify against the JWKS as served now.
    jwks = fetch_jwks(base)
    assert {header["kid"], new_kid} <= {k.key_id for k in jwks.keys}, [k.key_id for k in jwks.keys]
    assert verify(old_token, jwks, service_id, issuer)["jti"] == claims["jti"]
    assert verify(new_token, jwks, service_id, issuer)["result"] == "licensed"
    # …and each only with its own key.
    try:
        jwt.decode(old_token, jwks[new_kid].key, algorithms=["EdDSA"], audience=service_id, issuer=issuer)
    except jwt.InvalidSignatureError:
        pass
    else:
        raise AssertionError("a token verified with another key")
    print("ok: tokens verified with PyJWT", jwt.__version__, "before and after rotation to", new_kid)


if __name__ == "__main__":
    main()

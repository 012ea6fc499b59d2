#!/usr/bin/env python3
"""Seatkeeper from a publisher's app, in Python: a license check, a batch check, and a license token verified
offline against the JWKS (docs/integration.md explains each step and the choices behind it).

    python3 docs/integration/app_sample.py --url http://localhost:8080 --key "$app_key" \\
        --tenant TENANT_ID --user ada@fabrikam.example --service-id contoso.crm.basic \\
        [--also bob@fabrikam.example ...] [--issuer https://licenses.contoso.example]

Each option may come from the environment instead: SEATKEEPER_URL, SEATKEEPER_APP_KEY, SEATKEEPER_TENANT,
SEATKEEPER_USER, SEATKEEPER_SERVICE_ID, SEATKEEPER_ISSUER (the server's `public_url`; the URL when not given).
HTTP through the standard library; tokens through PyJWT with its crypto extra (Debian: python3-jwt and
python3-cryptography; pip: "pyjwt[crypto]").

Prints one JSON object per line, "step" first: check, batch, token, verified, tampered and offline, and retry
whenever the server asked it to wait (429 or 503 with Retry-After).
"""
import argparse
import base64
import json
import os
import secrets
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import jwt

TIMEOUT_SECONDS = 2  # answers come from the server's memory: a slow one means trouble, not work
ATTEMPTS = 4  # of one call, while the server answers 429 or 503
JWKS_MAX_AGE_SECONDS = 60  # the JWKS's Cache-Control: max-age
JWKS_REFETCH_COOLDOWN_SECONDS = 30  # an unknown kid fetches the set again at most this often


class Unreachable(Exception):
    """No usable answer from Seatkeeper: the app applies its fail-open or fail-closed policy."""


def emit(step, **fields):
    print(json.dumps({"step": step, **fields}), flush=True)


def call(url, path, key=None, body=None):
    """One call, waiting out 429 and 503 as Retry-After says. Unreachable when the server cannot answer; an
    HTTPError for any other refusal (401, 403, 422: a wrong key or input, a bug to fix rather than an outage)."""
    data = None if body is None else json.dumps(body).encode()
    for attempt in range(1, ATTEMPTS + 1):
        request = urllib.request.Request(url + path, data=data, method="GET" if body is None else "POST")
        if key:
            request.add_header("Authorization", "Bearer " + key)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                return json.load(response)
        except urllib.error.HTTPError as e:
            retryable = e.code in (429, 503)
            if not retryable and e.code < 500:
                raise
            if not retryable or attempt == ATTEMPTS:
                raise Unreachable(f"{path}: HTTP {e.code}") from e
            retry_after = e.headers.get("Retry-After", "1")
            wait = min(int(retry_after), 30) if retry_after.isdigit() else 1
            emit("retry", path=path, status=e.code, retry_after=wait)
            time.sleep(wait)
        except (urllib.error.URLError, OSError) as e:
            raise Unreachable(f"{path}: {e}") from e


class Keys:
    """The JWKS as last fetched. Fetched again once it is older than its max-age or when a token names a kid it
    lacks (at most every JWKS_REFETCH_COOLDOWN_SECONDS, so forged kids cannot make it hammer the server); kept as
    it is when Seatkeeper cannot be reached, so that held tokens still verify during an outage."""

    def __init__(self, url):
        self.url = url
        self.keys = {}
        self.fetched_at = float("-inf")

    def key(self, kid, offline=False):
        age = time.monotonic() - self.fetched_at
        stale = age > JWKS_MAX_AGE_SECONDS or (kid not in self.keys and age > JWKS_REFETCH_COOLDOWN_SECONDS)
        if stale and not offline:
            try:
                document = call(self.url, "/.well-known/jwks.json")
                self.keys = {k.key_id: k for k in jwt.PyJWKSet.from_dict(document).keys}
                self.fetched_at = time.monotonic()
            except Unreachable:
                pass  # keep the keys we have
        if kid not in self.keys:
            raise jwt.InvalidKeyError(f"no key {kid!r} in the JWKS")
        return self.keys[kid].key


def verify(token, keys, service_id, issuer, tenant, user, nonce=None, offline=False):
    """The token's claims once its signature, algorithm, audience, issuer and expiry hold, and it speaks of this
    tenant and user (and nonce, when one was sent); a jwt.PyJWTError otherwise."""
    kid = jwt.get_unverified_header(token).get("kid", "")
    claims = jwt.decode(token, keys.key(kid, offline), algorithms=["EdDSA"], audience=service_id, issuer=issuer,
                        leeway=30, options={"require": ["iss", "aud", "sub", "tid", "iat", "exp", "jti"]})
    if claims["tid"] != tenant.lower() or claims["sub"] != user.lower():
        raise jwt.InvalidTokenError("the token speaks of another tenant or user")
    if nonce is not None and claims.get("nonce") != nonce:
        raise jwt.InvalidTokenError("the token does not carry our nonce: a replay")
    return claims


def tampered(token, **changes):
    """The token with its claims changed and its signature kept, as a user might try to extend a license."""
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims.update(changes)
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


def entitlement_offline(token, keys, service_id, issuer, tenant, user):
    """What the app grants from a held token while Seatkeeper cannot be reached (fail-closed with the token's
    lifetime as the grace): the token's result while it verifies, with the keys already held; denied after."""
    try:
        claims = verify(token, keys, service_id, issuer, tenant, user, offline=True)
        return claims["result"], claims["exp"]
    except jwt.PyJWTError:
        return "denied", None


def main():
    env = os.environ.get
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=env("SEATKEEPER_URL"), help="Seatkeeper's base URL")
    parser.add_argument("--key", default=env("SEATKEEPER_APP_KEY"), help="an API key of role app")
    parser.add_argument("--tenant", default=env("SEATKEEPER_TENANT"), help="the customer's tenant ID")
    parser.add_argument("--user", default=env("SEATKEEPER_USER"), help="the signed-in user's UPN")
    parser.add_argument("--service-id", default=env("SEATKEEPER_SERVICE_ID"), help="one of your service IDs")
    parser.add_argument("--issuer", default=env("SEATKEEPER_ISSUER"), help="the server's public_url")
    parser.add_argument("--also", action="append", default=[], help="another user for the batch check")
    args = parser.parse_args()
    missing = [name for name in ("url", "key", "tenant", "user", "service_id") if not getattr(args, name)]
    if missing:
        parser.error("missing: " + ", ".join("--" + name.replace("_", "-") for name in missing))
    url = args.url.rstrip("/")
    issuer = args.issuer or url
    question = {"tenant": args.tenant, "user": args.user, "service_id": args.service_id}

    # One question.
    answer = call(url, "/api/v1/check?" + urllib.parse.urlencode(question), args.key)
    emit("check", **question, **answer)

    # Several at once (up to 100 a request), answered in order.
    checks = [{**question, "user": user} for user in [args.user, *args.also]]
    emit("batch", results=call(url, "/api/v1/check", args.key, {"checks": checks})["results"])

    # A token with a fresh nonce, verified offline against the JWKS.
    nonce = secrets.token_urlsafe(16)
    issued = call(url, "/api/v1/tokens", args.key, {**question, "nonce": nonce})
    token = issued["token"]
    emit("token", kid=jwt.get_unverified_header(token)["kid"], expires_at=issued["expires_at"], nonce=nonce)
    keys = Keys(url)
    claims = verify(token, keys, args.service_id, issuer, args.tenant, args.user, nonce)
    emit("verified", claims=claims)

    # The same token made to say "licensed" for a year more: its signature no longer matches.
    forged = tampered(token, result="licensed", reason="assigned", exp=claims["exp"] + 365 * 86400)
    try:
        verify(forged, keys, args.service_id, issuer, args.tenant, args.user, nonce)
        emit("tampered", rejected=False)
    except jwt.PyJWTError as e:
        emit("tampered", rejected=True, error=type(e).__name__)

    # Were Seatkeeper unreachable now, the held token would decide, until its exp.
    result, until = entitlement_offline(token, keys, args.service_id, issuer, args.tenant, args.user)
    emit("offline", result=result, until=until)


if __name__ == "__main__":
    try:
        main()
    except Unreachable as e:
        print(f"Seatkeeper is unreachable: {e}", file=sys.stderr)
        sys.exit(2)

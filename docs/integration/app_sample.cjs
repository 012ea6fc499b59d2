#!/usr/bin/env node
// Seatkeeper from a publisher's app, in Node.js (20.19 or newer): a license check, a batch check, and a license
// token verified offline against the JWKS (docs/integration.md explains each step and the choices behind it).
//
//   NODE_PATH=web/node_modules node docs/integration/app_sample.cjs --url http://localhost:8080 --key "$app_key" \
//       --tenant TENANT_ID --user ada@fabrikam.example --service-id contoso.crm.basic \
//       [--also bob@fabrikam.example ...] [--issuer https://licenses.contoso.example]
//
// Each option may come from the environment instead: SEATKEEPER_URL, SEATKEEPER_APP_KEY, SEATKEEPER_TENANT,
// SEATKEEPER_USER, SEATKEEPER_SERVICE_ID, SEATKEEPER_ISSUER (the server's `public_url`; the URL when not given).
// HTTP through Node's fetch; tokens through the `jose` package, which this repository keeps among web/'s
// devDependencies (`npm ci` in web/ installs it; your app lists `jose` in its own package.json). CommonJS, so that
// NODE_PATH finds it (ES modules ignore NODE_PATH); in an ES module write
// `import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify } from "jose"`.
//
// Prints one JSON object per line, "step" first: check, batch, token, verified, tampered and offline, and retry
// whenever the server asked it to wait (429 or 503 with Retry-After).
"use strict";

const { randomBytes } = require("node:crypto");
const { parseArgs } = require("node:util");
const { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify } = require("jose");

const TIMEOUT_MS = 2000; // answers come from the server's memory: a slow one means trouble, not work
const ATTEMPTS = 4; // of one call, while the server answers 429 or 503
const JWKS_MAX_AGE_MS = 60_000; // the JWKS's Cache-Control: max-age
const JWKS_REFETCH_COOLDOWN_MS = 30_000; // an unknown kid fetches the set again at most this often

// No usable answer from Seatkeeper: the app applies its fail-open or fail-closed policy.
class Unreachable extends Error {}

function emit(step, fields) {
  console.log(JSON.stringify({ step, ...fields }));
}

// One call, waiting out 429 and 503 as Retry-After says. Unreachable when the server cannot answer; an Error for
// any other refusal (401, 403, 422: a wrong key or input, a bug to fix rather than an outage).
async function call(url, path, key, body) {
  const headers = {};
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  for (let attempt = 1; ; attempt++) {
    let response;
    try {
      response = await fetch(url + path, {
        method: body === undefined ? "GET" : "POST",
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (e) {
      throw new Unreachable(`${path}: ${e.message}`, { cause: e });
    }
    if (response.ok) return response.json();
    const retryable = response.status === 429 || response.status === 503;
    if (!retryable && response.status < 500) {
      throw new Error(`${path}: HTTP ${response.status}: ${await response.text()}`);
    }
    if (!retryable || attempt === ATTEMPTS) throw new Unreachable(`${path}: HTTP ${response.status}`);
    const retryAfter = response.headers.get("Retry-After") ?? "1";
    const wait = /^\d+$/.test(retryAfter) ? Math.min(Number(retryAfter), 30) : 1;
    emit("retry", { path: path.split("?")[0], status: response.status, retry_after: wait });
    await response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
  }
}

// The JWKS through jose: fetched again once older than its max-age, or when a token names a kid it lacks (at most
// every JWKS_REFETCH_COOLDOWN_MS, so forged kids cannot make it hammer the server). `online` falls back to the
// set last fetched when Seatkeeper cannot be reached; `offline` never fetches: held tokens still verify during an
// outage.
function keySet(url) {
  const remote = createRemoteJWKSet(new URL(`${url}/.well-known/jwks.json`), {
    cacheMaxAge: JWKS_MAX_AGE_MS,
    cooldownDuration: JWKS_REFETCH_COOLDOWN_MS,
    timeoutDuration: TIMEOUT_MS,
  });
  const offline = (header, token) => {
    const last = remote.jwks();
    if (last === undefined) throw new errors.JWKSNoMatchingKey();
    return createLocalJWKSet(last)(header, token);
  };
  const online = async (header, token) => {
    try {
      return await remote(header, token);
    } catch (e) {
      if (e instanceof errors.JWKSNoMatchingKey) throw e;
      return offline(header, token); // the fetch failed: the keys we have
    }
  };
  return { online, offline };
}

// The token's claims once its signature, algorithm, audience, issuer and expiry hold, and it speaks of this tenant
// and user (and nonce, when one was sent); a jose error otherwise.
async function verify(token, keys, { serviceId, issuer, tenant, user, nonce }) {
  const { payload } = await jwtVerify(token, keys, {
    algorithms: ["EdDSA"],
    audience: serviceId,
    issuer,
    clockTolerance: 30,
    requiredClaims: ["iss", "aud", "sub", "tid", "iat", "exp", "jti"],
  });
  if (payload.tid !== tenant.toLowerCase() || payload.sub !== user.toLowerCase()) {
    throw new errors.JWTClaimValidationFailed("the token speaks of another tenant or user", payload, "sub");
  }
  if (nonce !== undefined && payload.nonce !== nonce) {
    throw new errors.JWTClaimValidationFailed("the token does not carry our nonce: a replay", payload, "nonce");
  }
  return payload;
}

// The token with its claims changed and its signature kept, as a user might try to extend a license.
function tampered(token, changes) {
  const [header, payload, signature] = token.split(".");
  const claims = { ...JSON.parse(Buffer.from(payload, "base64url").toString()), ...changes };
  return [header, Buffer.from(JSON.stringify(claims)).toString("base64url"), signature].join(".");
}

// What the app grants from a held token while Seatkeeper cannot be reached (fail-closed with the token's lifetime
// as the grace): the token's result while it verifies, with the keys already held; denied after.
async function entitlementOffline(token, keys, expected) {
  try {
    const claims = await verify(token, keys.offline, expected);
    return { result: claims.result, until: claims.exp };
  } catch (e) {
    if (e instanceof errors.JOSEError) return { result: "denied", until: null };
    throw e;
  }
}

function options() {
  const env = process.env;
  const { values } = parseArgs({
    options: {
      url: { type: "string", default: env.SEATKEEPER_URL },
      key: { type: "string", default: env.SEATKEEPER_APP_KEY },
      tenant: { type: "string", default: env.SEATKEEPER_TENANT },
      user: { type: "string", default: env.SEATKEEPER_USER },
      "service-id": { type: "string", default: env.SEATKEEPER_SERVICE_ID },
      issuer: { type: "string", default: env.SEATKEEPER_ISSUER },
      also: { type: "string", multiple: true, default: [] },
    },
  });
  const missing = ["url", "key", "tenant", "user", "service-id"].filter((name) => !values[name]);
  if (missing.length > 0) {
    console.error(`missing: ${missing.map((name) => `--${name}`).join(", ")}`);
    process.exit(2);
  }
  const url = values.url.replace(/\/+$/, "");
  return { ...values, url, serviceId: values["service-id"], issuer: values.issuer || url };
}

async function main() {
  const { url, key, tenant, user, serviceId, issuer, also } = options();
  const question = { tenant, user, service_id: serviceId };

  // One question.
  const answer = await call(url, `/api/v1/check?${new URLSearchParams(question)}`, key);
  emit("check", { ...question, ...answer });

  // Several at once (up to 100 a request), answered in order.
  const checks = [user, ...also].map((u) => ({ ...question, user: u }));
  emit("batch", { results: (await call(url, "/api/v1/check", key, { checks })).results });

  // A token with a fresh nonce, verified offline against the JWKS.
  const nonce = randomBytes(16).toString("base64url");
  const issued = await call(url, "/api/v1/tokens", key, { ...question, nonce });
  const token = issued.token;
  emit("token", { kid: decodeProtectedHeader(token).kid, expires_at: issued.expires_at, nonce });
  const keys = keySet(url);
  const expected = { serviceId, issuer, tenant, user };
  const claims = await verify(token, keys.online, { ...expected, nonce });
  emit("verified", { claims });

  // The same token made to say "licensed" for a year more: its signature no longer matches.
  const forged = tampered(token, { result: "licensed", reason: "assigned", exp: claims.exp + 365 * 86400 });
  try {
    await verify(forged, keys.online, { ...expected, nonce });
    emit("tampered", { rejected: false });
  } catch (e) {
    if (!(e instanceof errors.JOSEError)) throw e;
    emit("tampered", { rejected: true, error: e.constructor.name });
  }

  // Were Seatkeeper unreachable now, the held token would decide, until its exp.
  emit("offline", await entitlementOffline(token, keys, expected));
}

main().catch((e) => {
  console.error(e instanceof Unreachable ? `Seatkeeper is unreachable: ${e.message}` : e);
  process.exit(e instanceof Unreachable ? 2 : 1);
});

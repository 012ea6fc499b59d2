#!/usr/bin/env python3
"""A Seatkeeper webhook receiver: verifies each delivery's signature, refuses stale or forged ones, and skips
events it has seen (deliveries are at least once). Standard library only.

    SEATKEEPER_WEBHOOK_SECRETS=whsec_new[,whsec_old] python3 webhook_receiver.py [--port 8000]

Prints one JSON line per request: {"verified": true, "event_id": …, "type": …, "duplicate": false} or
{"verified": false, "reason": …}. Answers 204 to a verified delivery and 400 to anything else, so that Seatkeeper
retries only what it should.
"""
import argparse
import hashlib
import hmac
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOLERANCE_SECONDS = 300  # refuse a signature older (or newer) than this: a replayed capture


def verify(secrets, header, body, now=None):
    """Whether `header` (Seatkeeper-Signature: t=…,v1=…[,v1=…]) signs `body` (bytes) with one of `secrets`."""
    parts = [p.split("=", 1) for p in header.split(",") if "=" in p]
    timestamps = [v for k, v in parts if k == "t"]
    signatures = [v for k, v in parts if k == "v1"]
    if len(timestamps) != 1 or not timestamps[0].isdigit() or not signatures:
        return False, "malformed signature header"
    if abs((now or time.time()) - int(timestamps[0])) > TOLERANCE_SECONDS:
        return False, "timestamp outside the tolerance"
    signed = timestamps[0].encode() + b"." + body
    for secret in secrets:
        expected = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
        if any(hmac.compare_digest(expected, s) for s in signatures):
            return True, ""
    return False, "no signature matches"


class Receiver(BaseHTTPRequestHandler):
    secrets = []
    seen = set()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        ok, reason = verify(self.secrets, self.headers.get("Seatkeeper-Signature", ""), body)
        if not ok:
            self.answer(400, {"verified": False, "reason": reason})
            return
        event = json.loads(body)
        duplicate = event["id"] in self.seen  # a redelivery or a retry that crossed our answer
        self.seen.add(event["id"])
        # … act on event["type"], event["subject"], event["data"]["after"] here, idempotently …
        self.answer(204, {"verified": True, "event_id": event["id"], "type": event["type"], "duplicate": duplicate})

    def answer(self, status, line):
        print(json.dumps(line), flush=True)
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):  # the JSON lines are the log
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    Receiver.secrets = [s for s in os.environ.get("SEATKEEPER_WEBHOOK_SECRETS", "").split(",") if s]
    if not Receiver.secrets:
        sys.exit("set SEATKEEPER_WEBHOOK_SECRETS to the endpoint's secret (and the previous one during a rotation)")
    print(json.dumps({"listening": args.port}), flush=True)
    ThreadingHTTPServer(("127.0.0.1", args.port), Receiver).serve_forever()


if __name__ == "__main__":
    main()

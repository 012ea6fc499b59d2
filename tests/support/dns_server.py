#!/usr/bin/python3
"""A DNS server for Seatkeeper's domain verification tests (Debian's python3-dnslib).

Answers UDP queries on --listen HOST:PORT from --records FILE, a JSON object {"name": ["txt", …]} read again
at each query (names lowercase, without the final dot), so a test changes the answers by rewriting the file.
A name in the file answers its TXT records (none: "no data"); any other name is NXDOMAIN. Writes --ready FILE
once it listens. Stops on SIGTERM or SIGINT.
"""
import argparse
import json
import signal
import threading

from dnslib import QTYPE, RCODE, RR, TXT
from dnslib.server import BaseResolver, DNSServer


class FileResolver(BaseResolver):
    def __init__(self, path):
        self.path = path

    def resolve(self, request, handler):
        reply = request.reply()
        name = str(request.q.qname).rstrip(".").lower()
        try:
            with open(self.path, encoding="utf-8") as f:
                records = json.load(f)
        except (OSError, ValueError):
            records = {}
        if name not in records:
            reply.header.rcode = RCODE.NXDOMAIN
        elif request.q.qtype in (QTYPE.TXT, QTYPE.ANY):
            for text in records[name]:
                reply.add_answer(RR(request.q.qname, QTYPE.TXT, rdata=TXT(text), ttl=1))
        return reply


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", required=True, help="HOST:PORT")
    parser.add_argument("--records", required=True, help="the JSON file of TXT records")
    parser.add_argument("--ready", required=True, help="written once the server listens")
    args = parser.parse_args()
    host, port = args.listen.rsplit(":", 1)
    server = DNSServer(FileResolver(args.records), address=host, port=int(port), logger=QuietLogger())
    server.start_thread()
    with open(args.ready, "w", encoding="utf-8") as f:
        f.write("ready\n")
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()
    server.stop()


class QuietLogger:
    """dnslib's logger interface, logging nothing (the tests read answers, not logs)."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


if __name__ == "__main__":
    main()

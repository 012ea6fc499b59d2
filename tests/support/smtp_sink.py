#!/ usr / bin / python3
"""An SMTP sink for Seatkeeper's mail tests (Debian's python3-aiosmtpd).

Listens on --listen HOST:PORT and writes every message it accepts to --dir as NNNN.json: the envelope, the
raw message as received (after SMTP's dot-unstuffing), its headers and text body as Python's own e-mail
parser decodes them (RFC 2047 words, quoted-printable, charset), and the parser's complaints. Each file is
written under a temporary name and renamed, so a reader never sees half of one.

Recipients whose local part starts with "refuse" get "550 5.1.1" to RCPT TO. With --login USER:PASSWORD the
sink offers AUTH (over plain text: it has no TLS) and accepts only that pair. Stops on SIGTERM or SIGINT.
"""
import argparse
import asyncio
import json
import os
import signal
from email import message_from_bytes, policy

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.split("@")[0].startswith("refuse"):
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content
        message = message_from_bytes(raw, policy=policy.default)
        defects = [repr(d) for d in message.defects]
        headers = {}
        for name, value in message.items():
            defects += [repr(d) for d in getattr(value, "defects", ())]
            headers[name] = str(value)
        login = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "login": login,
            "raw": raw.decode("utf-8", "replace"),
            "headers": headers,
            "content_type": message.get_content_type(),
            "charset": message.get_content_charset(),
            "body": message.get_content(),
            "defects": defects,
        }
        self.count += 1
        path = os.path.join(self.directory, "%04d.json" % self.count)
        with open(path + ".tmp", "w", encoding="utf-8") as out:
            json.dump(record, out)
        os.rename(path + ".tmp", path)
        return "250 Message accepted"


def authenticator_for(expected):
    user, password = expected.split(":", 1)

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and \
            auth_data.password.decode() == password
        return AuthResult(success=ok, auth_data=auth_data if ok else None)

    return authenticate


async def serve(args):
    host, port = args.listen.rsplit(":", 1)
    handler = Sink(args.dir)
    extra = {}
    if args.login:
        extra = {"authenticator": authenticator_for(args.login), "auth_require_tls": False}

    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(handler, hostname="sink.test", **extra), host, int(port))
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    server.close()
    await server.wait_closed()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", required=True, help="HOST:PORT")
    parser.add_argument("--dir", required=True, help="where to write the messages")
    parser.add_argument("--login", help="USER:PASSWORD to require")
    asyncio.run(serve(parser.parse_args()))


if __name__ == "__main__":
    main()

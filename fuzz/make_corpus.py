#!/usr/bin/python3
"""Writes the seeds of fuzz/corpus/ that are not plain text: the solution packages of package_reader_fuzz
(PACKAGE.md, shaped like tests/support/zip_builder's) and the license tokens of jwt_fuzz, signed with the
key pair jwt_fuzz verifies with (Ed25519 from a seed of 32 bytes 0x07). Deterministic: running it again writes
the same bytes, so the committed files can be checked against it. Debian's python3 and python3-cryptography.

    fuzz/make_corpus.py
"""

import base64
import io
import json
import pathlib
import zipfile

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

CORPUS = pathlib.Path(__file__).resolve().parent / "corpus"
DATE = (2024, 1, 1, 0, 0, 0)

SOLUTION = """<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml version="9.2.24023.198" SolutionPackageVersion="9.2" languagecode="1033">
  <SolutionManifest>
    <UniqueName>contosocrm</UniqueName>
    <Version>1.0.0.0</Version>
    <Publisher><UniqueName>contoso</UniqueName></Publisher>
  </SolutionManifest>
</ImportExportXml>
"""
PLANS = """<?xml version="1.0" encoding="utf-8"?>
<ServicePlans>
  <ServicePlan>
    <ServiceId>contoso.crm.basic</ServiceId>
    <DisplayName>Contoso CRM Basic</DisplayName>
    <MoreInfoUrl>https://contoso.example/crm/basic</MoreInfoUrl>
  </ServicePlan>
  <ServicePlan><ServiceId>contoso.crm.pro</ServiceId><DisplayName>Pro</DisplayName></ServicePlan>
</ServicePlans>
"""
MODULES = """<?xml version="1.0" encoding="utf-8"?>
<ServicePlanAppModules>
  <ServicePlanAppModule><ServiceId>contoso.crm.basic</ServiceId><AppModule>contoso_crm_app</AppModule></ServicePlanAppModule>
  <ServicePlanAppModule><ServiceId>contoso.crm.pro</ServiceId><AppModule>contoso_crm_app</AppModule></ServicePlanAppModule>
</ServicePlanAppModules>
"""
CONTENT_TYPES = '<?xml version="1.0" encoding="utf-8"?><Types><Default Extension="xml" ContentType="text/xml" /></Types>'
CUSTOMIZATIONS = "<ImportExportXml><Entities /></ImportExportXml>"


def entry(name, data, *, stored=False, mode=0o100644):
    info = zipfile.ZipInfo(name, DATE)
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, so that the mode bits below count
    info.external_attr = mode << 16
    return info, data


def package(*entries):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info, data in entries:
            z.writestr(info, data)
    return out.getvalue()


def good_entries(**kw):
    return [
        entry("[Content_Types].xml", CONTENT_TYPES, **kw),
        entry("customizations.xml", CUSTOMIZATIONS, **kw),
        entry("solution.xml", SOLUTION, **kw),
        entry("ServicePlans/ServicePlans.xml", PLANS, **kw),
        entry("ServicePlans/ServicePlansAppModules.xml", MODULES, **kw),
    ]


PACKAGES = {
    "good.zip": package(*good_entries()),
    "good-stored.zip": package(*good_entries(stored=True)),
    "solution-only.zip": package(entry("solution.xml", SOLUTION)),
    "nested-folder.zip": package(entry("contosocrm/solution.xml", SOLUTION)),
    "uppercase-names.zip": package(
        entry("Solution.XML", SOLUTION), entry("serviceplans/serviceplans.xml", PLANS, stored=True)
    ),
    "malformed-xml.zip": package(
        entry("solution.xml", SOLUTION.replace("</UniqueName>", "</Unique>", 1), stored=True),
        entry("ServicePlans/ServicePlans.xml", "<ServicePlans><ServicePlan><DisplayName>x</DisplayName>", stored=True),
        entry("ServicePlans/ServicePlansAppModules.xml", "<Other />", stored=True),
    ),
    "unsafe-entries.zip": package(
        entry("solution.xml", SOLUTION, stored=True),
        entry("../evil.txt", "x", stored=True),
        entry("/etc/passwd", "x", stored=True),
        entry("C:/Windows/x.dll", "x", stored=True),
        entry("a\\b.txt", "x", stored=True),
        entry("link", "solution.xml", stored=True, mode=0o120777),
    ),
    "spaces.zip": package(entry("solution.xml", SOLUTION), entry("WebResources/blank.txt", " " * 70000)),
    # Entry names are bytes, not necessarily UTF-8 (zipfile writes str names only as UTF-8, hence the patch;
    # a name is covered by no CRC). The fuzzer found the reader quoting such names in its messages as they were.
    "regress-non-utf8-entry-name.zip": package(
        entry("solution.xml", SOLUTION), entry("../x-name.txt", "x", stored=True)
    ).replace(b"x-name", b"\xff\xfe\xc3(\xed\xa0"),
}


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token(header, claims, key=Ed25519PrivateKey.from_private_bytes(bytes([7] * 32))):
    signing_input = b64url(json.dumps(header, separators=(",", ":")).encode()) + "."
    signing_input += b64url(json.dumps(claims, separators=(",", ":")).encode())
    return signing_input + "." + b64url(key.sign(signing_input.encode()))


CLAIMS = {
    "iss": "https://seatkeeper.example",
    "pub": "contoso",
    "aud": "contoso.crm.basic",
    "sub": "ada@fabrikam.example",
    "tid": "3f2a1b4c-0d9e-4f8a-b7c6-5e4d3c2b1a09",
    "plan": "basic",
    "result": "licensed",
    "reason": "seat_assigned",
    "iat": 1700000000,
    "exp": 1700003600,
    "jti": "Zm9vYmFyYmF6cXV4",
}
TOKENS = {
    "token-license.txt": token({"alg": "EdDSA", "typ": "JWT", "kid": "key-1"}, CLAIMS),
    "token-nonce.txt": token({"alg": "EdDSA", "typ": "JWT", "kid": "key-2"}, {**CLAIMS, "nonce": "n-0123"}),
    "token-alg-none.txt": token({"alg": "none", "typ": "JWT"}, {"sub": "x"}),
    "token-other-key.txt": token(
        {"alg": "EdDSA", "kid": "key-9"}, CLAIMS, Ed25519PrivateKey.from_private_bytes(bytes([8] * 32))
    ),
}


def main():
    for name, data in PACKAGES.items():
        (CORPUS / "package_reader_fuzz" / name).write_bytes(data)
    for name, text in TOKENS.items():
        (CORPUS / "jwt_fuzz" / name).write_text(text)


if __name__ == "__main__":
    main()

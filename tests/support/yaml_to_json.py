"""docs/openapi.yaml as JSON, for the C++ tests that check answers against its schemas (openapi_schema.hpp).

Usage: yaml_to_json.py IN.yaml OUT.json (Debian's python3-yaml)."""
import json
import sys

import yaml

with open(sys.argv[1], encoding="utf-8") as source:
    document = yaml.safe_load(source)
with open(sys.argv[2], "w", encoding="utf-8") as target:
    # Unquoted dates in examples load as dates; their text is what the document says.
    json.dump(document, target, default=str)

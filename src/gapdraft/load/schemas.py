"""JSON Schemas (draft 2020-12) for framework, state and clause files, generated from the key
tables in `keys.py` that the loader reads with. The schemas check the shape of a file (keys,
kinds, required keys, allowed words); the loader checks the rest (ids that must exist, sums,
published figures), so a file the schema accepts may still fail `gapdraft validate`."""

from __future__ import annotations

import json
from typing import Any

from gapdraft.load.keys import ROOTS, Key, Spec

KINDS = tuple(ROOTS)
SCHEMA_URL = "https://json-schema.org/draft/2020-12/schema"
# text keys accept numbers too (the loader reads `edition: 2022` as "2022")
_TEXT = {"type": ["string", "number"]}
_PLAIN = {"text": _TEXT, "number": {"type": "number", "minimum": 0}}


def _key_schema(key: Key, defs: dict[str, Any]) -> dict[str, Any]:
    if key.kind in ("text", "number"):
        schema = dict(_PLAIN[key.kind])
        if key.kind == "text" and key.required:
            schema["minLength"] = 1
        return schema
    if key.kind == "integer":
        return {"type": "integer"}
    if key.kind == "flag":
        return {"type": "boolean"}
    if key.kind in ("status", "choice"):
        return {"enum": list(key.values)}
    inner = _ref(key.spec, defs)
    if key.kind == "object":
        return inner
    if key.kind == "list":
        schema: dict[str, Any] = {"type": "array", "items": inner}
        if key.non_empty:
            schema["minItems"] = 1
        return schema
    if key.kind == "dict":
        if key.empty_values:
            inner = {"anyOf": [inner, {"type": "null"}]}
        return {"type": "object", "additionalProperties": inner}
    raise ValueError(f"unknown kind {key.kind}")


def _ref(spec: Spec | str | None, defs: dict[str, Any]) -> dict[str, Any]:
    if isinstance(spec, Spec):
        if spec.name not in defs:
            defs[spec.name] = {}  # placeholder first: tables may refer to each other
            defs[spec.name] = _object(spec, defs)
        return {"$ref": f"#/$defs/{spec.name}"}
    return dict(_PLAIN[spec or "text"])


def _object(spec: Spec, defs: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for name, key in spec.keys.items():
        schema = _key_schema(key, defs)
        # the loader reads an empty optional value (`note:`) as absent
        properties[name] = schema if key.required else {"anyOf": [schema, {"type": "null"}]}
    out: dict[str, Any] = {
        "type": "object",
        "description": spec.what,
        "properties": properties,
        "additionalProperties": False,
    }
    required = [name for name, key in spec.keys.items() if key.required]
    if required:
        out["required"] = required
    return out


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of file: framework, state or clause."""
    root = ROOTS[kind]
    defs: dict[str, Any] = {}
    body = _object(root, defs)
    return {
        "$schema": SCHEMA_URL,
        "title": f"gapdraft {kind} file",
        **body,
        "$defs": dict(sorted(defs.items())),
    }


def schema_text(kind: str) -> str:
    return json.dumps(schema_for(kind), indent=2) + "\n"


def schema_file_name(kind: str) -> str:
    return f"{kind}.schema.json"

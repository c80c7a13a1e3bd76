"""resources/journal-changes.schema.json describes exactly what storage/share_folder.py writes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from journal_app.domain.hlc import HlcClock
from journal_app.domain.sharing import MOVEMENT_FIELDS, RECORD_FIELDS, SIGN_FIELDS, Kind, Replica
from journal_app.storage.share_folder import ShareFolder, new_device_id, sync_round
from tests.helpers.sharing import FakeClock, child, day, media, milestone, summary, tip

RESOURCES = Path(__file__).resolve().parents[3] / "resources"
SCHEMA = json.loads((RESOURCES / "journal-changes.schema.json").read_text(encoding="utf-8"))
EXPORT = json.loads((RESOURCES / "journal-export.schema.json").read_text(encoding="utf-8"))


def errors(value: Any, schema: Any, path: str = "$") -> list[str]:
    """A small JSON Schema checker: the keywords the two schemas use, nothing more."""
    if schema is True:
        return []
    if schema is False:
        return [f"{path}: not allowed"]
    if "$ref" in schema:
        target = SCHEMA
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return errors(value, target, path)
    found: list[str] = []
    kinds = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}
    if "type" in schema:
        wanted = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]

        def fits(t: str) -> bool:
            if t == "integer":
                return isinstance(value, int) and not isinstance(value, bool)
            return isinstance(value, kinds[t])

        if not any(fits(t) for t in wanted):
            return [f"{path}: not {wanted}"]
    if "const" in schema and value != schema["const"]:
        found.append(f"{path}: not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{path}: {value!r} not in enum")
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            found.append(f"{path}: does not match {schema['pattern']}")
        if len(value) > schema.get("maxLength", len(value)) or len(value) < schema.get(
            "minLength", 0
        ):
            found.append(f"{path}: wrong length")
    if (
        isinstance(value, int)
        and not isinstance(value, bool)
        and not schema.get("minimum", value) <= value <= schema.get("maximum", value)
    ):
        found.append(f"{path}: out of range")
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                found.append(f"{path}: no {key}")
        props = schema.get("properties", {})
        for key, item in value.items():
            if "propertyNames" in schema:
                found += errors(key, schema["propertyNames"], f"{path}.{key}(name)")
            if key in props:
                found += errors(item, props[key], f"{path}.{key}")
            elif "additionalProperties" in schema:
                found += errors(item, schema["additionalProperties"], f"{path}.{key}")
    if isinstance(value, list):
        if len(value) > schema.get("maxItems", len(value)) or len(value) < schema.get(
            "minItems", 0
        ):
            found.append(f"{path}: wrong number of items")
        prefix = schema.get("prefixItems", [])
        for i, item in enumerate(value):
            sub = prefix[i] if i < len(prefix) else schema.get("items", True)
            found += errors(item, sub, f"{path}[{i}]")
    for key in ("anyOf", "oneOf"):
        if key in schema:
            matching = [s for s in schema[key] if not errors(value, s, path)]
            if not matching or (key == "oneOf" and len(matching) > 1):
                found.append(f"{path}: matches {len(matching)} of {key}")
    return found


def test_what_the_app_writes_matches_the_schema(tmp_path: Path) -> None:
    root = tmp_path / "shared"
    root.mkdir()
    device = new_device_id()
    folder = ShareFolder(root, device)
    assert folder.join("Mum's laptop") is None
    replica = Replica(device, HlcClock(device, now_ms=FakeClock()))
    replica.cursors[new_device_id()] = 3  # as if 3 files of another computer were applied
    maya = child()
    replica.save(Kind.CHILD, maya)
    replica.save(Kind.DAY, day(maya["uuid"], notes="✓", movements=[("rolling", 3)]))
    replica.save(Kind.MILESTONE, milestone(maya["uuid"]))
    replica.save(Kind.TIP_TRIED, tip(maya["uuid"]))
    replica.save(Kind.SUMMARY_MADE, summary(maya["uuid"]))
    replica.save(Kind.MEDIA, media(maya["uuid"]))
    gone = day(maya["uuid"], on="2026-11-09")
    replica.save(Kind.DAY, gone)
    report = sync_round(folder, replica, "2026-11-21T20:14:00.000000Z")
    assert report.written is not None
    document = json.loads(report.written.read_bytes())
    assert errors(document, SCHEMA) == []
    assert {c["kind"] for c in document["changes"]} == {k.value for k in Kind}
    assert document["version"] == 2  # it holds a photo (format version 2)
    replica.delete(Kind.DAY, gone["uuid"], "2026-11-21T20:15:00.000000Z")
    report = sync_round(folder, replica, "2026-11-21T20:16:00.000000Z")
    assert report.written is not None
    tombstones = json.loads(report.written.read_bytes())
    assert errors(tombstones, SCHEMA) == [] and "deleted" in tombstones["changes"][0]
    assert tombstones["version"] == 1  # no photo in it: an app not yet updated still reads it
    device_file = json.loads((folder.own_folder / "device.json").read_text(encoding="utf-8"))
    assert errors(device_file, SCHEMA["$defs"]["device_file"]) == []
    # The checker does check: a wrong file fails it.
    document["changes"][0]["record"]["extra"] = 1
    document["seen"] = {"nope": 1}
    assert len(errors(document, SCHEMA)) >= 2


def test_the_schema_names_the_fields_and_kinds_of_the_code() -> None:
    defs = SCHEMA["$defs"]
    for kind in Kind:
        record = defs[f"{kind.value}_record"]
        assert tuple(record["required"]) == RECORD_FIELDS[kind], kind
        assert set(record["properties"]) == set(RECORD_FIELDS[kind])
    assert tuple(defs["movement"]["required"]) == MOVEMENT_FIELDS
    assert tuple(defs["warning_sign"]["required"]) == SIGN_FIELDS
    assert defs["tombstone"]["properties"]["kind"]["enum"] == [k.value for k in Kind]


def test_the_record_shapes_are_the_exports() -> None:
    """A field means the same in a change file as in an export (the vocabularies, the limits)."""
    export = EXPORT["$defs"]
    pairs = [
        ("child_record", "child"),
        ("day_record", "day"),
        ("milestone_record", "milestone"),
        ("tip_tried_record", "tip_tried"),
        ("summary_made_record", "summary_made"),
        ("media_record", "media"),
        ("movement", "movement"),
        ("warning_sign", "warning_sign"),
    ]
    for ours, theirs in pairs:
        for name, definition in SCHEMA["$defs"][ours]["properties"].items():
            if name != "child_uuid":
                assert definition == export[theirs]["properties"][name], (ours, name)

"""Reading a journal-with-media zip: what is refused before a byte of it is read."""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import pytest

from journal_app.storage.media_zip import JSON_NAME, MediaZipProblem, open_media_zip

SHA = "ab" + "0" * 62


def _zip(path: Path, entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a duplicate name, on purpose
        with zipfile.ZipFile(path, "w") as zf:
            for info, data in entries:
                zf.writestr(info, data)
    return path


def _key(path: Path, **limits: int) -> str:
    with (
        pytest.raises(MediaZipProblem) as caught,
        open_media_zip(
            path, json_limit=limits.get("json", 1000), file_limit=limits.get("file", 1000)
        ),
    ):
        pass
    return caught.value.key


def test_a_good_zip_lists_its_files_by_hash(tmp_path: Path) -> None:
    path = _zip(tmp_path / "a.zip", [(JSON_NAME, b"{}"), (f"media/ab/{SHA}.mp4", b"x" * 10)])
    with open_media_zip(path, json_limit=100, file_limit=100) as bundle:
        assert bundle.read_json(100) == b"{}"
        entry = bundle.entries[SHA]
        assert (entry.kind.value, entry.size) == ("mp4", 10)


def test_refusals(tmp_path: Path) -> None:
    media = f"media/ab/{SHA}.mp4"
    assert _key(_zip(tmp_path / "1.zip", [(f"media/ab/{SHA}.mp4", b"x")])) == "no_json"
    assert _key(_zip(tmp_path / "2.zip", [(JSON_NAME, b"{}"), (JSON_NAME, b"{}")])) == "twice"
    assert _key(_zip(tmp_path / "3.zip", [(JSON_NAME, b"{}"), (f"media/ab/{SHA}.gif", b"x")])) == (
        "strange_entry"
    )
    assert _key(_zip(tmp_path / "4.zip", [(JSON_NAME, b"{}"), (media, b"x" * 50)]), file=10) == (
        "file_too_big"
    )
    assert _key(_zip(tmp_path / "5.zip", [(JSON_NAME, b" " * 50)]), json=10) == "json_too_big"
    locked = _zip(tmp_path / "6.zip", [(JSON_NAME, b"{}"), (media, b"x")])
    raw = bytearray(locked.read_bytes())
    central = raw.rindex(b"PK\x01\x02")  # the media entry's central directory header
    raw[central + 8] |= 0x1  # "encrypted"
    locked.write_bytes(bytes(raw))
    assert _key(locked) == "encrypted"
    squeezed = zipfile.ZipInfo(media)
    squeezed.compress_type = zipfile.ZIP_BZIP2
    assert _key(_zip(tmp_path / "7.zip", [(JSON_NAME, b"{}"), (squeezed, b"x")])) == "method"
    assert _key(_zip(tmp_path / "8.zip", [("movements.csv", b"a,b")])) == "csv_zip"
    (tmp_path / "9.zip").write_bytes(b"PK\x03\x04 not really")
    assert _key(tmp_path / "9.zip") == "not_zip"

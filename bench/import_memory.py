"""Import time and peak memory of a large JSON export (issue 13, point 12).

``python -m bench.import_memory [--days 150000] [--again] [--keep DIR]`` writes a valid export of
``--days`` days (several children, each day with movements, a warning sign now and then and a
note) into a scratch folder, then imports it with the command line (``journal_app import``) into a
fresh journal in a child process, and prints the file's size, the wall time and the child's peak
resident memory (``ru_maxrss``). ``--again`` imports the same file a second time into the same
journal (every record already there: the re-import of a whole journal). Prints one
``BENCH_JSON`` line per import.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

_STAMP = "2024-03-01T10:00:00.000000Z"
_STYLES = ("rolling", "belly_crawl", "forward_crawl")


def _uid(rng: int) -> str:
    return str(uuid.UUID(int=rng))


def write_export(path: Path, days: int, per_child: int = 30_000) -> int:
    """A valid export of ``days`` days, written piece by piece (never whole in memory)."""
    counter = 1
    today = date.today() - timedelta(days=2)
    children = max(1, -(-days // per_child))
    with path.open("w", encoding="utf-8") as out:
        out.write('{"format": "crawl-journal", "version": 3, "exported_by": "bench",\n')
        out.write(' "children": [\n')
        left = days
        for ci in range(children):
            count = min(per_child, left)
            left -= count
            birth = today - timedelta(days=count - 1)
            child_uuid = _uid(counter)
            counter += 1
            out.write("  " + ("," if ci else ""))
            out.write(
                json.dumps(
                    {
                        "uuid": child_uuid,
                        "created": _STAMP,
                        "updated": _STAMP,
                        "name": f"Child {ci + 1}",
                        "birth_date": birth.isoformat(),
                        "due_date": None,
                    }
                )[:-1]
            )
            out.write(', "days": [\n')
            for di in range(count):
                movements = []
                for style in _STYLES[: 1 + di % 3]:
                    movements.append(
                        {
                            "uuid": _uid(counter),
                            "created": _STAMP,
                            "updated": _STAMP,
                            "style": style,
                            "episodes": 1 + di % 7,
                            "minutes": 5 + di % 20,
                        }
                    )
                    counter += 1
                signs = []
                if di % 10 == 0:
                    signs.append(
                        {
                            "uuid": _uid(counter),
                            "created": _STAMP,
                            "updated": _STAMP,
                            "sign": "favours_one_side",
                            "side": "left",
                            "note": "",
                        }
                    )
                    counter += 1
                day = {
                    "uuid": _uid(counter),
                    "created": _STAMP,
                    "updated": _STAMP,
                    "date": (birth + timedelta(days=di)).isoformat(),
                    "tummy_minutes": 10 + di % 30,
                    "floor": "carpet_or_rug",
                    "notes": "A good morning on the rug; tried the tunnel." if di % 2 else "",
                    "questions": "",
                    "notes_in_summary": bool(di % 2),
                    "movements": movements,
                    "warning_signs": signs,
                }
                counter += 1
                out.write(("   ," if di else "    ") + json.dumps(day, ensure_ascii=False) + "\n")
            out.write(
                '  ], "milestones": [], "tips_tried": [], "summaries_made": [], "media": []}\n'
            )
        out.write(" ]\n}\n")
    return path.stat().st_size


def run_import(data_dir: Path, export: Path) -> dict[str, object]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "journal_app", "--data-dir", str(data_dir), "import", str(export)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    if done.returncode != 0:
        raise SystemExit(f"import failed ({done.returncode}): {done.stderr[-2000:]}")
    return {
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(peak / 1024, 1),
        "peak_grew": peak > before,
        "report": done.stdout.strip().splitlines()[0] if done.stdout.strip() else "",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=150_000)
    parser.add_argument("--again", action="store_true", help="import the same file a second time")
    parser.add_argument("--keep", type=Path, help="write the export and journal here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        export = folder / "big.json"
        size = write_export(export, args.days)
        data_dir = folder / "journal"
        rounds = ["first"] + (["again"] if args.again else [])
        for label in rounds:
            result = run_import(data_dir, export)
            line = {"import": label, "days": args.days, "file_mb": round(size / 2**20, 1)}
            line.update(result)
            print(f"BENCH_JSON {json.dumps(line)}")
            print(
                f"import ({label}): {args.days} days, {line['file_mb']} MB file: "
                f"{result['seconds']} s, peak RSS {result['peak_rss_mb']} MB"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

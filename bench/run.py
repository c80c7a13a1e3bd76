"""Run the benchmarks of issue 8, print their figures and write them into bench/RESULTS.md.

``python -m bench.run`` (all of it, a few minutes) or ``python -m bench.run --tiny --no-write``
(the smoke test's seconds-long version on tiny journals). See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from bench.make_journal import SIZES, TINY_SIZES, make_journal
from bench.parts import RESULT_PREFIX, Figure, not_available

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "RESULTS.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
PROBE_ENV = "CRAWL_JOURNAL_STARTUP_PROBE"

SECTIONS = (
    "1. Start-up to a usable window",
    "2. Saving a day",
    "3. Movement chart, 5 years of daily data",
    "4. Doctor summary PDF",
    "5. Stress journal (5 children x 10 years)",
    "6. Peak memory",
)


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# -- environment ---------------------------------------------------------------------------------


def bench_env(scratch: Path, display: str | None) -> dict[str, str]:
    """The environment of every measured process: throwaway settings folders, no user data."""
    env = dict(os.environ)
    for name in ("config", "data", "cache"):
        (scratch / name).mkdir(parents=True, exist_ok=True)
    env.update(
        XDG_CONFIG_HOME=str(scratch / "config"),
        XDG_DATA_HOME=str(scratch / "data"),
        XDG_CACHE_HOME=str(scratch / "cache"),
        MPLCONFIGDIR=str(Path(tempfile.gettempdir()) / "crawl-journal-bench-mpl"),
        PYTHONPATH=str(REPO),
        QT_QPA_PLATFORM="xcb" if display else "offscreen",
    )
    env["BENCH_SCRATCH"] = str(scratch)
    env.pop("CRAWL_JOURNAL_DIR", None)
    env.pop(PROBE_ENV, None)
    env.pop("BENCH_PROFILE", None)
    if display:
        env["DISPLAY"] = display
    return env


@contextmanager
def xvfb(enabled: bool) -> Iterator[str | None]:
    """A private X server for the run (``--xvfb``), stopped afterwards."""
    if not enabled:
        yield None
        return
    display = ":93"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{display[1:]}").exists():
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("Xvfb did not start")
            time.sleep(0.05)
        yield display
    finally:
        server.terminate()
        server.wait(timeout=10)


def machine() -> str:
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    versions = []
    for module in ("PySide6", "sqlalchemy", "matplotlib"):
        with suppress(ImportError):
            versions.append(f"{module} {__import__(module).__version__}")
    return (
        f"{os.cpu_count()} cores ({cpu or platform.machine()}), Python "
        f"{platform.python_version()}, {', '.join(versions)}, SQLite {sqlite3.sqlite_version}"
    )


# -- running parts -------------------------------------------------------------------------------


def run_part(
    part: str, journals: dict[str, Path], repeat: int, env: dict[str, str], section: str
) -> list[Figure]:
    command = [sys.executable, "-m", "bench.parts", part, "--repeat", str(repeat)]
    for label, folder in journals.items():
        command += ["--journal", f"{label}={folder}"]
    log(f"  running {part} on {', '.join(journals)}")
    done = subprocess.run(
        command, env=env, cwd=REPO, capture_output=True, text=True, timeout=900, check=False
    )
    for line in done.stdout.splitlines():
        if line.startswith(RESULT_PREFIX):
            items = json.loads(line[len(RESULT_PREFIX) :])
            return [Figure(**dict(item, section=section)) for item in items]
    tail = " | ".join(done.stderr.strip().splitlines()[-3:])
    return [Figure(section, part, None, "", note=f"failed (exit {done.returncode}): {tail}")]


def launch_until_ready(command: list[str], env: dict[str, str]) -> tuple[float | None, str, str]:
    """Seconds from launching ``command`` until it prints its first line on stdout."""
    with tempfile.TemporaryFile("w+") as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=errors, text=True
        )
        assert process.stdout is not None
        line = process.stdout.readline()
        ready = time.perf_counter() - started
        try:
            process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
        errors.seek(0)
        stderr = errors.read()
    return (ready if line else None), line.strip(), stderr


@dataclass
class Startups:
    """Start-up seconds per kind of launch, the heavy modules each loaded, and failures."""

    times: dict[str, list[float]] = field(default_factory=dict)
    heavy: dict[str, str] = field(default_factory=dict)
    failure: dict[str, str] = field(default_factory=dict)
    #: What the app itself printed (seconds since ``journal_app.app`` was imported).
    reported: dict[str, list[float]] = field(default_factory=dict)


def startup(journals: dict[str, Path], rounds: int, warmup: bool, env: dict[str, str]) -> Startups:
    """Start-up times of the baseline and of the app on each journal, interleaved round by round."""
    app_env = dict(env, **{PROBE_ENV: "1"})
    commands = {"baseline": ([sys.executable, str(REPO / "bench" / "baseline_window.py")], env)}
    for label, folder in journals.items():
        command = [sys.executable, str(REPO / "bench" / "app_probe.py"), "--data-dir", str(folder)]
        commands[label] = (command, app_env)
    result = Startups({label: [] for label in commands})
    for round_number in range(rounds + int(warmup)):
        for label, (command, command_env) in commands.items():
            seconds, line, stderr = launch_until_ready(command, command_env)
            if seconds is None:
                tail = " | ".join(stderr.strip().splitlines()[-2:])
                result.failure[label] = tail or "no ready line"
                continue
            for said in stderr.splitlines():
                if said.startswith("HEAVY_IMPORTS "):
                    result.heavy[label] = said.split(" ", 1)[1]
            if round_number >= int(warmup):
                result.times[label].append(seconds)
                if line.startswith("startup_seconds="):
                    reported = float(line.partition("=")[2])
                    result.reported.setdefault(label, []).append(reported)
    return result


# -- the run -------------------------------------------------------------------------------------


def find(figures: list[Figure], start: str) -> Figure | None:
    return next((f for f in figures if f.name.startswith(start) and f.value is not None), None)


def ratio(
    section: str, name: str, top: Figure | None, bottom: Figure | None, limit: float
) -> Figure:
    if top is None or bottom is None or not bottom.value or top.value is None:
        return not_available(section, name, "a figure it needs is missing")
    value = top.value / bottom.value
    return Figure(section, name, round(value, 2), "x", f"<= {limit}x", value <= limit)


def run(args: argparse.Namespace) -> list[Figure]:
    tiny = args.tiny
    repeat = args.repeat or (3 if tiny else 30)
    rounds = args.rounds or (1 if tiny else 7)
    scratch = Path(tempfile.mkdtemp(prefix="crawl-bench-"))
    journals_dir = args.journals or scratch / "journals"
    figures: list[Figure] = []
    try:
        with xvfb(args.xvfb) as display:
            env = bench_env(scratch, display)
            wanted = set(args.only.split(",")) if args.only else None

            def want(number: int) -> bool:
                return wanted is None or str(number) in wanted

            log("writing the journals")
            sizes = TINY_SIZES if tiny else SIZES
            paths: dict[str, Path] = {}
            for size in ("2y", "5y", "stress"):
                if (journals_dir / size / "journal.sqlite3").exists():
                    paths[size] = journals_dir / size
                    continue
                started = time.perf_counter()
                paths[size] = make_journal(size, journals_dir, end=date.today(), tiny=tiny)
                figures.append(
                    Figure(
                        "Journals",
                        f"generate {size}: {sizes[size].what}",
                        round(time.perf_counter() - started, 2),
                        "s",
                    )
                )
            started = time.perf_counter()
            from journal_app.services.sample_journal import write_sample_journal

            write_sample_journal(scratch / "sample")
            seconds = time.perf_counter() - started
            figures.append(
                Figure(
                    "Journals",
                    "sample journal (6 months, day by day through save_day)",
                    round(seconds, 2),
                    "s",
                    "< 2 s",
                    seconds < 2,
                )
            )

            s1, s2, s3, s4, s5, s6 = SECTIONS
            if want(1) or want(5):
                log(f"start-up: {rounds} rounds of baseline, 2y, stress")
                launches = startup(
                    {"2y": paths["2y"], "stress": paths["stress"]}, rounds, not tiny, env
                )
                medians: dict[str, Figure | None] = {}
                for label, values in launches.times.items():
                    section = s5 if label == "stress" else s1
                    if not values:
                        why = launches.failure.get(label, "")
                        figures.append(not_available(section, f"start-up, {label}", why))
                        medians[label] = None
                        continue
                    what = "bare PySide6 QMainWindow" if label == "baseline" else f"app, {label}"
                    median = Figure(
                        section,
                        f"start-up, {what} (median of {len(values)})",
                        round(statistics.median(values), 3),
                        "s",
                        note=f"min {min(values):.3f} s, max {max(values):.3f} s"
                        + (
                            f"; the app's own probe: {statistics.median(own):.3f} s"
                            if (own := launches.reported.get(label))
                            else ""
                        ),
                    )
                    medians[label] = median
                    figures.append(median)
                figures.append(
                    ratio(
                        s1,
                        "start-up ratio, app 2y / baseline",
                        medians.get("2y"),
                        medians.get("baseline"),
                        3.0,
                    )
                )
                for label, heavy in launches.heavy.items():
                    figures.append(
                        Figure(
                            s1 if label == "2y" else s5,
                            f"heavy modules imported, {label}",
                            None,
                            "",
                            "none",
                            heavy == "-",
                            heavy,
                        )
                    )
                figures.append(
                    ratio(
                        s5,
                        "start-up ratio, stress / 2y",
                        medians.get("stress"),
                        medians.get("2y"),
                        1.5,
                    )
                )
            if want(2):
                figures += run_part("save", {"2y": paths["2y"]}, repeat, env, s2)
            chart_figures: list[Figure] = []
            if want(3) or want(5):
                chart_figures = run_part(
                    "charts",
                    {"5y": paths["5y"], "2y": paths["2y"], "stress": paths["stress"]},
                    max(2 if tiny else 5, repeat // 3),
                    env,
                    s3,
                )
                figures += [
                    f for f in chart_figures if ", 2y" not in f.name and "stress" not in f.name
                ]
            if want(4):
                figures += run_part("pdf", {"2y": paths["2y"]}, max(1, repeat // 10), env, s4)
            if want(5):
                figures += [
                    Figure(s5, f.name, f.value, f.unit, f.target, f.ok, f.note)
                    for f in chart_figures
                    if ", 2y" in f.name or "stress" in f.name
                ]
                figures.append(
                    ratio(
                        s5,
                        "chart redraw ratio, stress / 2y",
                        find(chart_figures, "full redraw, stress"),
                        find(chart_figures, "full redraw, 2y"),
                        1.5,
                    )
                )
                switch = run_part(
                    "switch", {"2y": paths["2y"], "stress": paths["stress"]}, repeat, env, s5
                )
                figures += switch
                figures.append(
                    ratio(
                        s5,
                        "day switching ratio, stress / 2y",
                        find(switch, "go to a day, stress"),
                        find(switch, "go to a day, 2y"),
                        1.5,
                    )
                )
                figures += run_part("portability", {"stress": paths["stress"]}, 1, env, s5)
            if want(6):
                figures += run_part("memory", {"2y": paths["2y"]}, 5, env, s6)
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    return figures


# -- reporting -----------------------------------------------------------------------------------


def _value(figure: Figure) -> str:
    if figure.value is None:
        return figure.note or "-"
    text = f"{figure.value:g} {figure.unit}".strip()
    return f"{text} ({figure.note})" if figure.note else text


def _met(figure: Figure) -> str:
    if figure.ok is None:
        return ""
    return "yes" if figure.ok else "**NO**"


def render(figures: list[Figure], command: str) -> str:
    lines = [
        BEGIN,
        "## Latest figures",
        "",
        f"Command: `{command}`  ",
        f"Run: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}  ",
        "",
    ]
    sections: dict[str, list[Figure]] = {}
    for figure in figures:
        sections.setdefault(figure.section, []).append(figure)
    order = ["Journals", *SECTIONS]
    for section in sorted(sections, key=lambda s: order.index(s) if s in order else 99):
        lines += [f"### {section}", "", "| figure | value | target | met |", "|---|---|---|---|"]
        for figure in sections[section]:
            row = (figure.name, _value(figure), figure.target, _met(figure))
            lines.append("| " + " | ".join(cell.replace("|", "/") for cell in row) + " |")
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def write_results(path: Path, block: str) -> None:
    """Replace the generated block of ``path``, keeping the hand-written text around it."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in text and END in text:
        head, _, rest = text.partition(BEGIN)
        _, _, tail = rest.partition(END)
        text = head + block + tail
    else:
        text = (text or "# Benchmark results\n\n") + block + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument(
        "--tiny", action="store_true", help="tiny journals, few repeats (smoke test)"
    )
    parser.add_argument("--only", metavar="1,2,...", help="only these sections (numbers)")
    parser.add_argument("--repeat", type=int, help="repeats per measured operation")
    parser.add_argument("--rounds", type=int, help="start-up launches of each kind")
    parser.add_argument("--journals", type=Path, help="folder of journals to use (or write) ")
    parser.add_argument("--xvfb", action="store_true", help="measure on an Xvfb X server")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    parser.add_argument("--results", type=Path, default=RESULTS, help="file to write")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    command = "python -m bench.run " + shlex.join(sys.argv[1:] if argv is None else argv)
    figures = run(args)
    block = render(figures, command.strip())
    print(block)
    if not args.no_write:
        write_results(args.results, block)
        log(f"written to {args.results}")
    missed = [f for f in figures if f.ok is False]
    if missed:
        log(f"{len(missed)} target(s) missed: " + "; ".join(f.name for f in missed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The in-process benchmarks, each run by ``bench.run`` in a fresh interpreter.

``python -m bench.parts PART --journal LABEL=DIR [--journal ...] [--repeat N]`` prints its
figures as one ``BENCH_JSON [...]`` line. A part whose code is not in the app yet reports
"not available yet" instead of failing. With ``BENCH_PROFILE=1`` in the environment the part
runs under cProfile and the 25 costliest calls go to stderr.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

RESULT_PREFIX = "BENCH_JSON "


@dataclass
class Figure:
    """One measured figure; ``value`` None with a ``note`` when it could not be measured."""

    section: str
    name: str
    value: float | None
    unit: str
    target: str = ""
    ok: bool | None = None
    note: str = ""


def not_available(section: str, name: str, why: str) -> Figure:
    return Figure(section, name, None, "", note=f"not available yet ({why})")


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed(work: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[float, Any]:
    """Seconds taken by ``work(*args, **kwargs)``, and its result."""
    started = time.perf_counter()
    result = work(*args, **kwargs)
    return time.perf_counter() - started, result


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def scratch_dir(prefix: str) -> str:
    """A new folder inside the runner's scratch folder (BENCH_SCRATCH), removed with it."""
    return tempfile.mkdtemp(prefix=prefix, dir=os.environ.get("BENCH_SCRATCH"))


def copy_journal(data_dir: Path) -> Path:
    """A private copy of a journal folder, for benchmarks that write."""
    target = Path(scratch_dir("crawl-bench-copy-")) / data_dir.name
    shutil.copytree(data_dir, target, ignore=shutil.ignore_patterns("*.lock", "backups"))
    return target


def open_journal_context(data_dir: Path) -> Any:
    from journal_app.paths import JournalPaths
    from journal_app.services.context import open_context

    return open_context(JournalPaths(data_dir), date.today)


def first_child(context: Any) -> Any:
    """The child with the longest journal."""
    children = context.journal.list_children()
    return max(children, key=lambda c: context.journal.count_days(c.id))


# -- saving a day -------------------------------------------------------------------------------


def part_save(journals: dict[str, Path], repeat: int) -> list[Figure]:
    section = "Saving a day"
    figures: list[Figure] = []
    for label, original in journals.items():
        context = open_journal_context(copy_journal(original))
        try:
            with context.engine.connect() as conn:
                synchronous = conn.exec_driver_sql("PRAGMA synchronous").scalar()
                journal_mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
            child = first_child(context)
            days = [row.day for row in context.journal.recent_days(child.id)]
            step = max(1, len(days) // repeat)
            picked = days[::step][:repeat]
            loads: list[float] = []
            saves: list[float] = []
            for day in picked:
                seconds, entry = timed(context.journal.load_day, child.id, day)
                loads.append(seconds)
                entry.tummy_minutes = (entry.tummy_minutes or 0) + 1
                entry.notes = entry.notes + " (edited)"
                seconds, _ = timed(context.journal.save_day, entry)
                saves.append(seconds)
        finally:
            context.close()
        sync_name = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}.get(
            synchronous, str(synchronous)
        )
        figures += [
            Figure(
                section,
                f"save_day median ({label}, {len(saves)} edits)",
                ms(median(saves)),
                "ms",
                "< 10 ms",
                median(saves) < 0.010,
            ),
            Figure(section, f"save_day p95 ({label})", ms(p95(saves)), "ms"),
            Figure(section, f"load_day median ({label})", ms(median(loads)), "ms"),
            Figure(
                section,
                "durability: PRAGMA synchronous / journal_mode",
                None,
                "",
                "FULL",
                sync_name == "FULL",
                f"{sync_name} / {journal_mode}",
            ),
        ]
    return figures


# -- charts -------------------------------------------------------------------------------------


def redraw(draw: Callable[..., None], figure: Any, canvas: Any, series: Any) -> None:
    """A full redraw, as the charts tab does when the period or child changes: the drawing
    function replaces what the figure held (its axes are dropped, not cleared first)."""
    draw(figure, series)
    canvas.draw()


def part_charts(journals: dict[str, Path], repeat: int) -> list[Figure]:
    section = "Movement chart"
    figures: list[Figure] = []
    import_seconds, _ = timed(__import__, "matplotlib.figure")
    draw_movement_chart: Callable[..., None] | None
    try:
        from journal_app.ui.charts.figures import draw_movement_chart
    except ImportError as exc:
        draw_movement_chart = None
        figures.append(not_available(section, "draw_movement_chart", str(exc)))
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure as MplFigure

    for label, data_dir in journals.items():
        context = open_journal_context(data_dir)
        try:
            child = first_child(context)
            start, end = context.charts.period(child.id, "all")
            years = (end - start).days / 365.25
            for bucket in (None, "day"):
                series = context.charts.movement_series(child.id, start, end, bucket=bucket)
                times = [
                    timed(context.charts.movement_series, child.id, start, end, bucket=bucket)[0]
                    for _ in range(repeat)
                ]
                # The target is for what the chart shows ("all": the default bucket); a series
                # per day over the same years is measured for comparison only.
                shown = bucket is None
                figures.append(
                    Figure(
                        section,
                        f"series, {label} ({years:.1f} years, per {series.bucket}), median",
                        ms(median(times)),
                        "ms",
                        "< 20 ms" if shown else "",
                        median(times) < 0.020 if shown else None,
                        "as the chart shows it" if shown else "per-day buckets, for comparison",
                    )
                )
            if draw_movement_chart is None:
                continue
            series = context.charts.movement_series(child.id, start, end)
            figure = MplFigure(figsize=(8, 4.5), dpi=100)
            canvas = FigureCanvasAgg(figure)
            first, _ = timed(redraw, draw_movement_chart, figure, canvas, series)
            times = [
                timed(redraw, draw_movement_chart, figure, canvas, series)[0] for _ in range(repeat)
            ]
            figures.append(
                Figure(
                    section,
                    f"full redraw, {label} (per {series.bucket}, 800x450 px), median",
                    ms(median(times)),
                    "ms",
                    "< 150 ms",
                    median(times) < 0.150,
                    f"first draw {ms(first)} ms",
                )
            )
        finally:
            context.close()
    figures.append(
        Figure(
            section,
            "import matplotlib.figure (once, when the charts open)",
            ms(import_seconds),
            "ms",
        )
    )
    return figures


# -- summary PDF --------------------------------------------------------------------------------


def part_pdf(journals: dict[str, Path], repeat: int) -> list[Figure]:
    section = "Doctor summary PDF"
    try:
        from journal_app.ui.printing.summary_pdf import write_summary_pdf
    except ImportError as exc:
        return [not_available(section, "write_summary_pdf", str(exc))]
    from journal_app.app import create_application
    from journal_app.domain.ages import add_months

    create_application()
    figures: list[Figure] = []
    for label, original in journals.items():
        context = open_journal_context(copy_journal(original))
        out = Path(scratch_dir("crawl-bench-pdf-"))
        try:
            child = first_child(context)
            end = context.today()
            start = add_months(end, -3) + timedelta(days=1)
            times = []
            for index in range(repeat + 1):
                path = out / f"summary-{index}.pdf"
                seconds, _ = timed(write_summary_pdf, context, child, start, end, path)
                times.append(seconds)
            size_kb = path.stat().st_size / 1024
        finally:
            context.close()
        cold, warm = times[0], times[1:]
        figures += [
            Figure(
                section,
                f"3 months of {label}, first in the process (matplotlib loaded on the way)",
                round(cold, 3),
                "s",
                "< 1.5 s",
                cold < 1.5,
            ),
            Figure(
                section,
                f"3 months of {label}, again (median of {len(warm)})",
                round(median(warm), 3),
                "s",
                "< 1.5 s",
                median(warm) < 1.5,
                f"{size_kb:.0f} KB",
            ),
        ]
    return figures


# -- the window ----------------------------------------------------------------------------------


def settle(app: Any, quiet_rounds: int = 8, limit: float = 15.0) -> None:
    """Let the event loop and the thread pool run until nothing happened for a few rounds."""
    from PySide6.QtCore import QThreadPool
    from PySide6.QtTest import QTest

    pool = QThreadPool.globalInstance()
    deadline = time.perf_counter() + limit
    quiet = 0
    while quiet < quiet_rounds and time.perf_counter() < deadline:
        busy = pool.activeThreadCount() > 0
        pool.waitForDone(20)
        QTest.qWait(10)
        app.processEvents()
        quiet = 0 if busy else quiet + 1


@contextmanager
def main_window(data_dir: Path) -> Iterator[Any]:
    from PySide6.QtTest import QTest

    from journal_app.app import create_application, create_main_window

    app = create_application()
    window = create_main_window(data_dir)
    window.show()
    QTest.qWaitForWindowExposed(window)
    settle(app)
    try:
        yield app, window
    finally:
        window.close()
        window.context.close()
        window.deleteLater()
        settle(app, quiet_rounds=2)


def _longest_gui_block(app: Any, action: Callable[[], object]) -> tuple[float, float]:
    """Run ``action`` and everything it starts (workers and their answers); return how long the
    action itself took and the longest time the GUI thread went without serving its event loop.

    A zero-interval timer beats whenever the event loop gets control; the longest gap between
    beats (the action included) is the longest freeze a user could have felt.
    """
    from PySide6.QtCore import QThreadPool, QTimer

    pool = QThreadPool.globalInstance()
    gaps: list[float] = []
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(beat)
    timer.start()
    app.processEvents()
    last[0] = started = time.perf_counter()
    action()
    took = time.perf_counter() - started
    quiet_until = time.perf_counter() + 0.3
    while time.perf_counter() < quiet_until or pool.activeThreadCount() > 0:
        app.processEvents()
        if pool.activeThreadCount() > 0:
            quiet_until = time.perf_counter() + 0.3
    timer.stop()
    return took, max(gaps, default=took)


def part_switch(journals: dict[str, Path], repeat: int) -> list[Figure]:
    section = "Switching days and children (GUI thread busy)"
    figures: list[Figure] = []
    for label, data_dir in journals.items():
        with main_window(data_dir) as (app, window):
            if not hasattr(window, "go_to_day"):
                return [not_available(section, "MainWindow.go_to_day", "no such method")]
            child = window.current_child
            days = [row.day for row in window.context.journal.recent_days(child.id)]
            step = max(1, len(days) // repeat)
            picked = days[::step][:repeat]
            switches = []
            for day in picked:
                started = time.perf_counter()
                window.go_to_day(day)
                app.processEvents()
                switches.append(time.perf_counter() - started)
            steps = []
            for _ in range(repeat):
                started = time.perf_counter()
                window.step_day(-1)
                app.processEvents()
                steps.append(time.perf_counter() - started)
            figures += [
                Figure(
                    section,
                    f"go to a day, {label}, median",
                    ms(median(switches)),
                    "ms",
                    "< 50 ms",
                    median(switches) < 0.050,
                    f"max {ms(max(switches))} ms",
                ),
                Figure(
                    section,
                    f"previous day, {label}, median",
                    ms(median(steps)),
                    "ms",
                    "< 50 ms",
                    median(steps) < 0.050,
                    f"max {ms(max(steps))} ms",
                ),
            ]
            children = window.context.journal.list_children()
            if len(children) > 1 and hasattr(window, "select_child"):
                synchronous, blocks = [], []
                for index in range(repeat):
                    other_id = children[(index + 1) % len(children)].id
                    took, longest = _longest_gui_block(
                        app, functools.partial(window.select_child, other_id)
                    )
                    synchronous.append(took)
                    blocks.append(longest)
                figures += [
                    Figure(
                        section,
                        f"switch child, {label}: select_child itself, median",
                        ms(median(synchronous)),
                        "ms",
                        "",
                        None,
                        f"max {ms(max(synchronous))} ms",
                    ),
                    Figure(
                        section,
                        f"switch child, {label}: longest GUI-thread block, median",
                        ms(median(blocks)),
                        "ms",
                        "< 50 ms",
                        median(blocks) < 0.050,
                        f"max {ms(max(blocks))} ms; the day, the first page of recent days, "
                        "then the tips from a worker",
                    ),
                ]
    return figures


def _vm_status() -> dict[str, float]:
    """VmHWM (peak) and VmRSS of this process in MB, from /proc."""
    values: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            values[key] = int(rest.split()[0]) / 1024
    return values


def _stand_in_charts(window: Any) -> None:
    """Both charts of the child on Qt canvases in the Charts tab, as the charts panel will show."""
    from matplotlib.backends import backend_qtagg
    from matplotlib.figure import Figure as MplFigure

    from journal_app.ui.charts.figures import draw_milestone_windows_chart, draw_movement_chart

    context, child = window.context, window.current_child
    start, end = context.charts.period(child.id, "all")
    drawings = (
        (draw_movement_chart, context.charts.movement_series(child.id, start, end)),
        (draw_milestone_windows_chart, context.charts.milestone_windows(child.id)),
    )
    for draw, data in drawings:
        figure = MplFigure(figsize=(8, 4.5))
        canvas_class: Any = backend_qtagg.FigureCanvasQTAgg
        canvas = canvas_class(figure)
        draw(figure, data)
        window.charts_holder.layout().addWidget(canvas)
        canvas.draw_idle()


def part_memory(journals: dict[str, Path], repeat: int) -> list[Figure]:
    section = "Peak memory"
    figures: list[Figure] = []
    for label, data_dir in journals.items():
        with main_window(data_dir) as (app, window):
            shown = _vm_status()
            tabs = getattr(window, "tabs", None)
            if tabs is None or tabs.count() < 2:
                return [not_available(section, "charts tab", "MainWindow.tabs missing")]
            tabs.setCurrentIndex(1)
            settle(app)
            stand_in = ""
            if getattr(window, "_charts_panel", None) is None:
                stand_in = " (stand-in charts)"
                figures.append(
                    Figure(
                        section,
                        "charts panel",
                        None,
                        "",
                        note="not available yet: measured with a stand-in, both charts drawn "
                        "by draw_movement_chart / draw_milestone_windows_chart on "
                        "FigureCanvasQTAgg in the Charts tab",
                    )
                )
                _stand_in_charts(window)
                settle(app)
            for _ in range(repeat):  # walk through a few days with the charts open
                window.step_day(-1)
                settle(app, quiet_rounds=2)
            after = _vm_status()
        figures += [
            Figure(section, f"window shown, {label} (RSS)", round(shown["VmRSS"], 1), "MB"),
            Figure(
                section,
                f"peak with {label} and charts open{stand_in} (VmHWM)",
                round(after["VmHWM"], 1),
                "MB",
                "< 250 MB",
                after["VmHWM"] < 250,
            ),
        ]
    return figures


# -- export and import --------------------------------------------------------------------------


def part_portability(journals: dict[str, Path], repeat: int) -> list[Figure]:
    section = "Export and import of the whole journal"
    try:
        from journal_app.services.portability import PortabilityService  # noqa: F401
    except ImportError as exc:
        return [not_available(section, "PortabilityService", str(exc))]
    figures: list[Figure] = []
    for label, data_dir in journals.items():
        source = open_journal_context(data_dir)
        out = Path(scratch_dir("crawl-bench-export-")) / "journal.json"
        empty_dir = Path(scratch_dir("crawl-bench-import-")) / "journal"
        target = open_journal_context(empty_dir)
        try:
            days = sum(source.journal.count_days(c.id) for c in source.journal.list_children())
            export_seconds, _ = timed(source.portability.export_json, out)
            import_seconds, _ = timed(target.portability.import_json, out)
            imported = sum(target.journal.count_days(c.id) for c in target.journal.list_children())
        finally:
            source.close()
            target.close()
        size_mb = out.stat().st_size / 2**20
        figures += [
            Figure(
                section,
                f"export_json, {label} ({days} days, {size_mb:.1f} MB)",
                round(export_seconds, 2),
                "s",
                "< 10 s",
                export_seconds < 10,
            ),
            Figure(
                section,
                f"import_json into an empty journal, {label}",
                round(import_seconds, 2),
                "s",
                "< 10 s",
                import_seconds < 10 and imported == days,
                f"{imported} of {days} days arrived",
            ),
        ]
    return figures


PARTS: dict[str, Callable[[dict[str, Path], int], list[Figure]]] = {
    "save": part_save,
    "charts": part_charts,
    "pdf": part_pdf,
    "switch": part_switch,
    "memory": part_memory,
    "portability": part_portability,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.parts")
    parser.add_argument("part", choices=sorted(PARTS))
    parser.add_argument("--journal", action="append", required=True, metavar="LABEL=DIR")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    journals = {}
    for item in args.journal:
        label, _, folder = item.partition("=")
        journals[label] = Path(folder)
    run = PARTS[args.part]
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        figures = profiler.runcall(run, journals, args.repeat)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
    else:
        figures = run(journals, args.repeat)
    print(RESULT_PREFIX + json.dumps([asdict(f) for f in figures]), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

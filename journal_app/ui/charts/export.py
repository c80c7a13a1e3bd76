"""A chart saved as an image file (PNG, SVG or PDF): private to the user, whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from matplotlib.figure import Figure

#: The formats a chart can be saved in, by file suffix.
IMAGE_FORMATS: dict[str, str] = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
#: Resolution of a saved PNG (dots per inch).
PNG_DPI = 200


def image_path(path: Path, chosen_format: str) -> Path:
    """``path`` with the suffix of ``chosen_format`` when it has none of the known ones."""
    if path.suffix.lower() in IMAGE_FORMATS:
        return path
    return path.with_name(path.name + "." + chosen_format)


def save_figure(figure: Figure, path: Path) -> None:
    """Write ``figure`` to ``path`` in the format its suffix names; the file is 0600 and appears
    whole (written beside it, then renamed). Raises OSError when the folder cannot be written."""
    file_format = IMAGE_FORMATS.get(path.suffix.lower(), "png")
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".partial", dir=path.parent
    )
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            figure.savefig(
                stream,
                format=file_format,
                dpi=PNG_DPI,
                facecolor=figure.get_facecolor(),
                metadata={"Creator": "Crawl Journal"} if file_format != "png" else None,
            )
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()

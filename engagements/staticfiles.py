"""Static files that come from installed packages rather than from ``static/``."""

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PLOTLY_DIR = Path(plotly.__file__).resolve().parent / "package_data"
PLOTLY_FILE = "plotly.min.js"
PLOTLY_PREFIX = "vendor/plotly"


class PlotlyFinder(BaseFinder):
    """Serve the plotly.js bundled with the plotly package as ``vendor/plotly/plotly.min.js``.

    Only that one file: the package's data folder also holds datasets and a
    notebook widget bundle that the dashboard never loads.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=PLOTLY_DIR)
        self.storage.prefix = PLOTLY_PREFIX

    def check(self, **kwargs) -> list:
        return []

    def find(self, path: str, find_all: bool = False, **kwargs):
        if path == f"{PLOTLY_PREFIX}/{PLOTLY_FILE}":
            match = str(PLOTLY_DIR / PLOTLY_FILE)
            return [match] if find_all else match
        return []

    def list(self, ignore_patterns):
        yield PLOTLY_FILE, self.storage

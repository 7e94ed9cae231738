#!/bin/sh
# The Python side of the benchmark: creates Benchmarks/.venv (once), installs the pinned numpy and
# Mesa from PyPI into it (requirements.txt), runs the NumPy and Mesa versions of the simple model
# and prints one JSON object on stdout (progress on stderr).
# Usage: Benchmarks/python/run.sh [--quick] [--repeats R]      (needs Python 3.11 or later)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
venv="$here/../.venv"
python=${PYTHON:-python3}
if [ ! -x "$venv/bin/python" ]; then
    "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Benchmarks/python needs Python 3.11 or later (numpy 2.3, Mesa 3.3)")'
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt" 1>&2
cd "$here"
exec "$venv/bin/python" bench.py "$@"

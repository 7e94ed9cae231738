#!/bin/sh
# Runs the whole benchmark in one go and writes Benchmarks/results/latest.{json,md}:
#   1. builds govsim-bench in release mode (native CPU flags unless --generic or --v3);
#   2. runs its suite: the full model at 10k/100k/1M residents on 1 and 2 threads, the floor
#      kernel, the simple model in Swift, linear growth, memory per resident (and with --city one
#      10M-resident trial);
#   3. runs the NumPy and Mesa versions of the simple model (Benchmarks/python/run.sh installs the
#      pinned numpy and Mesa from PyPI into Benchmarks/.venv);
#   4. combines them into one table: govsim ÷ NumPy, ÷ Mesa, ÷ floor, 2-thread scaling, bytes per
#      resident, against the aims.
# Usage: Benchmarks/run-all.sh [--quick] [--city] [--generic | --native | --v3] [--unchecked] [--repeats R]
# --v3 builds for x86-64-v3 (AVX2, FMA, BMI2). swiftc's `-target-cpu x86-64-v3` is refused by its
# clang importer ("unknown target CPU"), so the level is passed to it as a clang -march instead;
# Swift does not contract a*b+c into FMA, so results are bit-identical to the generic build.
# When run as root, the measurements run at nice -15 (BENCH_NICE overrides; 0 turns it off) so that
# other work on a shared machine disturbs them less.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
quick="" city="" variant=generic repeats=3
flags=""
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=--quick ;;
        --city) city=--city ;;
        --generic) flags="" variant=generic ;;
        --native) flags="-Xswiftc -target-cpu -Xswiftc native" variant=native ;;
        --v3) flags="-Xswiftc -Xcc -Xswiftc -march=x86-64-v3" variant=v3 ;;
        --unchecked) flags="$flags -Xswiftc -Ounchecked" variant="$variant-unchecked" ;;
        --repeats) repeats="$2"; shift ;;
        *) echo "usage: Benchmarks/run-all.sh [--quick] [--city] [--generic | --native | --v3] [--unchecked] [--repeats R]" >&2; exit 64 ;;
    esac
    shift
done
if [ -z "${BENCH_NICE:-}" ]; then
    if [ "$(id -u)" = 0 ]; then BENCH_NICE=-15; else BENCH_NICE=0; fi
fi
run() { if [ "$BENCH_NICE" != 0 ]; then nice -n "$BENCH_NICE" "$@"; else "$@"; fi; }

mkdir -p results
echo "building govsim-bench (swift build -c release $flags)" >&2
# shellcheck disable=SC2086
swift build -c release --scratch-path ".build/$variant" $flags >&2
bin=".build/$variant/release/govsim-bench"

echo "running the Swift suite (nice $BENCH_NICE)" >&2
# shellcheck disable=SC2086
run "$bin" --suite $quick $city --repeats "$repeats" --flags "swift build -c release $flags" \
    --json results/swift.json > results/swift.md
echo "running the Python side" >&2
# shellcheck disable=SC2086
run python/run.sh $quick --repeats "$repeats" > results/python.json
.venv/bin/python python/combine.py results/swift.json results/python.json \
    --json results/latest.json --md results/latest.md --nice "$BENCH_NICE"
cat results/latest.md

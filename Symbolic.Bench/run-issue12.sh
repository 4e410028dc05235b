#!/usr/bin/env bash
# Runs the benchmarks issue 12 needs, with the job each table of docs/benchmarks.md was recorded with
# (BenchmarkDotNet's default job; DenseMlpBaselineBenchmark brings its own two jobs):
#   - the new classes of Symbolic.Bench/OnePipeline (section 9 of docs/benchmarks.md), and
#   - every existing class whose ratios docs/benchmarks.md (and docs/packaging.md, section 8) records, so the
#     "no recorded ratio worse by more than 5 %" check can be made.
# Everything runs in one BenchmarkDotNet invocation on a clean export of HEAD (git archive), so no uncommitted
# change is measured. Results: $OUT/src/Symbolic.Bench/BenchmarkDotNet.Artifacts/results/*-report-github.md.
#
# Usage (from anywhere in the repository):
#   Symbolic.Bench/run-issue12.sh                 # all of the above, default job (estimate: 1-1.5 h on the 2-core machine)
#   Symbolic.Bench/run-issue12.sh --new           # only OnePipeline (estimate: 15-25 min)
#   Symbolic.Bench/run-issue12.sh --tiering-off   # also the DOTNET_TieredCompilation=0 cross-check of sections 4 and 5 (short job, +15 min)
#   Symbolic.Bench/run-issue12.sh --baseline REV  # OnePipeline against the library of REV (e.g. the commit before the issue):
#                                                 # the library of REV, the benchmarks of HEAD (they use public API only)
#   Symbolic.Bench/run-issue12.sh --new -- --job dry --inProcess   # arguments after -- go to BenchmarkDotNet (a quick check of the harness)
# Environment: OUT (default /tmp/symbolic-issue12-bench).
set -euo pipefail
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 MSBUILDTERMINALLOGGER=off

repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
out=${OUT:-/tmp/symbolic-issue12-bench}
only_new=false tiering_off=false baseline=""
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --) shift; extra=("$@"); break ;;
    --new) only_new=true ;;
    --tiering-off) tiering_off=true ;;
    --baseline) baseline=$2; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

rm -rf "$out" && mkdir -p "$out/src"
git -C "$repo" archive HEAD | tar -x -C "$out/src"
if [ -n "$baseline" ]; then
  # The old library under the new benchmarks: only the classes of OnePipeline are meaningful (and built) then.
  rm -rf "$out/src/Symbolic"
  git -C "$repo" archive "$baseline" Symbolic | tar -x -C "$out/src"
  only_new=true
fi
echo "HEAD $(git -C "$repo" rev-parse --short HEAD)${baseline:+, library of $baseline}; results in $out/src/Symbolic.Bench/BenchmarkDotNet.Artifacts/results"

cd "$out/src"
dotnet build Symbolic.Bench -c Release
run() { dotnet run -c Release --no-build --project Symbolic.Bench -- --buildTimeout 1200 "$@" ${extra[@]+"${extra[@]}"}; }

if $only_new; then
  run --filter 'Symbolic.Bench.OnePipeline.*'
else
  # The recorded sections: 1-3 (Derivatives, Patterns, Compilation), 5 (Backpropagation), 6 (Linq), 7 (Kernels),
  # 8 (Interpretation), and 9 (OnePipeline, new).
  run --filter 'Symbolic.Bench.*'
fi

if $tiering_off; then
  # Section 4 and the cross-check of section 5: tiering off for the benchmark processes, short job.
  DOTNET_TieredCompilation=0 run --filter 'Symbolic.Bench.Derivatives.*' 'Symbolic.Bench.Patterns.*' 'Symbolic.Bench.Compilation.*' \
    'Symbolic.Bench.Backpropagation.*' --job short --envVars DOTNET_TieredCompilation:0
fi

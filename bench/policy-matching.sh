#!/usr/bin/env bash
# Policy matching for one enterprise against 50,000 policies (issue 4, "Performance"). Writes bench/results/policy-matching.md.
#   bash bench/policy-matching.sh [POLICIES]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet build bench/policy-matching/Qifu.Bench.PolicyMatching.csproj -c Release --artifacts-path bench/artifacts -v q --nologo -clp:ErrorsOnly
mkdir -p bench/results
dotnet bench/artifacts/bin/Qifu.Bench.PolicyMatching/release/Qifu.Bench.PolicyMatching.dll "${1:-50000}" | tee bench/results/policy-matching.md

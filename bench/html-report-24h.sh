#!/usr/bin/env bash
# Measures how long a 24-hour soak's result (86,400 one-second points per timeline) takes to become an HTML
# report, and how big the report is; the target is under 5 s and under 10 MB. The synthetic result and the
# measurement live in HtmlReportSoakTests, which also opens the report in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
project=tests/Stampede.Reports.Tests/Stampede.Reports.Tests.csproj
dotnet build "$project" -c Release -nologo -v q >&2
dotnet test --project "$project" -c Release --no-build -- --filter-class "*HtmlReportSoakTests" >&2
cat tests/Stampede.Reports.Tests/bin/Release/net10.0/TestResults/html-soak/measurement.txt
echo "report: tests/Stampede.Reports.Tests/bin/Release/net10.0/TestResults/html-soak/report-24h.html"

#!/usr/bin/env bash
# Builds (Release) and runs the speed benchmark; arguments are passed on (see README.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
exec dotnet run -c Release --project "$here/NotebookCourse.Bench.csproj" -- "$@"

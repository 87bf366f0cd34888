#!/usr/bin/env bash
# Writes the screenshots of the web console's screens (docs/console/*.png) that the README shows: runs the console's
# browser tests with CONSOLE_SCREENSHOTS=1, and every test that calls page.ScreenshotAsync(name) saves its screen after
# using it (tests/KuaSheng.Console.Tests/ScreenHelpers.cs). Needs chromium and fonts-noto-cjk (ops/test.sh installs both).
# Usage: ops/console-screenshots.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~ScreenTests]
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs/console
CONSOLE_SCREENSHOTS=1 dotnet test tests/KuaSheng.Console.Tests "$@"
ls -l docs/console/*.png

#!/usr/bin/env bash
# Writes the screenshots of the web console's screens (docs/console/*.png) that the README shows: runs the console's
# browser tests with both switches of the two ways tests take them — CONSOLE_SCREENSHOTS=1 (a test calls
# page.ScreenshotAsync(name) after using its screen: ScreenHelpers.cs) and KUASHENG_CONSOLE_SCREENSHOTS=<folder> (the
# end-to-end flow takes one as it passes each screen). Needs chromium and fonts-noto-cjk (ops/test.sh installs both).
# Usage: ops/console-screenshots.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~ScreenTests]
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs/console
export CONSOLE_SCREENSHOTS=1 KUASHENG_CONSOLE_SCREENSHOTS="$PWD/docs/console"
dotnet test tests/KuaSheng.Console.Tests "$@"
ls -l docs/console/*.png

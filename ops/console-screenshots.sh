#!/usr/bin/env bash
# Screenshots of the web console's screens into docs/console/*.png: runs the console's end-to-end browser test, which
# takes them as it passes each screen (Debian's chromium; a Chinese font such as fonts-noto-cjk for readable pages).
# Usage: ops/console-screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export KUASHENG_CONSOLE_SCREENSHOTS="$PWD/docs/console"
exec dotnet test tests/KuaSheng.Console.Tests --filter "FullyQualifiedName~CaseFlowTests|FullyQualifiedName~ScreenTests"

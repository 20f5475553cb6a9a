#!/usr/bin/env bash
# Refresh the JavaScript library that `papergraph report` inlines into its page.
#
# Takes Cytoscape.js from the npm registry (its built, minified file and its
# licence) into pipeline/report_assets/. The report page is viewed offline, so
# the library ships with the package rather than being fetched from a CDN.
#
#   scripts/update_report_assets.sh            # the latest release
#   scripts/update_report_assets.sh 3.35.0     # a given version
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:-$(npm view cytoscape version)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "cytoscape@$version" >/dev/null && tar -xzf "cytoscape-$version.tgz")
dest=pipeline/report_assets
install -m 0644 "$work/package/dist/cytoscape.min.js" "$dest/cytoscape.min.js"
install -m 0644 "$work/package/LICENSE" "$dest/cytoscape.LICENSE"
echo "$version" > "$dest/cytoscape.VERSION"
echo "cytoscape $version -> $dest/cytoscape.min.js"

#!/usr/bin/env bash
# CI: the README's quick start on a fresh clone with no ../shared, as a new user has it. Clones the committed HEAD
# into a new temporary folder (nothing beside it, FACECODEC_SHARED unset), runs the two commands verbatim, and checks
# the output video: ffprobe's frame count is the built-in track's, and face-api finds a face in it.
# The one shortcut: setup links this checkout's node_modules (FACECODEC_NODE_MODULES) instead of a second `npm ci`,
# which would download everything again (about 1 min 46 s and the network); apt-get still runs as a user's would.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
git clone -q "$repo" "$tmp/facecodec"
cd "$tmp/facecodec"
# Exactly the checkout's committed HEAD (a CI checkout may be detached or on another branch than the clone's default).
git checkout -q --detach "$(git -C "$repo" rev-parse HEAD)"
[ ! -e ../shared ] || { echo "fresh-clone check: $tmp/shared exists" >&2; exit 1; }
unset FACECODEC_SHARED
start=$SECONDS
export FACECODEC_NODE_MODULES="$repo/node_modules"
# The README's quick start, verbatim.
bash -c 'bash scripts/setup.sh && npx facecodec roundtrip' > roundtrip.json 2> roundtrip.err || { cat roundtrip.err >&2; exit 1; }
grep -q 'using the built-in sample' roundtrip.err || { echo "fresh-clone check: the roundtrip did not say it used the built-in sample" >&2; exit 1; }
frames=$(node -e "console.log(require('./assets/sample/talking-track.json').frameCount)")
echo "fresh clone $(git rev-parse --short HEAD): setup + roundtrip in $((SECONDS - start)) s"
npx tsx scripts/check-output-video.ts out/roundtrip.mp4 --frames "$frames"

#!/usr/bin/env bash
# Provisions the peers of bench/data-path: Knative's Go queue-proxy, built from its
# Go module, and the wrk load generator from Debian. Idempotent and cached: a second
# run finds both and does nothing. Prints the queue binary's path on stdout.
set -euo pipefail

KNATIVE_SERVING_VERSION="${KNATIVE_SERVING_VERSION:-v0.50.0}"
CACHE_DIR="${KNOT_CACHE_DIR:-$HOME/.cache/knot}"
BIN_DIR="$CACHE_DIR/bin"
QUEUE_BIN="$BIN_DIR/knative-queue-$KNATIVE_SERVING_VERSION"

log() { echo "provision: $*" >&2; }

if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk from Debian"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get install -y wrk >&2 || { $SUDO apt-get update >&2 && $SUDO apt-get install -y wrk >&2; }
fi

if [ ! -x "$QUEUE_BIN" ]; then
  command -v go >/dev/null 2>&1 || { log "go is not installed; Go 1.25 or newer is needed to build knative.dev/serving/cmd/queue@$KNATIVE_SERVING_VERSION (Debian 12's golang-go, 1.19, is too old)"; exit 1; }
  log "building knative.dev/serving/cmd/queue@$KNATIVE_SERVING_VERSION with $(go version)"
  mkdir -p "$BIN_DIR"
  build_dir="$(mktemp -d)"
  trap 'rm -rf "$build_dir"' EXIT
  # go install writes the binary as "queue"; build into a scratch GOBIN and move it
  # under a versioned name so two versions can sit side by side in the cache.
  GOBIN="$build_dir" GOFLAGS=-mod=mod go install "knative.dev/serving/cmd/queue@$KNATIVE_SERVING_VERSION" >&2
  mv "$build_dir/queue" "$QUEUE_BIN"
fi

echo "$QUEUE_BIN"

#!/bin/sh
# Random-kill soak, run by hand (not in CI): 1,000 kill -9s of the real binary at random moments,
# many within 5 ms of a key, each followed by a check of the data folder (see tests/soak.rs).
#   tools/soak.sh [KILLS] [SEED]
# Ends with one summary line ("soak: N kills ..."); docs/reliability.md records the last run.
set -eu
cd "$(dirname "$0")/.."
SOAK_KILLS="${1:-1000}" SOAK_SEED="${2:-24301}" \
    cargo test --release --test soak -- --nocapture

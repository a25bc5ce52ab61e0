#!/usr/bin/env bash
# docker-compose on docker-compose.yml + docker-compose.local.yml, for a machine without a registry:
#
#   export DOCKER_HOST=unix:///run/lwf-docker/docker.sock   # your engine
#   deploy/local/base-image.sh                               # once: the Debian base image
#   deploy/local/compose.sh up -d --build
#
# Any docker-compose arguments work (ps, logs, up --scale worker-game=2, down -v). It merges the two files
# with `docker-compose config` and drops `ports` from the merged services, the one change it makes:
# every container of the override is on the host network, where the engine ignores published ports, but
# docker-compose 1.29 refuses `ports` with network_mode host, and a v1 override cannot remove list
# entries (compose v2 has `!reset`). Project name: $COMPOSE_PROJECT_NAME, default lwf-local.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
export COMPOSE_PROJECT_NAME=${COMPOSE_PROJECT_NAME:-lwf-local}
# The build argument BASE_IMAGE: the newest image deploy/local/base-image.sh made, unless given.
if [ -z "${LWF_BASE_IMAGE:-}" ]; then
  LWF_BASE_IMAGE=$(/usr/bin/docker image ls --format '{{.Repository}}:{{.Tag}}' lwf-base 2>/dev/null | head -n 1 || true)
  export LWF_BASE_IMAGE=${LWF_BASE_IMAGE:-lwf-base:bookworm}
fi
# The build context of the application images; empty until the publish step (docs/deployment.md).
mkdir -p "$root/artifacts/compose"
# The merged file holds the interpolated secrets: a private folder, removed on exit.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
docker-compose -f "$root/docker-compose.yml" -f "$root/docker-compose.local.yml" config >"$tmp/merged.yml"
/usr/bin/python3 - "$tmp/merged.yml" "$tmp/compose.yml" <<'PY'
import sys, yaml
config = yaml.safe_load(open(sys.argv[1]))
for name, service in config["services"].items():
    if service.get("network_mode") != "host":
        sys.exit(f"service {name} is not on the host network; docker-compose.local.yml puts every service there")
    service.pop("ports", None)
yaml.safe_dump(config, open(sys.argv[2], "w"), sort_keys=False)
PY
docker-compose -f "$tmp/compose.yml" --project-directory "$root" "$@"

#!/usr/bin/env bash
# Makes the Debian bookworm base image of docker-compose.local.yml without a registry: debootstrap a
# minimal root filesystem, configure it, `docker import` it. Prints the image's name on stdout.
#
#   DOCKER_HOST=unix:///path/to/docker.sock deploy/local/base-image.sh [cache-dir]
#
# The image is named lwf-base:bookworm-<hash of this script>, so a change here makes a new one. The root
# filesystem tarball is kept in the cache folder (default /var/cache/lwf-docker), outside any clone: a
# fresh clone, or an engine with an empty data root, imports it again in seconds instead of running
# debootstrap (a few minutes). Needs root (debootstrap, chroot) and Debian's debootstrap package.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${1:-/var/cache/lwf-docker}
mirror=${LWF_DEBIAN_MIRROR:-http://deb.debian.org/debian}
hash=$(sha256sum "$here/base-image.sh" | cut -c1-12)
image="lwf-base:bookworm-$hash"
tarball="$cache/base-bookworm-$hash.tar"
log() { printf '[base-image] %s\n' "$*" >&2; }

if docker image inspect "$image" >/dev/null 2>&1; then
  log "$image is already in the engine"
  echo "$image"; exit 0
fi

mkdir -p "$cache"
if [ ! -s "$tarball" ]; then
  root="$cache/rootfs-$hash.tmp"
  rm -rf "$root"
  log "debootstrap bookworm into $root"
  # curl: the health checks; ca-certificates, libicu72, libssl3, tzdata: what .NET needs at run time.
  debootstrap --variant=minbase --include=ca-certificates,curl,libicu72,libssl3,tzdata \
    bookworm "$root" "$mirror" >&2
  # Security and point-release updates for the packages the service images install on top.
  cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
  # No service starts inside a build; no recommended packages; no package documentation.
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod 755 "$root/usr/sbin/policy-rc.d"
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$root/etc/apt/apt.conf.d/90lwf"
  printf 'path-exclude /usr/share/doc/*\npath-exclude /usr/share/man/*\npath-exclude /usr/share/locale/*\n' \
    >"$root/etc/dpkg/dpkg.cfg.d/90lwf"
  # The non-root user of the application images, with the uid/gid of the official .NET images.
  chroot "$root" groupadd --gid 1654 app
  chroot "$root" useradd --uid 1654 --gid 1654 --no-create-home --home-dir /app --shell /usr/sbin/nologin app
  chroot "$root" apt-get clean
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/usr/share/doc/* "$root"/usr/share/man/*
  tar -C "$root" --numeric-owner -cf "$tarball.tmp" .
  mv "$tarball.tmp" "$tarball"
  rm -rf "$root"
fi

log "importing $tarball as $image"
docker import "$tarball" "$image" >/dev/null
echo "$image"

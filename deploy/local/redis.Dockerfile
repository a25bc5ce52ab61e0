# Local Redis image for docker-compose.local.yml: Debian's redis-server on the Debian base image (the
# production file uses redis:8-alpine).
ARG BASE_IMAGE=lwf-base:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends redis-server \
    && rm -rf /var/lib/apt/lists/* \
    && install -d -o redis -g redis /data
WORKDIR /data
USER redis
CMD ["redis-server", "--dir", "/data"]

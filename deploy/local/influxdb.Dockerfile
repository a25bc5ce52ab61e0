# Local InfluxDB 1.x image for docker-compose.local.yml: Debian's influxdb on the Debian base image (the
# production file uses influxdb:1.11). Ports and options come from INFLUXDB_* variables.
ARG BASE_IMAGE=lwf-base:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends influxdb \
    && rm -rf /var/lib/apt/lists/* \
    && install -d -o influxdb -g influxdb /var/lib/influxdb
USER influxdb
CMD ["influxd", "-config", "/etc/influxdb/influxdb.conf"]

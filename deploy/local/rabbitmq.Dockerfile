# Local RabbitMQ image for docker-compose.local.yml: Debian's rabbitmq-server with the management
# plugin, on the Debian base image (the production file uses rabbitmq:4-management).
ARG BASE_IMAGE=lwf-base:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends rabbitmq-server \
    && rm -rf /var/lib/apt/lists/* \
    && rabbitmq-plugins --offline enable rabbitmq_management \
    && printf '%s\n' 'management.tcp.ip = 127.0.0.1' 'management.tcp.port = 15673' \
        > /etc/rabbitmq/rabbitmq.conf \
    && install -d -o rabbitmq -g rabbitmq /var/lib/rabbitmq /var/log/rabbitmq
# Logs to stdout, as the official image does.
ENV RABBITMQ_LOGS=- \
    HOME=/var/lib/rabbitmq
USER rabbitmq
CMD ["/usr/lib/rabbitmq/bin/rabbitmq-server"]

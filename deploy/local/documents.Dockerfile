# Stand-in for MongoDB in docker-compose.local.yml (MongoDB is not in Debian and no image can be pulled
# here): the workers keep their documents in one SQLite file on the shared `documents` volume. This
# container only gives that volume its owner (the app user) and stays up, healthy while /documents (the volume) is writable.
ARG BASE_IMAGE=lwf-base:bookworm
FROM ${BASE_IMAGE}
RUN install -d -o app -g app /documents
USER 1654
CMD ["sleep", "infinity"]

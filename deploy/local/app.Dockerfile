# Local image of one .NET process (gateway, realtime or the workers host) for docker-compose.local.yml:
# the self-contained `dotnet publish` output (artifacts/compose/<APP>/, made by .ci/compose-smoke or by
# hand, see docs/deployment.md) on the Debian base image, since no .NET image can be pulled here. The
# production images are deploy/gateway.Dockerfile, realtime.Dockerfile and workers.Dockerfile.
# Build context: artifacts/compose.
ARG BASE_IMAGE=lwf-base:bookworm
FROM ${BASE_IMAGE}
# The project name, which is also the folder of its publish output and the name of its executable.
ARG APP
COPY --chown=0:0 ${APP}/ /app/
# The workers' shared SQLite volume is mounted at /data: a fresh named volume takes this folder's owner.
RUN ln -s /app/${APP} /usr/local/bin/lwf-app && install -d -o app -g app /data
WORKDIR /app
ENV Serilog__Json=true \
    DOTNET_gcServer=0
# The same non-root user id as the official .NET images (APP_UID 1654), made in the base image.
USER 1654
ENTRYPOINT ["/usr/local/bin/lwf-app"]

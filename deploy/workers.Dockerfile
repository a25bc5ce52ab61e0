# Image of the workers host (modules chosen by Workers__Enabled).
# Build from the repository root: docker build -f deploy/workers.Dockerfile .

# Project files only, so the restore layer below stays cached until a .csproj changes.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS projects
WORKDIR /src
COPY src/ src/
RUN find src -type f ! -name '*.csproj' ! -name '*.props' ! -name '*.targets' -delete

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY --from=projects /src/src/ src/
RUN dotnet restore src/Workers/LlamaWoolFarm.Workers.Host/LlamaWoolFarm.Workers.Host.csproj
COPY src/ src/
RUN dotnet publish src/Workers/LlamaWoolFarm.Workers.Host/LlamaWoolFarm.Workers.Host.csproj -c Release -o /app --no-restore /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl for the container healthcheck (GET /health/ready).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# Runs with a read-only root filesystem (compose read_only, Kubernetes readOnlyRootFilesystem): the only
# writable place is a tmpfs /tmp, where the data folder goes (nothing durable in Storage:Mode=Server).
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Serilog__Json=true \
    Storage__DataPath=/tmp/lwf
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
    CMD curl -fsS http://localhost:8080/health/ready || exit 1
# The non-root 'app' user of the .NET images.
USER $APP_UID
ENTRYPOINT ["dotnet", "LlamaWoolFarm.Workers.Host.dll"]

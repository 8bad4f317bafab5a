# syntax=docker/dockerfile:1
# Warden in a container: built with Bun, run as the single binary on distroless (glibc and
# libgcc, which Bun's runtime and the libSQL addon need; no shell, no package manager, no curl).
#   docker build -t warden .        docker compose up -d        (see README, "Install")
# The build is for the platform Docker builds on (linux/amd64 or linux/arm64): bun install picks
# that architecture's libSQL package and scripts/build.ts compiles for the host.

ARG BUN_VERSION=1.4.5

FROM oven/bun:${BUN_VERSION} AS build
WORKDIR /src
COPY package.json bun.lock ./
# The postinstall step (scripts/vendor.ts) needs the sources; build.ts runs it anyway.
RUN bun install --frozen-lockfile --ignore-scripts
COPY . .
# dist/warden only: `bun run build` would also cross-compile the other architecture's release file.
RUN bun scripts/build.ts && ./dist/warden --version && mkdir -p /out/data

FROM gcr.io/distroless/cc-debian12:nonroot AS runtime
COPY --from=build /src/dist/warden /usr/local/bin/warden
# The volume's mount point, owned by the nonroot user (65532) so a new named volume is too.
COPY --from=build --chown=65532:65532 /out/data /data
ENV WARDEN_DATADIR=/data \
    WARDEN_SERVER_HOST=0.0.0.0 \
    WARDEN_SERVER_PORT=8000
USER 65532:65532
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8000
# `warden health` asks this container's server for /readyz (same env, so same port and TLS).
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["/usr/local/bin/warden", "health"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/warden"]
CMD ["serve"]

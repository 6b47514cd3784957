# syntax=docker/dockerfile:1
# The production image of the content API; docs/operations.md says how to build, run and
# update it, and compose.yaml is the reference deployment (two replicas, Redis, nginx).
#
# Base images are meant to be pinned by digest, so that a rebuild starts from the same
# bytes. This project's machines cannot reach an image registry, so no digest could be
# looked up (and none is made up): until one is filled in, the tags below are used.
# Where Docker runs, pin them (docs/operations.md):
#   docker buildx imagetools inspect python:3.11-slim-bookworm   # prints "Digest: sha256:..."
#   docker buildx imagetools inspect node:20-bookworm-slim
# and append each digest to its line (python:3.11-slim-bookworm@sha256:...), or pass
# --build-arg PYTHON_IMAGE=... Update them the same way, on purpose, when the base should move.
ARG PYTHON_IMAGE=python:3.11-slim-bookworm
ARG NODE_IMAGE=node:20-bookworm-slim

# GraphiQL's files, from the npm registry by the committed lock file.
FROM ${NODE_IMAGE} AS graphiql
WORKDIR /graphiql
COPY api/transport/graphiql_assets/package.json api/transport/graphiql_assets/package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund

# The virtualenv: the locked dependencies (each file's hash checked), then the package.
FROM ${PYTHON_IMAGE} AS builder
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
COPY requirements.lock /tmp/requirements.lock
RUN /opt/venv/bin/pip install --require-hashes --no-deps -r /tmp/requirements.lock
WORKDIR /src
COPY pyproject.toml README.md ./
COPY api ./api
COPY --from=graphiql /graphiql/node_modules ./api/transport/graphiql_assets/node_modules
# Every dependency came from the lock file; compiled here, since nothing may be written
# once the image runs. pip itself is not needed at run time.
RUN /opt/venv/bin/pip install --no-deps . \
    && /opt/venv/bin/python -m compileall -q /opt/venv \
    && /opt/venv/bin/pip uninstall --yes pip

# What runs: the virtualenv, the content, its index. Nothing else of the sources.
FROM ${PYTHON_IMAGE}
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PORT=8000 \
    CONTENT_API_CONTENT_DIR=/srv/app/content \
    CONTENT_API_LOCALES_DIR=/srv/app/locales \
    CONTENT_API_INDEX_DIR=/srv/app/search_index \
    CONTENT_API_BUILD_INDEX=false \
    CONTENT_API_WATCH=false
RUN useradd --system --user-group --no-create-home --home-dir /nonexistent --uid 10001 app
COPY --from=builder /opt/venv /opt/venv
# Owned by root and not writable by the user: the server only reads them.
COPY content /srv/app/content
COPY locales /srv/app/locales
# The index and the validated snapshot, made at build time (a build fails on bad
# content), so that a container starts warm and writes nothing: `--read-only` works.
RUN content-api index --root /srv/app && chmod -R a+rX,go-w /srv/app
USER app
WORKDIR /srv/app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request; url = 'http://127.0.0.1:' + os.environ.get('PORT', '8000') + '/healthz'; sys.exit(urllib.request.urlopen(url, timeout=2).status != 200)"]
# Set CONTENT_API_PUBLIC_URL to the public site. With --workers N, give the container a
# writable /tmp (--tmpfs /tmp) for the workers' metrics.
CMD ["sh", "-c", "exec content-api serve --host 0.0.0.0 --port \"$PORT\""]

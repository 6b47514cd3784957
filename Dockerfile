# The clinic content API: GraphQL over the shipped content, search index built in.
# Same steps as `make run`: install the package, `content-api index`, `content-api serve`.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --system --create-home --home-dir /srv/app --uid 10001 app
WORKDIR /srv/app

# The package (with its data files: search synonyms). Content comes after, so a
# content-only change reuses this layer.
COPY pyproject.toml README.md ./
COPY api ./api
RUN pip install .

COPY --chown=app:app content ./content
COPY --chown=app:app locales ./locales
RUN mkdir search_index && chown app:app search_index

USER app
# Built at image build time, so a container serves at once (and fails to build on bad content).
RUN content-api index

ENV CONTENT_API_CONTENT_DIR=/srv/app/content \
    CONTENT_API_LOCALES_DIR=/srv/app/locales \
    CONTENT_API_INDEX_DIR=/srv/app/search_index \
    # The index is part of the image: never write to it at runtime.
    CONTENT_API_BUILD_INDEX=false

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"]

# Set CONTENT_API_PUBLIC_URL to the public site; scale with more containers (or --workers).
CMD ["content-api", "serve", "--host", "0.0.0.0", "--port", "8000"]

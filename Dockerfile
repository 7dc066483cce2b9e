# syntax=docker/dockerfile:1
# The Brain's production image (docs/deployment.md).
#
#   docker build -t brain .
#   docker run -p 8000:8000 -e BRAIN_SECRET_KEY=... -e BRAIN_DATABASE_URL=... brain
#   docker run --no-healthcheck -e ... brain brain worker    # the arq worker (serves no HTTP)
#
# Default command: apply migrations, then serve with BRAIN_WORKERS uvicorn processes.

# -- builder: a virtualenv with the Brain and its dependencies ---------------------------------
FROM python:3.11-slim AS builder

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /src

# Dependencies first, read from pyproject.toml, so editing the code does not reinstall them.
COPY pyproject.toml README.md ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install --upgrade pip \
    && pip install -r /tmp/requirements.txt

# The Brain itself, as a regular (non-editable) install into the virtualenv.
COPY brain ./brain
RUN pip install --no-deps .

# -- runtime: the virtualenv, the migrations, a non-root user ----------------------------------
FROM python:3.11-slim AS runtime

# PROMETHEUS_MULTIPROC_DIR: one scrape of /metrics sees every uvicorn worker
# (docs/deployment.md).
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    BRAIN_ENV=production \
    BRAIN_HOST=0.0.0.0 \
    BRAIN_PORT=8000 \
    BRAIN_WORKERS=2 \
    PROMETHEUS_MULTIPROC_DIR=/tmp/brain-metrics

RUN groupadd --system --gid 10001 brain \
    && useradd --system --uid 10001 --gid brain --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin brain

COPY --from=builder /opt/venv /opt/venv

# `brain migrate` reads alembic.ini from the working directory.
WORKDIR /app
COPY alembic.ini ./
COPY migrations ./migrations
# var/ is BRAIN_DATA_DIR (and the SQLite default); the metrics directory must exist and be
# writable before the first metric is touched.
RUN mkdir -p /app/var "$PROMETHEUS_MULTIPROC_DIR" \
    && chown brain:brain /app/var "$PROMETHEUS_MULTIPROC_DIR"

USER 10001:10001

EXPOSE 8000

# Liveness only: a database outage must not get the container killed; /api/health (readiness)
# is for the load balancer. No curl in the slim image, so Python does the request.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/api/health/live' % os.environ.get('BRAIN_PORT', '8000'), timeout=4)" || exit 1

# Stale metric files from a previous run would be summed with the new processes' values, so
# the directory is emptied before serving. `exec` makes uvicorn PID 1, so it gets SIGTERM.
CMD ["sh", "-c", "brain migrate && if [ -n \"$PROMETHEUS_MULTIPROC_DIR\" ]; then rm -rf \"$PROMETHEUS_MULTIPROC_DIR\"/* && mkdir -p \"$PROMETHEUS_MULTIPROC_DIR\"; fi && exec brain serve --host 0.0.0.0 --workers \"${BRAIN_WORKERS}\""]

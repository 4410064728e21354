# The kflow app for docker-compose.yml: the project installed with uv from uv.lock (no dev tools).
FROM python:3.11-slim

RUN pip install --no-cache-dir uv==0.13.8
WORKDIR /app
ENV UV_PROJECT_ENVIRONMENT=/app/.venv UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy PATH=/app/.venv/bin:$PATH

# Dependencies first, so code changes do not reinstall them.
COPY pyproject.toml uv.lock ./
RUN uv sync --locked --no-dev --no-install-project

COPY README.md ./
COPY graph ./graph
COPY loaders ./loaders
COPY dashboards ./dashboards
COPY kflow ./kflow
COPY seeds ./seeds
RUN uv sync --locked --no-dev

RUN useradd --create-home kflow
USER kflow
EXPOSE 8501
CMD ["kflow", "serve", "--host", "0.0.0.0", "--port", "8501"]

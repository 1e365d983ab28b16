# The portal image: the same code runs the web processes and the Celery workers.
FROM node:20-bookworm-slim AS assets
WORKDIR /src/portal/assets
COPY portal/assets/package.json portal/assets/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY portal/assets/ ./
RUN npm run build

FROM python:3.11-slim-bookworm
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY pyproject.toml ./
COPY casework/ casework/
COPY portal/ portal/
COPY backoffice/ backoffice/
COPY notifications/ notifications/
COPY templates/ templates/
RUN pip install --no-cache-dir .
COPY --from=assets /src/portal/static/ portal/static/
RUN useradd --system portal
USER portal
EXPOSE 8000
CMD ["gunicorn", "portal.app:create_app()", "--worker-class", "uvicorn.workers.UvicornWorker", "--bind", "0.0.0.0:8000"]

"""The API clients generated from the OpenAPI schema, and their generator."""

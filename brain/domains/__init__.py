"""The twelve domain packages, one per public API area (`/api/buz` -> `buz/`)."""

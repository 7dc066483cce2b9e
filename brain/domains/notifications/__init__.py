"""Notifications: for now the email channel only (templates, idempotent sending, delivery with
retries). In-app inbox, push and preferences arrive with the notifications issue."""

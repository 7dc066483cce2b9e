"""Realtime: authenticated WebSocket channels over the core broadcast (docs/api/websocket.md)."""

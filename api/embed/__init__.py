"""Embedding: the web-component widget, server-rendered embed pages, and oEmbed."""

from api.embed.routes import embed_routes

__all__ = ["embed_routes"]

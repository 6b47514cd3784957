"""What a running service serves: the services of one content version, and their live
replacement when the content changes."""

from api.serving.live import ContentStatus, LiveServices, watch_content
from api.serving.services import Services, prepare_content

__all__ = ["ContentStatus", "LiveServices", "Services", "prepare_content", "watch_content"]

from . import wo_correspondence_archive
from . import wo_correspondence_registry

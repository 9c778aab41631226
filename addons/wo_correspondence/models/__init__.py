from . import wo_correspondence_kind
from . import wo_correspondence_journal
from . import wo_correspondence
from . import wo_correspondence_resolution
from . import res_company
from . import res_partner
from . import wo_task
from . import wo_setup_step

from . import wo_contact_kind
from . import wo_contact_thread
from . import wo_contact_entry
from . import wo_resource
from . import wo_event_kind
from . import calendar_event
from . import res_partner

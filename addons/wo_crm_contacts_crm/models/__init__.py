from . import wo_contact_thread
from . import crm_lead

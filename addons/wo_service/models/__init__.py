from . import wo_service_procedure
from . import wo_service_client
from . import wo_service_run
from . import document_page
from . import wo_service_knowledge
from . import wo_task
from . import res_partner

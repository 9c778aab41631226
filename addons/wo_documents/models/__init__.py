from . import wo_document_type
from . import wo_document
from . import wo_document_approval
from . import wo_document_custody
from . import wo_signing_certificate
from . import wo_task
from . import res_partner
from . import wo_setup_step

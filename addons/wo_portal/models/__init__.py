from . import res_company
from . import wo_correspondence
from . import wo_document
from . import wo_document_approval
from . import wo_document_type
from . import wo_portal_send

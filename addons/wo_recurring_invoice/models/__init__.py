from . import wo_document_type
from . import wo_document
from . import wo_document_invoice_line
from . import contract_contract
from . import res_partner

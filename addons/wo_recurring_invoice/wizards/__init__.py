from . import wo_document_invoice_copy

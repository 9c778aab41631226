from . import wo_document_decide

from . import test_documents
from . import test_approval
from . import test_registration_concurrency
from . import test_access
from . import test_performance
from . import test_signature
from . import test_approval_concurrency
from . import test_ui

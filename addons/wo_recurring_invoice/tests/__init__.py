from . import test_recurring_invoice
from . import test_copy
from . import test_access
from . import test_performance
from . import test_ui
from . import test_issue_dates

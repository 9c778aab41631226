from . import test_access
from . import test_concurrency
from . import test_mail_in
from . import test_performance
from . import test_registration
from . import test_reports
from . import test_resolution
from . import test_ui

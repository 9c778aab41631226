from . import test_engine
from . import test_access
from . import test_bad_input
from . import test_cron
from . import test_performance
from . import test_records
from . import test_screens
from . import test_ui

from . import test_journal
from . import test_events
from . import test_bookings_concurrency
from . import test_birthday
from . import test_access
from . import test_performance
from . import test_ui

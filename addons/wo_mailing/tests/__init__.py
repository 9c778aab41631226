from . import test_sending
from . import test_recipients
from . import test_access
from . import test_performance
from . import test_ui

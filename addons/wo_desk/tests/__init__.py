from . import test_desk
from . import test_execution
from . import test_glance
from . import test_ui

from . import test_desk
from . import test_ui

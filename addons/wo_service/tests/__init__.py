from . import test_generation
from . import test_bad_input
from . import test_concurrency
from . import test_ui
from . import test_knowledge

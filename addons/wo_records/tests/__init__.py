from . import test_plan
from . import test_filing
from . import test_closing
from . import test_acts
from . import test_act_concurrency
from . import test_familiarisation
from . import test_ui

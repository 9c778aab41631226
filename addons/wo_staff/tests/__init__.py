from . import test_acting_for
from . import test_department
from . import test_substitution
from . import test_private_data
from . import test_role_guard
from . import test_hr_behaviour
from . import test_translations
from . import test_ui

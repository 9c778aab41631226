from . import test_send
from . import test_counterparty
from . import test_portal_http
from . import test_tours

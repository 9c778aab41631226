from . import test_crm_bridge

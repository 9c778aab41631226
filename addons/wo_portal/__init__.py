# uninstalling: the rows of WO's tables go before the XML id data they refer to
from odoo.addons.wo_staff import uninstall_hook

from . import controllers
from . import models

from . import res_partner
from . import res_users
from . import wo_desk
from . import wo_desk_digest
from . import wo_desk_execution

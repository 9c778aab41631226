from . import wo_mailing_kind
from . import mailing_mailing
from . import mail_mail
from . import res_partner
from . import res_config_settings

from . import mail_compose_message
from . import wo_mailing_import
from . import wo_mailing_recipients_copy

from . import mailing_mailing
from . import wo_correspondence

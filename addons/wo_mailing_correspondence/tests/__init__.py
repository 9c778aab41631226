from . import test_mailing_letter

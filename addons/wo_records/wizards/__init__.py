from . import wo_records_case_close
from . import wo_records_familiarise

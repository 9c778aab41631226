from . import wo_task_report
from . import wo_task_refuse
from . import wo_task_return
from . import wo_task_reassign

from . import wo_desk

from .batches import process_in_batches
from .trusted import TRUSTED, trusted
from .xlsx import xlsx_table

from .batches import process_in_batches

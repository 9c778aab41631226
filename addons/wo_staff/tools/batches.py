def process_in_batches(model, domain, handle, batch_size=500):
    """The crons of WO: handle the records matching ``domain``, a batch at a
    time, each batch committed with ``ir.cron._commit_progress`` (so a long
    run resumes after a crash, redoing only the batch it was in).

    ``handle(records)`` must take each record out of ``domain`` (a state, a
    date, a flag), which is what makes the cron idempotent. E-mails go to the
    queue (the mail cron sends them), not inline.
    """
    model = model.with_context(mail_notify_force_send=False)
    cron = model.env["ir.cron"]
    while True:
        records = model.search(domain, limit=batch_size, order="id")
        if not records:
            return
        handle(records)
        if not cron._commit_progress(len(records), remaining=model.search_count(domain)):
            return

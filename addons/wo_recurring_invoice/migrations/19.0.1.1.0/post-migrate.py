from odoo import SUPERUSER_ID, api

from odoo.addons.wo_staff.tools import TRUSTED


def migrate(cr, version):
    """Documents completed or terminated before 19.0.1.1.0: their contracts
    ran on until their lines' end. They now say when invoicing stopped (the
    end their contract was given then); a contract with nothing left to
    invoice is archived, as a stop archives it now."""
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    contracts = (
        env["contract.contract"]
        .with_context(active_test=False)
        .search(
            [
                ("wo_document_id.state", "in", ("completed", "terminated")),
                ("wo_document_id.date_invoice_stop", "=", False),
            ]
        )
    )
    for contract in contracts:
        if contract.date_end:
            contract.wo_document_id.with_context(wo_document_flow=TRUSTED).write(
                {"date_invoice_stop": contract.date_end}
            )
        if contract.active and not contract.recurring_next_date:
            contract.active = False

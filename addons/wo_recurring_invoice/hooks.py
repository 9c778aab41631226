from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG


def wo_before_emptying(env):
    """Uninstalling, before WO's tables are emptied: the addon's demo documents
    go with it, so first the OCA contracts they started and those contracts'
    draft invoices, which refer to the demo counterparties and services and
    would keep them from being deleted. Contracts of other documents are the
    company's accounting and stay, plain OCA contracts."""
    env = env(context=dict(env.context, **{MODULE_UNINSTALL_FLAG: True}))
    demo_documents = env["ir.model.data"].search(
        [("module", "=", "wo_recurring_invoice"), ("model", "=", "wo.document")]
    )
    contracts = (
        env["contract.contract"]
        .with_context(active_test=False)
        .search([("wo_document_id", "in", demo_documents.mapped("res_id"))])
    )
    invoices = (
        env["account.move.line"]
        .search([("contract_line_id", "in", contracts.contract_line_ids.ids)])
        .move_id
    )
    invoices.filtered(lambda move: move.state == "draft").unlink()
    contracts.unlink()

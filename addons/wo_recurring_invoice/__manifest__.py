{
    "name": "WO Recurring Invoices",
    "summary": "Recurring invoice templates on contract documents, invoiced by OCA contract",
    "version": "19.0.1.0.0",
    "category": "WO",
    "website": "https://github.com/wo-odoo/wo",
    "author": "WO Team",
    "license": "AGPL-3",
    "depends": ["wo_documents", "contract"],
    "data": [
        "security/ir.model.access.csv",
        "security/wo_recurring_invoice_rules.xml",
        "views/wo_document_type_views.xml",
        "views/wo_document_views.xml",
        "views/contract_contract_views.xml",
        "wizards/wo_document_invoice_copy_views.xml",
    ],
    "demo": ["demo/wo_recurring_invoice_demo.xml"],
    "uninstall_hook": "uninstall_hook",
    "assets": {
        "web.assets_tests": ["wo_recurring_invoice/static/tests/tours/**/*"],
    },
}

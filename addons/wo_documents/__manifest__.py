{
    "name": "WO Documents",
    "summary": "Contracts and other documents: registration, approval routes, signed and "
    "returned states, paper originals",
    "version": "19.0.1.2.0",
    "category": "WO",
    "website": "https://github.com/wo-odoo/wo",
    "author": "WO Team",
    "license": "LGPL-3",
    "application": True,
    "external_dependencies": {"python": ["pyhanko"]},
    "depends": ["wo_tasks"],
    "data": [
        "security/wo_documents_groups.xml",
        "security/ir.model.access.csv",
        "security/wo_documents_rules.xml",
        "data/wo_document_data.xml",
        "views/wo_document_views.xml",
        "views/wo_document_type_views.xml",
        "views/res_partner_views.xml",
        "report/wo_document_reports.xml",
        "data/wo_setup_data.xml",
        "views/wo_documents_menus.xml",
    ],
    "demo": ["demo/wo_document_demo.xml"],
    "assets": {
        "web.assets_tests": ["wo_documents/static/tests/tours/**/*"],
    },
}

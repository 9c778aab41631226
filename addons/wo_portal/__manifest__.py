{
    "name": "WO Portal",
    "summary": "Documents and letters exchanged with counterparties over the Internet: "
    "review, approve, sign (qualified PDF or simple signature), return, send letters",
    "version": "19.0.1.0.0",
    "category": "WO",
    "website": "https://github.com/wo-odoo/wo",
    "author": "WO Team",
    "license": "LGPL-3",
    "depends": ["wo_documents", "wo_correspondence", "portal"],
    "data": [
        "security/ir.model.access.csv",
        "security/wo_portal_rules.xml",
        "data/wo_portal_data.xml",
        "views/wo_portal_send_views.xml",
        "views/wo_document_views.xml",
        "views/wo_document_type_views.xml",
        "views/res_company_views.xml",
        "views/wo_portal_templates.xml",
        "report/wo_portal_reports.xml",
    ],
    "demo": ["demo/wo_portal_demo.xml"],
    "assets": {
        "web.assets_tests": ["wo_portal/static/tests/tours/**/*"],
    },
    "uninstall_hook": "uninstall_hook",
}

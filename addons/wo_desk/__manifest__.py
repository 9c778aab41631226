{
    "name": "WO Desk",
    "summary": "Each user's work of the day on one screen, for a desktop and a phone",
    "version": "19.0.1.0.0",
    "category": "WO",
    "website": "https://github.com/wo-odoo/wo",
    "author": "WO Team",
    "license": "LGPL-3",
    "depends": ["wo_tasks", "wo_documents", "wo_correspondence", "wo_crm_contacts"],
    "data": [
        "security/ir.model.access.csv",
        "security/wo_desk_rules.xml",
        "data/wo_desk_data.xml",
        "views/wo_desk_execution_views.xml",
        "views/res_partner_views.xml",
        "report/wo_desk_execution_reports.xml",
        "views/wo_desk_menus.xml",
    ],
    "assets": {
        "web.assets_backend": ["wo_desk/static/src/**/*"],
        "web.assets_tests": ["wo_desk/static/tests/tours/**/*"],
    },
    "uninstall_hook": "uninstall_hook",
}

{
    "name": "WO Service",
    "summary": "Client-service procedures generated once per period as WO assignments, "
    "and the knowledge base that answers clients' recurring questions",
    "version": "19.0.1.1.0",
    "category": "WO",
    "website": "https://github.com/wo-odoo/wo",
    "author": "WO Team",
    "license": "AGPL-3",
    "depends": ["wo_tasks", "wo_crm_contacts", "document_page"],
    "data": [
        "security/wo_service_groups.xml",
        "security/ir.model.access.csv",
        "security/wo_service_rules.xml",
        "data/wo_service_data.xml",
        "views/wo_service_procedure_views.xml",
        "views/wo_service_client_views.xml",
        "views/wo_service_run_views.xml",
        "views/res_partner_views.xml",
        "views/document_page_views.xml",
        "views/wo_service_menus.xml",
    ],
    "demo": ["demo/wo_service_demo.xml"],
    "assets": {
        "web.assets_tests": ["wo_service/static/tests/tours/**/*"],
    },
    "uninstall_hook": "uninstall_hook",
}

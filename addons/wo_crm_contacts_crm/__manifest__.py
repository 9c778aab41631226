{
    "name": "WO Contacts - CRM",
    "summary": "Link contact threads to CRM opportunities",
    "version": "19.0.1.0.0",
    "category": "WO",
    "website": "https://github.com/wo-odoo/wo",
    "author": "WO Team",
    "license": "LGPL-3",
    "depends": ["wo_crm_contacts", "crm"],
    "auto_install": True,
    "data": ["views/wo_contact_thread_views.xml"],
    "uninstall_hook": "uninstall_hook",
}

{
    "name": "WO Mailing",
    "summary": "Mailings to counterparties on Odoo's mass mailing: priority, mailbox, kind, "
    "recipients by group, single or imported, personal text",
    "version": "19.0.1.0.0",
    "category": "WO",
    "website": "https://github.com/wo-odoo/wo",
    "author": "WO Team",
    "license": "LGPL-3",
    "application": True,
    "depends": ["wo_staff", "mass_mailing"],
    "data": [
        "security/wo_mailing_groups.xml",
        "security/ir.model.access.csv",
        "security/wo_mailing_rules.xml",
        "data/wo_mailing_data.xml",
        "views/mailing_mailing_views.xml",
        "views/wo_mailing_kind_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/wo_mailing_import_views.xml",
        "wizards/wo_mailing_recipients_copy_views.xml",
        "views/wo_mailing_menus.xml",
    ],
    "demo": ["demo/wo_mailing_demo.xml"],
    "assets": {
        "web.assets_tests": ["wo_mailing/static/tests/tours/**/*"],
    },
}

{
    "name": "WO Mailing Correspondence",
    "summary": "A sent mailing registered as one outgoing letter in the correspondence registry",
    "version": "19.0.1.0.0",
    "category": "WO",
    "website": "https://github.com/wo-odoo/wo",
    "author": "WO Team",
    "license": "LGPL-3",
    "auto_install": True,
    "depends": ["wo_mailing", "wo_correspondence"],
    "data": [
        "views/mailing_mailing_views.xml",
        "views/wo_correspondence_views.xml",
    ],
    "uninstall_hook": "uninstall_hook",
}

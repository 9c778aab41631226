{
    "name": "WO Staff",
    "summary": "Staff, departments with heads and deputies, substitutions and "
    "the WO security design",
    "version": "19.0.1.0.0",
    "category": "WO",
    "website": "https://github.com/wo-odoo/wo",
    "author": "WO Team",
    "license": "LGPL-3",
    "application": True,
    "depends": ["hr", "mail"],
    "data": [
        "security/wo_staff_groups.xml",
        "security/ir.model.access.csv",
        "security/wo_staff_rules.xml",
        "data/wo_employee_status_data.xml",
        "views/wo_substitution_views.xml",
        "views/hr_department_views.xml",
        "views/hr_employee_views.xml",
        "views/res_users_views.xml",
        "views/wo_employee_status_views.xml",
        "views/wo_menus.xml",
    ],
    "demo": ["demo/wo_staff_demo.xml"],
    "assets": {
        "web.assets_backend": ["wo_staff/static/src/**/*"],
        "web.assets_tests": [
            "wo_staff/static/tests/tours/**/*",
            "wo_staff/static/tests/walk/**/*",
        ],
    },
}

import { registry } from "@web/core/registry";

/**
 * An employee names a substitute for the coming days, sees it current, then
 * ends it at once.
 */
registry.category("web_tour.tours").add("wo_staff_substitution_tour", {
    url: "/odoo/action-wo_staff.wo_substitution_action_my",
    steps: () => [
        {
            content: "Create a substitution",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name the substitute",
            trigger: ".o_field_widget[name=substitute_id] input",
            run: "edit Oleh",
        },
        {
            trigger: '.ui-autocomplete a.dropdown-item:contains("Oleh Outsider")',
            run: "click",
        },
        {
            content: "Until the end of 2099",
            trigger: ".o_field_widget[name=date_to] input",
            run: "edit 12/31/2099",
        },
        {
            content: "A business trip",
            trigger: ".o_field_widget[name=reason] input",
            run: "click",
        },
        {
            trigger: '.o_select_menu_menu .o_select_menu_item:contains("Business trip")',
            run: "click",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "It is in force today",
            trigger: '.o_statusbar_status button[aria-checked="true"]:contains("Current")',
        },
        {
            content: "End it now",
            trigger: 'button[name="action_end"]',
            run: "click",
        },
        {
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Not started before today: archived at once",
            trigger: ".ribbon span:contains(Archived)",
        },
    ],
});

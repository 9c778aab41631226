import { registry } from "@web/core/registry";

/** From a contact person's form: log a call, with its result and next date. */
registry.category("web_tour.tours").add("wo_crm_contacts_log_call_tour", {
    steps: () => [
        {
            content: "The contact journal of the counterparty",
            trigger: 'a[name="wo_contacts"]',
            run: "click",
        },
        {
            trigger: 'button[name="action_wo_log_contact"]',
            run: "click",
        },
        {
            content: "What the call was about",
            trigger: ".modal .o_field_widget[name=subject] input",
            run: "edit Asked for the 2027 price list",
        },
        {
            trigger: ".modal .o_field_widget[name=result] textarea",
            run: "edit Price list by Friday.",
        },
        {
            trigger: ".modal-footer button:contains(Log)",
            run: "click",
        },
        {
            content: "Logged: it shows among the last contacts",
            trigger: '.o_field_widget[name=wo_last_contact_ids] .o_data_row:contains("Asked for the 2027 price list")',
        },
    ],
});

import { registry } from "@web/core/registry";

/** The author drafts a memo and sends it for approval. */
registry.category("web_tour.tours").add("wo_documents_send_tour", {
    steps: () => [
        {
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "An internal memo",
            trigger: ".o_field_widget[name=type_id] input",
            run: "edit Internal memo",
        },
        {
            trigger: '.ui-autocomplete a.dropdown-item:contains("Internal memo")',
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=subject] input",
            run: "edit Rules for company cars",
        },
        {
            content: "Send it along its route (it is registered on the way)",
            trigger: 'button[name="action_send_for_approval"]',
            run: "click",
        },
        {
            trigger: '.o_statusbar_status button[aria-checked="true"]:contains("On approval")',
        },
        {
            trigger: '.o_field_widget[name=name]:contains("MEMO-")',
        },
    ],
});

/** The head of the author's department approves it with a remark. */
registry.category("web_tour.tours").add("wo_documents_decide_tour", {
    steps: () => [
        {
            trigger: 'button[name="action_open_decide"]',
            run: "click",
        },
        {
            trigger: '.modal .o_field_widget[name=decision] input[data-value="remarks"]',
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=remarks] textarea",
            run: "edit Mention the fuel cards.",
        },
        {
            trigger: '.modal button[name="action_confirm"]',
            run: "click",
        },
        {
            content: "Approved",
            trigger: '.o_statusbar_status button[aria-checked="true"]:contains("Approved")',
        },
    ],
});

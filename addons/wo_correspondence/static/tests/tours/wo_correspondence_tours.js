import { registry } from "@web/core/registry";

/** The registry office registers an incoming claim and notifies the head. */
registry.category("web_tour.tours").add("wo_correspondence_register_tour", {
    steps: () => [
        {
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=subject] input",
            run: "edit Claim on the broken pallets of lot 77",
        },
        {
            content: "The sender",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Acme Supplies",
        },
        {
            trigger: '.ui-autocomplete a.dropdown-item:contains("Acme Supplies")',
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=sender_number] input",
            run: "edit 118/3",
        },
        {
            trigger: ".o_field_widget[name=recipient_user_id] input",
            run: "edit Hanna Head",
        },
        {
            trigger: '.ui-autocomplete a.dropdown-item:contains("Hanna Head")',
            run: "click",
        },
        {
            content: "Who must know",
            trigger: 'a[name="notify"]',
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=notify_user_ids] input",
            run: "edit Denys Deputy",
        },
        {
            trigger: '.ui-autocomplete a.dropdown-item:contains("Denys Deputy")',
            run: "click",
        },
        {
            trigger: 'button[name="action_register"]',
            run: "click",
        },
        {
            trigger: '.o_statusbar_status button[aria-checked="true"]:contains("Registered")',
        },
        {
            trigger: '.o_field_widget[name=name]:contains("TIN-")',
        },
    ],
});

/** The head writes a resolution: it becomes an assignment, the letter goes on control. */
registry.category("web_tour.tours").add("wo_correspondence_resolution_tour", {
    steps: () => [
        {
            trigger: 'button[name="action_issue_resolution"]',
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=text] textarea",
            run: "edit Prepare an answer by Friday",
        },
        {
            trigger: ".modal .o_field_widget[name=responsible_id] input",
            run: "edit Emil Employee",
        },
        {
            trigger: '.ui-autocomplete a.dropdown-item:contains("Emil Employee")',
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=date_deadline] input",
            run: "edit 12/31/2099",
        },
        {
            trigger: ".modal .modal-footer button:contains(Issue)",
            run: "click",
        },
        {
            content: "On control",
            trigger: '.o_statusbar_status button[aria-checked="true"]:contains("On control")',
        },
    ],
});

import { registry } from "@web/core/registry";

/** The registry office files a registered letter into a case of the plan. */
registry.category("web_tour.tours").add("wo_records_file_letter_tour", {
    steps: () => [
        {
            trigger: ".o_field_widget[name=records_case_id] input",
            run: "edit 02-07",
        },
        {
            trigger: '.ui-autocomplete a.dropdown-item:contains("02-07")',
            run: "click",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
    ],
});

/** The archivist closes a case of the file plan and downloads its inventory. */
registry.category("web_tour.tours").add("wo_records_close_case_tour", {
    steps: () => [
        {
            content: "Open the case of the letters",
            trigger: '.o_data_row td[name="index"]:contains("02-07"), .o_kanban_record:contains("02-07")',
            run: "click",
        },
        {
            trigger: '.o_form_view button[name="action_close"]',
            run: "click",
        },
        {
            content: "Confirm: nothing is filed into it after this",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            trigger: '.o_statusbar_status button.o_arrow_button_current:contains("Closed")',
        },
        {
            content: "Its inventory can be printed now",
            trigger: '.o_form_view button[name="action_print_inventory"]',
        },
    ],
});

/** An employee confirms reading what was sent to them (desktop or phone). */
registry.category("web_tour.tours").add("wo_records_confirm_read_tour", {
    steps: () => [
        {
            trigger: '.o_data_row:contains("Supply of polymer film") button[name="action_confirm_read"], .o_kanban_record:contains("Supply of polymer film") button[name="action_confirm_read"]',
            run: "click",
        },
        {
            content: "Read: nothing is left to confirm",
            trigger: '.o_view_nocontent, .o_data_row td[name="date_read"]:not(:empty), .o_kanban_record:contains("Supply of polymer film"):not(:has(button[name="action_confirm_read"]))',
        },
    ],
});

import { registry } from "@web/core/registry";

/** The head gives an assignment to two executors, in order, and assigns it. */
registry.category("web_tour.tours").add("wo_tasks_give_tour", {
    steps: () => [
        {
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "What is to be done",
            trigger: ".o_field_widget[name=subject] input",
            run: "edit Check the lease contract",
        },
        {
            content: "First executor",
            trigger: ".o_field_widget[name=executor_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=executor_ids] .o_data_row .o_field_widget[name=user_id] input",
            run: "edit Emil",
        },
        {
            trigger: '.ui-autocomplete a.dropdown-item:contains("Emil Employee")',
            run: "click",
        },
        {
            content: "Second executor",
            trigger: ".o_field_widget[name=executor_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name=executor_ids] .o_data_row:eq(1) .o_field_widget[name=user_id] input",
            run: "edit Alla",
        },
        {
            trigger: '.ui-autocomplete a.dropdown-item:contains("Alla Accountant")',
            run: "click",
        },
        {
            content: "Assign it (saves first)",
            trigger: 'button[name="action_assign"]',
            run: "click",
        },
        {
            trigger: '.o_statusbar_status button[aria-checked="true"]:contains("Assigned")',
        },
        {
            content: "The first executor's turn",
            trigger: '.o_field_widget[name=executor_ids] .o_data_row:eq(0):contains("Active")',
        },
        {
            trigger: '.o_field_widget[name=executor_ids] .o_data_row:eq(1):contains("Waiting")',
        },
    ],
});

/** The first executor reports from their incoming assignments. */
registry.category("web_tour.tours").add("wo_tasks_report_tour", {
    steps: () => [
        {
            content: "My incoming assignment",
            trigger: '.o_data_row:contains("Check the lease contract") .o_data_cell[name=subject]',
            run: "click",
        },
        {
            trigger: 'button[name="action_open_report"]',
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=result] textarea",
            run: "edit Clause 7 must change.",
        },
        {
            trigger: '.modal button[name="action_confirm"]',
            run: "click",
        },
        {
            content: "Reported; the next executor's turn",
            trigger: '.o_field_widget[name=executor_ids] .o_data_row:eq(0):contains("Reported")',
        },
        {
            trigger: '.o_field_widget[name=executor_ids] .o_data_row:eq(1):contains("Active")',
        },
    ],
});

import { registry } from "@web/core/registry";

/** The department form shows the deputies, and its chart head and deputies. */
registry.category("web_tour.tours").add("wo_staff_department_tour", {
    steps: () => [
        {
            content: "The deputies list, in order",
            trigger: '.o_field_widget[name=wo_deputy_ids] .o_data_row:first:contains("Denys Deputy")',
        },
        {
            trigger: '.o_field_widget[name=wo_deputy_ids] .o_data_row:last:contains("Dora Deputy")',
        },
        {
            content: "The chart names the head",
            trigger: '.o_hr_department_chart .o_wo_department_head:contains("Hanna Head")',
        },
        {
            content: "and the deputies",
            trigger:
                '.o_hr_department_chart .o_wo_department_deputies:contains("Denys Deputy, Dora Deputy")',
        },
    ],
});

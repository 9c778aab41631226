import { registry } from "@web/core/registry";

/** The employee's desk: the assignment in "My turn" opens its form. */
registry.category("web_tour.tours").add("wo_desk_tour", {
    steps: () => [
        {
            content: "Today's call is on the desk",
            trigger: '.o_wo_desk_contacts .o_wo_desk_item:contains("Call about the price list")',
        },
        {
            content: "The letter to read",
            trigger: '.o_wo_desk_to_read .o_wo_desk_item:contains("New price list")',
        },
        {
            content: "My turn: the assignment opens",
            trigger: '.o_wo_desk_my_turn .o_wo_desk_item:contains("Prepare the annual report")',
            run: "click",
        },
        {
            content: "its form",
            trigger: '.o_form_view .o_field_widget[name=subject]:contains("Prepare the annual report"), .o_form_view .o_field_widget[name=subject] input',
        },
    ],
});

import { registry } from "@web/core/registry";

/** On a draft mailing: the recipient count, then the personal text previewed for one recipient. */
registry.category("web_tour.tours").add("wo_mailing_preview_tour", {
    steps: () => [
        {
            content: "The number of recipients is shown before sending",
            trigger: '.o_field_widget[name=total]:contains("2")',
        },
        {
            content: "The personal text",
            trigger: 'a[name="wo_personal_text"]',
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=wo_preview_partner_id] input",
            run: "edit Ann Smith",
        },
        {
            trigger: '.o-autocomplete--dropdown-item:contains("Ann Smith")',
            run: "click",
        },
        {
            content: "The subject as Ann will receive it",
            trigger: '.o_field_widget[name=wo_preview_subject]:contains("Ms. Ann Smith of Acme Supplies: price list")',
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

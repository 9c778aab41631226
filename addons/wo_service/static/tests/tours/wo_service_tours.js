import { registry } from "@web/core/registry";

/** A manager applies a procedure to a client and generates its period. */
registry.category("web_tour.tours").add("wo_service_apply_tour", {
    steps: () => [
        {
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=procedure_id] input",
            run: "edit Tour bookkeeping",
        },
        {
            trigger: '.ui-autocomplete a.dropdown-item:contains("Tour bookkeeping")',
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Tour Client",
        },
        {
            trigger: '.ui-autocomplete a.dropdown-item:contains("Tour Client Ltd")',
            run: "click",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: 'button[name="action_generate_now"]',
            run: "click",
        },
        {
            content: "The period's assignments",
            trigger: 'a[name="runs"]',
            run: "click",
        },
        {
            trigger: '.o_field_widget[name=run_ids] .o_data_row:contains("Collect Tour Client Ltd")',
        },
    ],
});

/** The executor reports the first step; the next one starts. */
registry.category("web_tour.tours").add("wo_service_report_tour", {
    steps: () => [
        {
            trigger: '.o_data_row:contains("Collect Tour Client Ltd") .o_data_cell[name=subject]',
            run: "click",
        },
        {
            trigger: 'button[name="action_open_report"]',
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=result] textarea",
            run: "edit All papers are here.",
        },
        {
            trigger: '.modal button[name="action_confirm"]',
            run: "click",
        },
        {
            trigger: '.o_field_widget[name=executor_ids] .o_data_row:eq(0):contains("Reported")',
        },
    ],
});

/** On a contact entry, the Knowledge tab suggests the page of its kind; it
 * is sent to the counterparty, and a new question becomes a draft page. */
registry.category("web_tour.tours").add("wo_service_knowledge_tour", {
    steps: () => [
        {
            trigger: 'a[name="wo_knowledge"]',
            run: "click",
        },
        {
            content: "The page of the call's kind is suggested",
            trigger: '.o_field_widget[name=wo_knowledge_page_ids] .o_data_row:contains("Zorblax tour page")',
        },
        {
            trigger: '.o_field_widget[name=wo_knowledge_page_ids] .o_data_row button[name="action_wo_send"]',
            run: "click",
        },
        {
            content: "The composer of the entry, with the page",
            trigger: '.modal .o_mail_composer_form_view .o_field_widget[name=subject] input',
            run: function () {
                const subject = document.querySelector(
                    ".modal .o_mail_composer_form_view .o_field_widget[name=subject] input"
                );
                if (subject.value !== "Zorblax tour page") {
                    throw new Error(`The composer's subject is ${subject.value}`);
                }
            },
        },
        {
            trigger: '.modal button[name="action_send_mail"]',
            run: "click",
        },
        {
            content: "Sent: in the entry's chatter",
            trigger: '.o-mail-Message:contains("The zorblax answer")',
        },
        {
            trigger: 'button[name="action_wo_knowledge_draft"]',
            run: "click",
        },
        {
            content: "The draft page of the question",
            trigger: '.o_form_view .ribbon:contains("Draft")',
        },
    ],
});

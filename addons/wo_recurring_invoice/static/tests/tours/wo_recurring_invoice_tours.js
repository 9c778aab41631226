import { registry } from "@web/core/registry";

/** A reader without invoicing rights opens an invoiced lease: the totals
 * show, and the Invoices button answers with a message, not an error. */
registry.category("web_tour.tours").add("wo_recurring_invoice_reader_tour", {
    steps: () => [
        {
            content: "One invoice so far",
            trigger: 'button[name="action_view_invoices"] .o_stat_value:contains("1")',
        },
        {
            trigger: '.o_notebook a[name="recurring_invoice"]',
            run: "click",
        },
        {
            content: "The template, read-only for a reader",
            trigger: '.o_field_widget[name=invoice_line_ids] td:contains("Office rent")',
        },
        {
            trigger: ".o_field_widget[name=amount_invoiced]",
        },
        {
            trigger: 'button[name="action_view_invoices"]',
            run: "click",
        },
        {
            content: "A clear message",
            trigger: '.modal:contains("needs invoicing rights")',
        },
    ],
});

/** An author adds a service to a draft lease's template. */
registry.category("web_tour.tours").add("wo_recurring_invoice_author_tour", {
    steps: () => [
        {
            trigger: '.o_notebook a[name="recurring_invoice"]',
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=invoice_line_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=invoice_line_ids] .o_field_widget[name=product_id] input",
            run: "edit Cleaning",
        },
        {
            trigger: '.ui-autocomplete a.dropdown-item:contains("Cleaning")',
            run: "click",
        },
        {
            content: "The service's price",
            trigger: ".o_field_widget[name=invoice_line_ids] .o_field_widget[name=price_unit] input:value(50.00)",
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

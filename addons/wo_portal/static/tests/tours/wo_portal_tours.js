import { registry } from "@web/core/registry";

/** From the portal's home to the contract sent to Acme. */
const openTheContract = [
    {
        trigger: 'a[href="/my/wo/documents"]',
        run: "click",
        expectUnloadPage: true,
    },
    {
        trigger: '.o_wo_portal_document_row a:contains("Services for Acme Supplies")',
        run: "click",
        expectUnloadPage: true,
    },
];

/** The counterparty's contact: from the portal's home to the document,
 * approves it, uploads the PDF signed with their own certificate, sees it
 * signed and returned. The signed file is prepared by the test (their own
 * signing tool) and its id given in the tour's first URL. */
registry.category("web_tour.tours").add("wo_portal_counterparty_tour", {
    steps: () => [
        {
            content: "Remember which file their signing tool produced",
            trigger: "body",
            run() {
                const fileId = new URLSearchParams(window.location.search).get("wo_tour_file");
                if (fileId) {
                    window.sessionStorage.setItem("wo_portal_tour_file", fileId);
                }
            },
        },
        ...openTheContract,
        {
            trigger: ".o_wo_portal_decide textarea[name=comment]",
            run: "edit We agree.",
        },
        {
            trigger: '.o_wo_portal_decide button[value="approved"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: '.o_wo_portal_done:contains("decision is recorded")',
        },
        {
            content: "Choose the signed PDF",
            trigger: ".o_wo_portal_upload input[name=signed_file]",
            async run() {
                const fileId = window.sessionStorage.getItem("wo_portal_tour_file");
                const response = await fetch(`/web/content/${fileId}`);
                const blob = await response.blob();
                const transfer = new DataTransfer();
                transfer.items.add(new File([blob], "signed.pdf", { type: "application/pdf" }));
                this.anchor.files = transfer.files;
            },
        },
        {
            trigger: ".o_wo_portal_upload button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: '.o_wo_portal_done:contains("signed and returned")',
        },
        {
            trigger: '.badge:contains("Signed and returned")',
        },
    ],
});

/** The employee sends the contract to the counterparty, then, once they
 * answered, sees their decision on the document. */
/** On a phone, Odoo shows the first button of a form's header and puts the
 * others under "More": open it where the button is not shown. */
const openHeaderButton = (name) => [
    {
        content: `Find ${name} (under "More" on a phone)`,
        trigger: ".o_form_view .o_statusbar_buttons",
        run() {
            if (!document.querySelector(`.o_statusbar_buttons button[name="${name}"]`)) {
                document.querySelector('.o_statusbar_buttons button[title="More"]').click();
            }
        },
    },
    {
        trigger: `button[name="${name}"]`,
        run: "click",
    },
];

/** On a phone, Odoo puts a form's smart buttons under a menu: open it where
 * the button is not shown. */
const showSmartButton = (name) => ({
    content: `Show ${name} (under the smart buttons' menu on a phone)`,
    trigger: ".o_form_view .o-form-buttonbox",
    run() {
        if (!document.querySelector(`.o-form-buttonbox button[name="${name}"]`)) {
            document.querySelector(".o-form-buttonbox .o_button_more").click();
        }
    },
});

registry.category("web_tour.tours").add("wo_portal_send_tour", {
    steps: () => [
        ...openHeaderButton("action_wo_portal_send"),
        {
            content: "The second signatory is proposed",
            trigger: '.modal .o_field_widget[name=contact_ids] .o_tag:contains("Anna Acme")',
        },
        {
            trigger: ".modal .o_field_widget[name=message] textarea",
            run: "edit Please approve and sign.",
        },
        {
            trigger: '.modal button[name="action_send"]',
            run: "click",
        },
        {
            trigger: '.ribbon:contains("With the counterparty")',
        },
        showSmartButton("action_wo_portal_sends"),
        {
            trigger: 'button[name="action_wo_portal_sends"]:contains("1")',
        },
    ],
});

registry.category("web_tour.tours").add("wo_portal_decision_tour", {
    steps: () => [
        {
            trigger: 'button[name="action_wo_portal_sends"]',
            run: "click",
        },
        {
            trigger: '.o_data_row:contains("Signed by them") td[name=document_id]',
            run: "click",
        },
        {
            trigger: '.o_field_widget[name=decided_by_id]:contains("Anna Acme")',
        },
        {
            trigger: '.o_field_widget[name=decision_comment]:contains("We agree.")',
        },
    ],
});

/** The counterparty's contact on a phone: signs a document with a simple
 * electronic signature, then writes to the company. */
registry.category("web_tour.tours").add("wo_portal_phone_tour", {
    steps: () => [
        ...openTheContract,
        {
            trigger: ".o_wo_portal_sign input[name=full_name]",
            run: "edit Anna Acme",
        },
        {
            trigger: ".o_wo_portal_sign input[name=confirm]",
            run: "click",
        },
        {
            trigger: ".o_wo_portal_sign button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: '.o_wo_portal_done:contains("signed and returned")',
            run: "goToUrl /my",
            expectUnloadPage: true,
        },
        {
            trigger: 'a[href="/my/wo/letters"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "a.o_wo_portal_new_letter",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_wo_portal_letter_form input[name=subject]",
            run: "edit Our claim",
        },
        {
            trigger: ".o_wo_portal_letter_form textarea[name=text]",
            run: "edit The film was torn.",
        },
        {
            trigger: ".o_wo_portal_letter_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_wo_portal_letter_sent",
        },
    ],
});

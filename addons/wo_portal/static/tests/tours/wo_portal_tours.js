import { registry } from "@web/core/registry";

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
registry.category("web_tour.tours").add("wo_portal_send_tour", {
    steps: () => [
        {
            trigger: 'button[name="action_wo_portal_send"]',
            run: "click",
        },
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

import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";

/**
 * The WO desk: the user's work of the day in sections (one server call,
 * ``wo.desk.get_desk``), each item opening its record, each section's
 * count opening the list of all of them. The same at desktop and phone size.
 */
export class WoDesk extends Component {
    static template = "wo_desk.Desk";
    static components = { Layout };
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ desk: null });
        onWillStart(() => this.load());
    }

    async load() {
        this.state.desk = await this.orm.call("wo.desk", "get_desk", []);
    }

    get layoutProps() {
        return { display: { controlPanel: {} } };
    }

    openItem(section, item) {
        return this.action.doAction({
            type: "ir.actions.act_window",
            res_model: item.res_model || section.model,
            res_id: item.id,
            views: [[false, "form"]],
            target: "current",
        });
    }

    openSection(section) {
        return this.action.doAction({
            type: "ir.actions.act_window",
            name: section.title,
            res_model: section.model,
            domain: section.domain,
            views: [
                [false, "list"],
                [false, "form"],
            ],
            target: "current",
        });
    }

    urgencyLabel(urgency) {
        return {
            overdue: _t("Overdue"),
            today: _t("Today"),
            week: _t("This week"),
        }[urgency];
    }

    formatDate(item) {
        if (!item.date) {
            return "";
        }
        return item.date.length > 10 && !item.allday
            ? luxon.DateTime.fromSQL(item.date, { zone: "utc" })
                  .setZone("default")
                  .toFormat("dd.LL HH:mm")
            : luxon.DateTime.fromSQL(item.date.slice(0, 10)).toFormat("dd.LL");
    }
}

registry.category("actions").add("wo_desk.desk", WoDesk);

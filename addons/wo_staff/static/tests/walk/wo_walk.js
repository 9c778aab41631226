import { App } from "@odoo/owl";
import { browser } from "@web/core/browser/browser";
import { rpcBus } from "@web/core/network/rpc";

/**
 * The role walk: every menu under the WO root that the user sees, every view
 * type of its action and the first record's form, opened through the web
 * client's own services, so that it walks the same at desktop and at phone
 * size (where menus hide in a burger and view switchers in a dropdown).
 *
 * It does not stop at the first failing screen: it notes every failure (error
 * dialog, server error, console error, a view that does not load) against its
 * menu and view and goes on. It ends with one console error listing them all
 * (which fails the test), or with its summary and the success signal.
 * test_role_walk.py reads the console lines that start with PREFIX.
 */
export const PREFIX = "wo_walk:";
const ROOT_MENU = "wo_staff.wo_menu_root";
const TIMEOUT = 30000;
const MOUSE_EVENTS = ["mouseover", "mouseenter", "mousedown", "mouseup", "click"];
// a cell of text to click, never a boolean that an editable list would toggle
const LIST_CELLS = ["o_list_char", "o_list_many2one", "o_list_text", "o_list_number"]
    .map((cls) => `.o_list_view .o_data_row td.${cls}`)
    .join(", ");
const FIRST_RECORD = [
    LIST_CELLS,
    ".o_list_view .o_data_row td.o_field_cell:not(.o_handle_cell)",
    ".o_kanban_view .o_kanban_record:not(.o_kanban_ghost)",
];

const delay = (ms) => new Promise((resolve) => browser.setTimeout(resolve, ms));

function click(el) {
    for (const type of MOUSE_EVENTS) {
        el.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view: window }));
    }
}

/** An error as text: the server's message and the end of its traceback. */
function describe(error) {
    const data = error?.data;
    if (data && (data.name || data.debug)) {
        const trace = (data.debug || "").trim().split("\n").slice(-6).join("\n");
        return `${data.name || error.name}: ${data.message || error.message}\n${trace}`;
    }
    if (!(error instanceof Error)) {
        return String(error);
    }
    const stack = (error.stack || "").split("\n").slice(1, 5).join("\n");
    const cause = error.cause ? `\ncaused by ${describe(error.cause)}` : "";
    return `${error.name}: ${error.message}\n${stack}${cause}`;
}

class Walker {
    constructor({ login, screenshots = false }) {
        this.login = login;
        this.screenshots = screenshots;
        this.env = odoo.__WOWL_DEBUG__.root.env;
        this.services = this.env.services;
        this.pending = new Set();
        this.seen = new WeakSet();
        this.failures = [];
        this.screens = 0;
        this.menus = 0;
        this.forms = 0;
        this.walkedActions = new Set();
        this.current = "(start)";
        this.currentFailed = false;
    }

    // ------------------------------------------------------------ listening

    listen() {
        this.onRequest = ({ detail }) => this.pending.add(detail.data.id);
        this.onResponse = ({ detail }) => {
            this.pending.delete(detail.data.id);
            const { error, data } = detail;
            // an aborted request is a screen left before it loaded
            if (error && error.name !== "ConnectionAbortedError") {
                this.seen.add(error);
                const call = [data.params?.model, data.params?.method].filter(Boolean).join(".");
                this.fail(`server error${call ? ` in ${call}` : ""}: ${describe(error)}`);
            }
        };
        rpcBus.addEventListener("RPC:REQUEST", this.onRequest);
        rpcBus.addEventListener("RPC:RESPONSE", this.onResponse);
        this.consoleError = console.error;
        const walker = this;
        console.error = function (...args) {
            const text = args.map((arg) => (arg instanceof Error ? describe(arg) : String(arg)));
            walker.fail(`console error: ${text.join(" ")}`);
            return walker.consoleError.apply(this, args);
        };
    }

    unlisten() {
        rpcBus.removeEventListener("RPC:REQUEST", this.onRequest);
        rpcBus.removeEventListener("RPC:RESPONSE", this.onResponse);
        console.error = this.consoleError;
    }

    fail(text) {
        text = String(text).trim();
        this.currentFailed = true;
        const screen = this.current;
        if (!this.failures.some((f) => f.screen === screen && f.error === text)) {
            this.failures.push({ screen, error: text });
        }
    }

    failWith(error) {
        if (!this.seen.has(error) && !this.seen.has(error?.cause)) {
            this.fail(describe(error));
        }
    }

    /** Names the current screen better once it is known (its view type). */
    rename(label) {
        for (const failure of this.failures) {
            if (failure.screen === this.current) {
                failure.screen = label;
            }
        }
        this.current = label;
    }

    // -------------------------------------------------------------- waiting

    hasScheduledTask() {
        return [...App.apps].some((app) => app.scheduler.tasks.size);
    }

    /** Until the condition holds, no request is pending and OWL has nothing to render. */
    async idle(condition = () => true, what = "the screen", timeout = TIMEOUT) {
        const start = Date.now();
        let quiet = 0;
        while (quiet < 2) {
            await delay(10);
            const done = condition() && !this.pending.size && !this.hasScheduledTask();
            quiet = done ? quiet + 1 : 0;
            if (!done && Date.now() - start > timeout) {
                const pending = this.pending.size ? `, ${this.pending.size} requests pending` : "";
                throw new Error(`timeout: ${what} not ready after ${timeout / 1000} s${pending}`);
            }
        }
    }

    // -------------------------------------------------------------- screens

    /** One screen: loads it, waits until it is idle, notes its error dialog, closes dialogs. */
    async screen(label, load) {
        this.current = label;
        this.currentFailed = false;
        browser.console.log(`${PREFIX} ${label}`);
        try {
            await load();
            await this.idle();
        } catch (error) {
            this.failWith(error);
            await this.idle().catch((error) => this.failWith(error));
        }
        if (this.currentFailed) {
            // the error service shows its dialog a moment later: not on the next screen
            const start = Date.now();
            while (!document.querySelector(".o_error_dialog") && Date.now() - start < 1000) {
                await delay(25);
            }
        }
        const errorDialog = document.querySelector(".o_error_dialog");
        if (errorDialog && !this.currentFailed) {
            const body = errorDialog.querySelector(".modal-body") || errorDialog;
            this.fail(`error dialog: ${body.innerText.trim().slice(0, 1500)}`);
        }
        if (document.querySelector(".o_dialog")) {
            this.services.dialog.closeAll();
            await this.idle().catch((error) => this.failWith(error));
        }
        this.screens++;
        return !this.currentFailed;
    }

    /** Asks the test for a screenshot of the page and waits until it is written. */
    async screenshot(name) {
        await delay(300); // the loading indicator fades out
        browser.console.log(`${PREFIX}screenshot:${name}`);
        const start = Date.now();
        while (window.woWalkScreenshot !== name && Date.now() - start < 10000) {
            await delay(25);
        }
    }

    /**
     * Opens the first record of the list or kanban (not of its sample data);
     * false when there is none, or when clicking it opens nothing (a kanban
     * with can_open="0").
     */
    async openFirstRecord() {
        const main = document.querySelector(".o_action_manager");
        if (main.querySelector(".o_view_sample_data")) {
            return false;
        }
        const target = FIRST_RECORD.map((selector) => main.querySelector(selector)).find(Boolean);
        if (!target) {
            return false;
        }
        click(target);
        await this.idle();
        if (main.querySelector(".o_selected_row")) {
            // an editable list: the row is the record's form; leave it unchanged
            const discard = document.querySelector(".o_list_button_discard");
            if (discard) {
                click(discard);
                await this.idle();
            }
            return true;
        }
        return Boolean(main.querySelector(".o_form_view"));
    }

    async walkMenu(menu, label) {
        const { action } = this.services;
        if (menu.actionModel === "ir.actions.act_url") {
            // never leave the web client: only check that the page answers
            await this.screen(`${label} [url]`, async () => {
                const { url } = await action.loadAction(menu.actionID);
                if (url.startsWith("/") && !url.startsWith("//")) {
                    const response = await browser.fetch(url);
                    if (!response.ok) {
                        throw new Error(`${url} answers ${response.status}`);
                    }
                }
            });
            return;
        }
        let views = [];
        let first;
        let jsId;
        let hasForm = false;
        const opened = await this.screen(`${label} [${menu.actionModel}]`, async () => {
            await this.services.menu.selectMenu(menu);
            const controller = action.currentController;
            const dialogs = [...document.querySelectorAll(".o_dialog")];
            if (this.currentFailed) {
                return; // named below
            } else if (dialogs.some((dialog) => !dialog.querySelector(".o_error_dialog"))) {
                this.rename(`${label} [dialog]`);
            } else if (controller?.action.type === "ir.actions.act_window") {
                views = controller.views.filter((view) => view.type !== "form");
                hasForm = views.length < controller.views.length;
                first = controller.view.type;
                jsId = controller.action.jsId;
                this.rename(`${label} [${first}]`);
            } else {
                this.rename(`${label} [${controller?.action.tag || "client action"}]`);
            }
        });
        if (opened && this.screenshots && this.env.isSmall) {
            await this.screenshot(`${menu.xmlid}-${this.login}`);
        }
        if (opened && this.walkedActions.has(menu.actionID)) {
            return; // another menu's action, walked there
        }
        this.walkedActions.add(menu.actionID);
        let loaded;
        if (!opened && menu.actionModel === "ir.actions.act_window") {
            // the default view failed: open the action's other views directly
            loaded = await action.loadAction(menu.actionID);
            const types = loaded.views.map(([, type]) => type).filter((t) => t !== "search");
            views = types.filter((type) => type !== "form").map((type) => ({ type }));
            hasForm = views.length < types.length;
            // the view that failed, as _executeActWindowAction chose it
            first = types[0];
            if (this.env.isSmall && first !== "form" && types.includes(loaded.mobile_view_mode)) {
                first = loaded.mobile_view_mode;
            }
            this.current = `${label} [${menu.actionModel}]`;
            this.rename(`${label} [${first}]`);
        }
        let formDone = !hasForm;
        for (const view of views) {
            if (view.type === first) {
                if (!opened) {
                    continue;
                }
            } else {
                const ok = await this.screen(`${label} [${view.type}]`, async () => {
                    if (jsId && action.currentController?.action.jsId === jsId) {
                        await action.switchView(view.type);
                    } else {
                        // on a phone, the action opens in its mobile_view_mode
                        loaded ||= await action.loadAction(menu.actionID);
                        await action.doAction(
                            { ...loaded, mobile_view_mode: view.type },
                            { viewType: view.type, clearBreadcrumbs: true }
                        );
                        jsId = action.currentController?.action.jsId;
                    }
                });
                if (!ok) {
                    continue;
                }
            }
            if (!formDone && ["list", "kanban"].includes(view.type)) {
                await this.screen(`${label} [${view.type} > first record]`, async () => {
                    formDone = await this.openFirstRecord();
                    this.forms += formDone ? 1 : 0;
                });
            }
        }
    }

    /** The menus under the WO root with an action, depth first, with their path. */
    menusToWalk() {
        const menus = this.services.menu;
        const result = [];
        const visit = (menu, path) => {
            const label = path ? `${path} / ${menu.name}` : menu.name;
            // the app's own action is its first menu's (the web client gives it)
            if (menu.actionID && path) {
                result.push({ menu, label: `${label} (${menu.xmlid})` });
            }
            for (const id of menu.children) {
                visit(menus.getMenu(id), label);
            }
        };
        const root = menus.getAll().find((menu) => menu.xmlid === ROOT_MENU);
        if (root) {
            visit(root, "");
        }
        return result;
    }

    async run() {
        const started = performance.now();
        this.listen();
        try {
            await this.idle();
            for (const { menu, label } of this.menusToWalk()) {
                this.menus++;
                try {
                    await this.walkMenu(menu, label);
                } catch (error) {
                    this.current = label;
                    this.failWith(error);
                }
            }
        } finally {
            this.unlisten();
        }
        const summary = {
            login: this.login,
            small: this.env.isSmall,
            menus: this.menus,
            screens: this.screens,
            forms: this.forms,
            failures: this.failures.length,
            seconds: Math.round((performance.now() - started) / 100) / 10,
        };
        browser.console.log(`${PREFIX}summary:${JSON.stringify(summary)}`);
        if (this.failures.length) {
            const lines = this.failures.map(
                ({ screen, error }) => `* ${screen}\n    ${error.replaceAll("\n", "\n    ")}`
            );
            browser.console.error(
                `${PREFIX} ${this.failures.length} failures in ${this.screens} screens ` +
                    `as ${this.login}:\n${lines.join("\n")}`
            );
        } else {
            browser.console.log(`${PREFIX}done`);
        }
    }
}

export function walk(options) {
    return new Walker(options).run();
}

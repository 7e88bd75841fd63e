// Applies the user's light or dark choice to the page (the theme's stylesheet the page host linked, both addresses on
// the link) and keeps it in a cookie, so that the server renders the next page in it.
window.telesurvTheme = {
    // The toggle's one call: the cookie first, so that the choice holds for the next page even if this one cannot
    // swap its stylesheet, then the page itself. No cookie name (no user) applies the look alone.
    choose(look, cookie) {
        if (cookie) {
            this.remember(cookie, look);
        }

        this.apply(look);
    },

    apply(look) {
        const link = document.getElementById("portal-theme");
        const href = link && (look === "dark" ? link.dataset.dark : look === "light" ? link.dataset.light : null);
        if (!href || link.getAttribute("href") === href) {
            return;
        }

        // The other stylesheet is added after the current one and wins once loaded; the current one goes then, so the
        // page never shows without a theme.
        const next = link.cloneNode();
        next.removeAttribute("id");
        next.setAttribute("href", href);
        next.addEventListener("load", () => {
            link.remove();
            next.id = "portal-theme";
        }, { once: true });
        link.after(next);
    },

    remember(name, value) {
        if (!/^telesurv\.theme\.[0-9a-f]{32}$/.test(name) || (value !== "dark" && value !== "light")) {
            return;
        }

        const secure = window.location.protocol === "https:" ? "; Secure" : "";
        document.cookie = `${name}=${value}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;
    },
};

// Keeps the user's light or dark choice in a cookie, so that the server renders the next page in it.
window.telesurvTheme = {
    remember(name, value) {
        if (!/^telesurv\.theme\.[0-9a-f]{32}$/.test(name) || (value !== "dark" && value !== "light")) {
            return;
        }

        const secure = window.location.protocol === "https:" ? "; Secure" : "";
        document.cookie = `${name}=${value}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;
    },
};

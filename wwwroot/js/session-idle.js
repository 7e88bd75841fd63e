// Ends an idle clinician session even while a Blazor circuit keeps the page open.
// The session cookie slides on HTTP requests only, and an open circuit makes none: so, while the user works
// (keys, pointer, touch, wheel), the page asks the server for /account/keepalive now and then, which renews the
// cookie; once the user has done nothing for the idle time, the page reloads, and the server, finding the cookie
// expired, answers with the sign-in page. Settings come from the script element's data attributes.
(() => {
    const script = document.currentScript;
    const idleMs = Number(script?.dataset.idleMinutes ?? 0) * 60_000;
    const keepAliveUrl = script?.dataset.keepalive;
    if (!(idleMs > 0) || !keepAliveUrl) {
        return;
    }

    // Often enough that the cookie, which renews once half its lifetime is gone, never lapses while in use.
    const keepAliveEveryMs = idleMs / 4;
    const checkEveryMs = Math.min(15_000, idleMs / 4);
    let lastActivity = Date.now();
    let lastKeepAlive = Date.now();
    let ending = false;

    const end = () => {
        if (!ending) {
            ending = true;
            window.location.reload();
        }
    };

    const keepAlive = async () => {
        lastKeepAlive = Date.now();
        try {
            const response = await fetch(keepAliveUrl, { credentials: 'same-origin', cache: 'no-store', redirect: 'manual' });
            // A redirect (to the sign-in page) or a refusal: the session is already over.
            if (response.type === 'opaqueredirect' || response.status === 401 || response.status === 403) {
                end();
            }
        } catch {
            // The server is unreachable: Blazor's own reconnection says so; the next activity tries again.
        }
    };

    const onActivity = () => {
        lastActivity = Date.now();
        if (lastActivity - lastKeepAlive >= keepAliveEveryMs) {
            keepAlive();
        }
    };

    for (const type of ['keydown', 'pointerdown', 'touchstart', 'wheel']) {
        document.addEventListener(type, onActivity, { capture: true, passive: true });
    }

    setInterval(() => {
        if (Date.now() - lastActivity >= idleMs) {
            end();
        }
    }, checkEveryMs);
})();

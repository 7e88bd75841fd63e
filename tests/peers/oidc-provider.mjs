// OpenID Connect provider for the browser tests (npm oidc-provider, with its development login and consent pages).
// Environment: PORT (where to listen), PORTAL (the portal's origin, for its redirect URIs), CLIENT_SECRET,
// ACCOUNTS (JSON: login -> claims). Prints "issuer <url>" once it listens; stops on SIGTERM or when stdin closes.
import http from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const portal = process.env.PORTAL;
const accounts = JSON.parse(process.env.ACCOUNTS ?? '{}');
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'telesurv-portal',
    client_secret: process.env.CLIENT_SECRET,
    redirect_uris: [`${portal}/signin-oidc`],
    post_logout_redirect_uris: [`${portal}/account/signed-out`],
    token_endpoint_auth_method: 'client_secret_post',
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  pkce: { required: () => true },
  // The portal reads roles and FINESS numbers from the id_token.
  conformIdTokenClaims: false,
  claims: { openid: ['sub'], profile: ['name', 'roles', 'finess'], email: ['email'] },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  cookies: { keys: ['telesurv-browser-tests'] },
  async findAccount(ctx, id) {
    const claims = accounts[id];
    if (!claims) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...claims }; } };
  },
});

const server = http.createServer(provider.callback());
server.listen(port, '127.0.0.1', () => console.log(`issuer ${issuer}`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();

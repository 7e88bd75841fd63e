// OpenID Connect provider for the browser tests (npm oidc-provider, with its development login and consent pages).
// Environment: PORT (where to listen), PORTAL (the portal's origin, for its redirect URIs), CLIENT_SECRET,
// ACCOUNTS (JSON: login -> claims). Prints "issuer <url>" once it listens; stops on SIGTERM or when stdin closes.
// POST /test/rotate-keys rolls the signing key over as a provider does: a new key signs from then on, the previous
// one is still published. Sessions and grants live in oidc-provider's in-memory store, which the rollover keeps.
import http from 'node:http';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const portal = process.env.PORTAL;
const accounts = JSON.parse(process.env.ACCOUNTS ?? '{}');
const issuer = `http://127.0.0.1:${port}`;

function newSigningKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256' };
}

function createProvider(keys) {
  return new Provider(issuer, {
    jwks: { keys },
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
}

// The first key of the set signs; the keys that signed before stay published for tokens already issued.
let keys = [newSigningKey()];
let provider = createProvider(keys);

const server = http.createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/test/rotate-keys') {
    keys = [newSigningKey(), ...keys];
    provider = createProvider(keys);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ kid: keys[0].kid }));
    return;
  }

  provider.callback()(req, res);
});
server.listen(port, '127.0.0.1', () => console.log(`issuer ${issuer}`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();

// A real OpenID provider for the OIDC sign-in tests: oidc-provider (a certified implementation) on a loopback port,
// with one test client. Its signing key is made here at start (a restart is a key rotation) and given to the provider,
// which publishes it at /jwks through its discovery document, as any provider does.
//
// Besides the provider's own routes (discovery, jwks, authorization code + PKCE, token), one test-only route,
// POST /test/id-token, issues an ID token signed with that same provider key. It lets a test ask for the tokens a
// real provider would never issue on purpose (expired, another audience, another issuer, another nonce) without
// driving a browser login for each. Every claim not given defaults to what the provider would put.
//
// Environment: PORT (required), CLIENT_ID (default lwf-test), REDIRECT_URI (default http://127.0.0.1/callback).
// Prints "READY {issuer} {kid}" once listening.
import { createServer } from 'node:http';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import Provider from 'oidc-provider';
import { SignJWT, importJWK } from 'jose';

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) {
  console.error('PORT is required');
  process.exit(2);
}

const issuer = `http://127.0.0.1:${port}`;
const clientId = process.env.CLIENT_ID || 'lwf-test';
const redirectUri = process.env.REDIRECT_URI || 'http://127.0.0.1/callback';
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const kid = randomUUID();
const jwk = { ...privateKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    token_endpoint_auth_method: 'none',
    redirect_uris: [redirectUri],
    response_types: ['code'],
    grant_types: ['authorization_code'],
  }],
  jwks: { keys: [jwk] },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  async findAccount(ctx, sub) {
    return { accountId: sub, async claims() { return { sub, email: `${sub}@example.org`, email_verified: true }; } };
  },
});
// The provider runs on plain http on loopback only; it must not refuse it.
provider.proxy = false;

const signingKey = await importJWK(jwk, 'RS256');
const callback = provider.callback();

async function body(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return chunks.length === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function issueIdToken(req, res) {
  const ask = await body(req);
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: ask.sub ?? randomUUID(), auth_time: now };
  if (ask.nonce != null) claims.nonce = ask.nonce;
  if (ask.email != null) claims.email = ask.email;
  const lifetime = ask.expiresIn ?? 300;
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
    .setIssuer(ask.issuer ?? issuer)
    .setAudience(ask.audience ?? clientId)
    .setIssuedAt(now + Math.min(0, lifetime) - 60)
    .setExpirationTime(now + lifetime)
    .sign(signingKey);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ idToken: token, kid, issuer }));
}

createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/test/id-token') {
    issueIdToken(req, res).catch((e) => {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(String(e));
    });
    return;
  }
  callback(req, res);
}).listen(port, '127.0.0.1', () => console.log(`READY ${issuer} ${kid}`));

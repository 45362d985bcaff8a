// A minimal OpenID provider for the dashboard's end-to-end check: discovery, the authorization endpoint and the
// token endpoint of the authorization code flow with PKCE (S256 only), strict about what it is sent, so the
// check fails when the dashboard gets the flow wrong. The access token it hands out is a real one from the
// suite's /dev/token, so the signed-in dashboard then talks to the real services.
import { createServer } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';

const base64Url = (buffer) => buffer.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export async function startFakeIssuer({ issuer, clientId, accessTokenFor }) {
  const url = new URL(issuer);
  const path = url.pathname.replace(/\/$/, '');
  const codes = new Map();
  const seen = { authorizations: [], tokenRequests: [], refused: [] };

  function send(response, status, body, headers = {}) {
    response.writeHead(status, { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store', ...headers });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
  }

  function refuse(response, reason) {
    seen.refused.push(reason);
    send(response, 400, { error: 'invalid_request', error_description: reason }, { 'Content-Type': 'application/json' });
  }

  async function token(request, response) {
    let body = '';
    for await (const chunk of request) body += chunk;
    const form = new URLSearchParams(body);
    seen.tokenRequests.push(Object.fromEntries(form));
    if (form.get('grant_type') !== 'authorization_code') return refuse(response, `grant_type ${form.get('grant_type')}`);
    const pending = codes.get(form.get('code'));
    codes.delete(form.get('code')); // a code is good once
    if (!pending) return refuse(response, 'unknown or used code');
    if (form.get('client_id') !== clientId) return refuse(response, 'client_id differs');
    if (form.get('redirect_uri') !== pending.redirectUri) return refuse(response, 'redirect_uri differs');
    const verifier = form.get('code_verifier') ?? '';
    if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) return refuse(response, 'code_verifier malformed');
    if (base64Url(createHash('sha256').update(verifier).digest()) !== pending.challenge) {
      return refuse(response, 'code_verifier does not match code_challenge');
    }
    const accessToken = await accessTokenFor(pending.login);
    send(response, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: 300, refresh_token: base64Url(randomBytes(24)) },
      { 'Content-Type': 'application/json' });
  }

  function authorize(query, response) {
    const asked = Object.fromEntries(query);
    seen.authorizations.push(asked);
    if (asked.response_type !== 'code') return refuse(response, `response_type ${asked.response_type}`);
    if (asked.client_id !== clientId) return refuse(response, 'unknown client_id');
    if (asked.code_challenge_method !== 'S256' || !/^[A-Za-z0-9\-_]{43}$/.test(asked.code_challenge ?? '')) {
      return refuse(response, 'PKCE S256 challenge missing');
    }
    if (!asked.state || !asked.redirect_uri?.endsWith('/auth/callback')) return refuse(response, 'state or redirect_uri missing');
    // The user "logs in" at once: the e2e is about the dashboard's side of the flow.
    const code = base64Url(randomBytes(24));
    codes.set(code, { challenge: asked.code_challenge, redirectUri: asked.redirect_uri, login: `oidc-${base64Url(randomBytes(4)).toLowerCase()}` });
    const back = new URL(asked.redirect_uri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', asked.state);
    send(response, 302, '', { Location: back.toString() });
  }

  const server = createServer((request, response) => {
    const requested = new URL(request.url, issuer);
    const route = requested.pathname.startsWith(path) ? requested.pathname.slice(path.length) : null;
    if (request.method === 'OPTIONS') return send(response, 204, '', { 'Access-Control-Allow-Headers': 'content-type', 'Access-Control-Allow-Methods': 'GET, POST' });
    if (request.method === 'GET' && route === '/.well-known/openid-configuration') {
      return send(response, 200, {
        issuer,
        authorization_endpoint: `${issuer}/protocol/openid-connect/auth`,
        token_endpoint: `${issuer}/protocol/openid-connect/token`,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
      }, { 'Content-Type': 'application/json' });
    }
    if (request.method === 'GET' && route === '/protocol/openid-connect/auth') return authorize(requested.searchParams, response);
    if (request.method === 'POST' && route === '/protocol/openid-connect/token') {
      return token(request, response).catch((error) => send(response, 500, { error: 'server_error', error_description: String(error) }));
    }
    send(response, 404, { error: 'not_found' }, { 'Content-Type': 'application/json' });
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(Number(url.port), url.hostname, resolve));
  return { seen, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }) };
}

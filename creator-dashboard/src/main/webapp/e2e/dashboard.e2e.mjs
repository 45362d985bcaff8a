// End-to-end check of the creator dashboard in a real headless Chromium (Debian's `chromium`), against the
// whole suite as ./run-local.sh runs it. Run by local-suite's LocalSuiteIT (./mvnw verify); by hand:
//   BASE_URL=http://localhost:8080 node e2e/dashboard.e2e.mjs
// Exits non-zero, with a screenshot of the failing page, when any step fails, a page throws, or the
// Content-Security-Policy blocks anything.
import puppeteer from 'puppeteer-core';
import { startFakeIssuer } from './fake-oidc-issuer.mjs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const BASE = (process.env.BASE_URL ?? 'http://localhost:8080').replace(/\/$/, '');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = process.env.SCREENSHOT_DIR ?? 'target/screenshots';
const TIMEOUT = Number(process.env.STEP_TIMEOUT_MS ?? 20000);
// The issuer the suite's gateway was configured with (GATEWAY_DASHBOARD_OIDC_ISSUER); this script plays it.
const OIDC_ISSUER = process.env.OIDC_ISSUER ?? '';
mkdirSync(SHOTS, { recursive: true });

const creator = `e2e-${Date.now().toString(36)}`;
const problems = [];
let current = 'start';

function fail(message) {
  throw new Error(message);
}

async function api(method, path, token, body, headers = {}) {
  const response = await fetch(BASE + path, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) fail(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

function watch(page, name) {
  page.on('pageerror', (error) => problems.push(`[${name}] uncaught error during "${current}": ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to (load|execute|connect|frame|apply)/i.test(text)) {
      problems.push(`[${name}] CSP violation during "${current}": ${text}`);
    }
  });
  page.on('dialog', (dialog) => dialog.accept());
  page.setDefaultTimeout(TIMEOUT);
}

async function textOf(page, selector) {
  return page.$eval(selector, (element) => element.textContent ?? '');
}

async function waitForText(page, selector, expected, timeout = TIMEOUT) {
  try {
    await page.waitForFunction(
      (sel, want) => Array.from(document.querySelectorAll(sel)).some((e) => (e.textContent ?? '').includes(want)),
      { timeout },
      selector,
      expected,
    );
  } catch {
    const seen = await page.$$eval(selector, (es) => es.map((e) => e.textContent).join(' | ')).catch(() => '(nothing)');
    fail(`"${expected}" did not appear in ${selector} within ${timeout} ms; saw: ${seen}`);
  }
}

async function clickButton(page, label) {
  const handle = await page.waitForSelector(`::-p-xpath(//button[normalize-space(.)="${label}" or @aria-label="${label}"])`);
  await handle.click();
}

async function type(page, selector, value) {
  await page.waitForSelector(selector);
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.$eval(selector, (element) => {
      // React keeps its own copy of a controlled input's value: empty it the way typing would, or a re-render
      // puts the old text back under the new.
      const prototype = element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(prototype, 'value').set.call(element, '');
      element.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.type(selector, value);
    if ((await page.$eval(selector, (element) => element.value)) === value) return;
  }
  fail(`could not type "${value}" into ${selector}`);
}

const browser = await puppeteer.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-dev-shm-usage',
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    '--autoplay-policy=no-user-gesture-required',
  ],
});
let page;
const results = [];
async function step(name, action) {
  current = name;
  const started = Date.now();
  try {
    await action();
    results.push(`ok   ${name} (${Date.now() - started} ms)`);
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    console.log(`FAIL ${name}: ${error.message}`);
    if (page) await page.screenshot({ path: join(SHOTS, 'failure.png'), fullPage: true }).catch(() => {});
    throw error;
  }
}

let exitCode = 0;
try {
  page = await browser.newPage();
  watch(page, 'dashboard');
  await page.setViewport({ width: 1440, height: 1000 });
  let token;
  let sessionId;

  await step('sign in with the local "sign in as" form', async () => {
    await page.goto(`${BASE}/`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('#signin-sub');
    await page.screenshot({ path: join(SHOTS, 'signin.png') });
    await type(page, '#signin-sub', creator);
    await type(page, '#signin-name', 'E2E Creator');
    await clickButton(page, 'Sign in');
    await page.waitForFunction(() => location.pathname === '/live');
    await waitForText(page, '[data-testid=creator-name]', 'E2E Creator');
    const stored = await page.evaluate(() => sessionStorage.getItem('sc.session'));
    if (!stored) fail('the token is not kept in sessionStorage');
    if (page.url().includes('token')) fail('the token appears in the URL');
    token = JSON.parse(stored).token;
  });

  await step('start a session', async () => {
    await page.waitForSelector('#start-platform');
    await page.select('#start-platform', 'other');
    await type(page, '#start-title-input', 'E2E stream');
    await clickButton(page, 'Start session');
    await waitForText(page, '[data-testid=session-title]', 'E2E stream');
    await waitForText(page, '[data-testid=socket-state]', 'Connected');
    sessionId = (await api('GET', '/api/sessions/active', token)).id;
  });

  await step('create a goal', async () => {
    await type(page, '#goal-title', 'New lights');
    await type(page, '#goal-target', '20');
    await clickButton(page, 'Add goal');
    await page.waitForSelector('[role=progressbar][aria-label="New lights progress"][aria-valuenow="0"]');
  });

  await step('a tip posted by REST appears in the feed and the totals, and the goal bar moves', async () => {
    await api('POST', '/api/tips', token, { sessionId, amountCents: 1250, tipperName: 'dave', message: 'hello from the e2e test' }, { 'Idempotency-Key': `e2e-${creator}-1` });
    await waitForText(page, '[data-testid=tip-feed]', 'dave');
    await waitForText(page, '[data-testid=tip-feed]', 'hello from the e2e test');
    await waitForText(page, '[data-testid=total-tips]', '$12.50');
    await waitForText(page, '[data-testid=tip-count]', '1');
    await page.waitForSelector('[role=progressbar][aria-label="New lights progress"][aria-valuenow="62"]');
    await new Promise((resolve) => setTimeout(resolve, 800)); // let the new tip's entrance animation finish
    await page.screenshot({ path: join(SHOTS, 'live.png') });
  });

  await step('a test tip from the page is marked and not counted', async () => {
    await clickButton(page, 'Send test tip');
    await waitForText(page, '.feed-test', 'Test tipper');
    await waitForText(page, '.feed-test .badge-test', 'test');
    const total = await textOf(page, '[data-testid=total-tips]');
    if (!total.includes('$12.50')) fail(`a test tip changed the total to ${total}`);
  });

  await step('goals can be edited, reordered and deleted, and an animation plays on demand', async () => {
    await type(page, '#goal-title', 'Second goal');
    await type(page, '#goal-target', '50');
    await clickButton(page, 'Add goal');
    await page.waitForSelector('[role=progressbar][aria-label="Second goal progress"]');
    await clickButton(page, 'Move Second goal up');
    await page.waitForFunction(() => (document.querySelector('[data-testid=goals] .goal-title')?.textContent ?? '').startsWith('Second goal'));
    const ordered = (await api('GET', `/api/goals?sessionId=${sessionId}`, token)).sort((a, b) => a.position - b.position);
    if (ordered[0].title !== 'Second goal') fail(`goal order is ${ordered.map((g) => g.title)}`);
    await clickButton(page, 'Edit Second goal');
    await type(page, 'input[id^="edit-goal-"]:not([id*="target"])', 'Second goal, renamed');
    await clickButton(page, 'Save');
    await page.waitForSelector('[role=progressbar][aria-label="Second goal, renamed progress"]');
    await clickButton(page, 'Delete Second goal, renamed');
    await page.waitForFunction(() => !document.querySelector('[aria-label="Second goal, renamed progress"]'));
    const left = await api('GET', `/api/goals?sessionId=${sessionId}`, token);
    if (left.length !== 1 || left[0].title !== 'New lights') fail(`goals left: ${left.map((g) => g.title)}`);
    await clickButton(page, 'confetti');
    await waitForText(page, '[role=status]', 'Played confetti');
  });

  let overlayUrl;
  await step('the OBS page shows the overlay URL and a preview', async () => {
    await page.goto(`${BASE}/obs`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-testid=overlay-url]');
    await page.waitForFunction(() => document.querySelector('[data-testid=overlay-url]').value.includes('#key=ovl_'));
    overlayUrl = await page.$eval('[data-testid=overlay-url]', (input) => input.value);
    if (await page.$eval('[data-testid=overlay-url]', (input) => input.type) !== 'password') fail('the overlay URL is shown before it is revealed');
    await page.waitForSelector('iframe[title="Overlay preview"]');
    await page.screenshot({ path: join(SHOTS, 'obs.png') });
  });

  await step('the overlay URL opens the overlay, which shows the alert of a tip and reads the next one out', async () => {
    const overlay = await browser.newPage();
    watch(overlay, 'overlay');
    await overlay.setViewport({ width: 1280, height: 720 });
    await overlay.goto(overlayUrl, { waitUntil: 'domcontentloaded' });
    // The overlay joins within a moment; tips keep coming until one is shown (an alert shows for seconds).
    const deadline = Date.now() + TIMEOUT;
    let shown = false;
    for (let i = 2; !shown && Date.now() < deadline; i++) {
      await api('POST', '/api/tips', token, { sessionId, amountCents: 700 + i, tipperName: 'erin' }, { 'Idempotency-Key': `e2e-${creator}-${i}` });
      shown = await overlay
        .waitForFunction(() => Array.from(document.querySelectorAll('#alerts .alert')).some((a) => a.textContent.includes('erin')), { timeout: 3000 })
        .then(() => true, () => false);
    }
    if (!shown) fail('the overlay showed no alert for the tips');
    // Text to speech on: the next tip's clip plays on the overlay (OBS lets pages autoplay, as this browser does)
    // while that tip's alert shows, after the clips of the tips before it.
    await api('PUT', '/api/tts/settings', token, { enabled: true, minAmountCents: 100 });
    const spoken = await api('POST', '/api/tips', token, { sessionId, amountCents: 400, tipperName: 'gus', message: 'read me on stream' }, { 'Idempotency-Key': `e2e-${creator}-overlay-tts` });
    await overlay.waitForFunction((tipId) => document.body.dataset.speaking === tipId
        && Array.from(document.querySelectorAll('#alerts .alert')).some((alert) => alert.dataset.tipId === tipId),
      { timeout: 45000 }, spoken.id).catch(() => fail('the overlay did not play the tip\'s clip while showing its alert'));
    await overlay.screenshot({ path: join(SHOTS, 'overlay.png') });
    await overlay.close();
  });

  await step('the menu page edits the public menu', async () => {
    await page.goto(`${BASE}/menu`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('#new-item-title');
    await type(page, '#new-item-title', 'Song request');
    await type(page, '#new-item-price', '5');
    await page.select('#new-item-category', 'request');
    await clickButton(page, 'Add item');
    await waitForText(page, '[data-testid=menu-table]', 'Song request');
    await clickButton(page, 'Edit Song request');
    const titleInput = 'input[id^="edit-"][id$="-title"]';
    await type(page, titleInput, 'Song request, any song');
    await clickButton(page, 'Save');
    await waitForText(page, '[data-testid=menu-table]', 'Song request, any song');
    const menu = await api('GET', `/api/menu/public/${creator}`);
    if (!menu.some((item) => item.title === 'Song request, any song' && item.priceCents === 500)) fail(`public menu is ${JSON.stringify(menu)}`);
    await page.screenshot({ path: join(SHOTS, 'menu.png') });
  });

  await step('the viewer page shows the public menu, without signing in', async () => {
    const context = await browser.createBrowserContext();
    const viewer = await context.newPage();
    watch(viewer, 'viewer');
    await viewer.setViewport({ width: 1280, height: 900 });
    await viewer.goto(`${BASE}/watch/${creator}`, { waitUntil: 'domcontentloaded' });
    await waitForText(viewer, '[data-testid=public-menu]', 'Song request, any song');
    await waitForText(viewer, '[data-testid=public-menu]', '$5.00');
    await waitForText(viewer, '[data-testid=watch-live]', 'Offline');
    await viewer.screenshot({ path: join(SHOTS, 'watch.png') });
    await context.close();
  });

  await step('Go Live with Camera asks for a token and reports the unreachable media server without staying live', async () => {
    const tokenAnswers = [];
    const listener = (response) => {
      if (response.url().endsWith('/api/stream/creator-webrtc-token')) tokenAnswers.push(response.status());
    };
    page.on('response', listener);
    await page.goto(`${BASE}/go-live`, { waitUntil: 'domcontentloaded' });
    await clickButton(page, 'Go Live with Camera');
    await page.waitForSelector('[data-testid=golive-error]', { timeout: 45000 });
    const error = await textOf(page, '[data-testid=golive-error]');
    if (!/media server/.test(error) || !/not live/.test(error)) fail(`unexpected message: ${error}`);
    if (!tokenAnswers.includes(200)) fail(`no creator token was issued (answers: ${tokenAnswers})`);
    await waitForText(page, '[data-testid=golive-state]', 'Offline');
    const channel = await api('GET', '/api/stream', token);
    if (channel.isLive) fail('the channel stayed live after the media server could not be reached');
    page.off('response', listener);
    await page.screenshot({ path: join(SHOTS, 'go-live.png') });
  });

  await step('the analytics, chatbot and connectors pages load', async () => {
    await page.goto(`${BASE}/analytics`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-testid=analytics-summary]');
    await page.screenshot({ path: join(SHOTS, 'analytics.png'), fullPage: true });
    await page.goto(`${BASE}/chatbot`, { waitUntil: 'domcontentloaded' });
    await waitForText(page, 'h2', 'Chatbot personas');
    await page.waitForFunction(() => !document.querySelector('.loading'));
    await clickButton(page, 'New persona');
    await type(page, '#persona-name', 'Hype bot');
    await type(page, '#trigger-pattern-0', 'hello');
    await type(page, '#trigger-templates-0', 'Hi {sender}, welcome in!');
    await clickButton(page, 'Create persona');
    await waitForText(page, '.personas', 'Hype bot');
    const personas = await api('GET', '/api/chatbot/personas', token);
    if (!personas.some((p) => p.name === 'Hype bot' && p.triggers[0].templates[0] === 'Hi {sender}, welcome in!')) fail(`personas are ${JSON.stringify(personas)}`);
    // Text to speech: settings saved, and a voice preview synthesised and played in the page.
    await page.waitForSelector('#tts-voice');
    const enabled = await page.$eval('::-p-xpath(//label[contains(., "Read tip messages aloud")]/input)', (input) => input.checked);
    if (!enabled) await page.click('::-p-xpath(//label[contains(., "Read tip messages aloud")]/input)');
    await clickButton(page, 'Save');
    await waitForText(page, '[role=status]', 'Saved.');
    const settings = await api('GET', '/api/tts/settings', token);
    if (settings.enabled !== true) fail(`TTS settings were not saved: ${JSON.stringify(settings)}`);
    const previews = [];
    const onPreview = (response) => response.url().endsWith('/api/tts/preview') && previews.push(`${response.status()} ${response.headers()['content-type']}`);
    page.on('response', onPreview);
    await clickButton(page, '▶ Play');
    await page.waitForFunction(() => (document.querySelector('[data-testid=tts-preview-audio]')?.src ?? '').startsWith('blob:'), { timeout: 30000 });
    page.off('response', onPreview);
    if (!previews.some((p) => p.startsWith('200 audio/mpeg'))) fail(`the preview answered ${previews}`);
    await page.screenshot({ path: join(SHOTS, 'chatbot.png'), fullPage: true });
    await page.goto(`${BASE}/connectors`, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => !document.querySelector('.loading'));
    await page.screenshot({ path: join(SHOTS, 'connectors.png') });
  });

  await step('the Live page works at phone width, a tip\'s clip reaches it and is skipped, and the session ends', async () => {
    await page.setViewport({ width: 390, height: 844, isMobile: true });
    await page.goto(`${BASE}/live`, { waitUntil: 'domcontentloaded' });
    await waitForText(page, '[data-testid=session-title]', 'E2E stream');
    await waitForText(page, '[data-testid=tip-feed]', 'dave');
    await waitForText(page, '[data-testid=socket-state]', 'Connected');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 2) fail(`the page is ${overflow}px wider than a phone screen`);
    // Text to speech is on now: a tip's clip reaches the Live page, which can skip it. Only once the page's
    // socket follows the session: clips are live only. (This step once failed in 3 of 5 loaded runs: a socket
    // joining a room while the room's last socket left could be dropped from it; see RoomRegistryTest.)
    // (This also caught a Live page whose socket, made again when its sign-in state settled, never joined.)
    await page.waitForSelector('.live-grid[data-synced=true]', { timeout: 20000 });
    await api('POST', '/api/tips', token, { sessionId, amountCents: 300, tipperName: 'frank', message: 'read me out' }, { 'Idempotency-Key': `e2e-${creator}-tts` });
    await waitForText(page, '[data-testid=tip-feed]', 'frank');
    await waitForText(page, '[data-testid=tts-now]', 'read me out', 30000);
    await clickButton(page, 'Skip clip');
    await page.waitForFunction(() => !document.querySelector('[data-testid=tts-now]'));
    await page.screenshot({ path: join(SHOTS, 'live-phone.png'), fullPage: true });
    await clickButton(page, 'End session');
    await page.waitForSelector('#start-platform');
  });

  if (OIDC_ISSUER) {
    await step('sign in through the OIDC issuer: authorization code with PKCE, no token in any URL', async () => {
      const issuer = await startFakeIssuer({
        issuer: OIDC_ISSUER,
        clientId: (await api('GET', '/dashboard-config.json')).oidc?.clientId ?? fail('the dashboard has no OIDC issuer configured'),
        accessTokenFor: async (login) => (await api('GET', `/dev/token?sub=${login}&name=OIDC%20Creator`)).token,
      });
      const visitor = await browser.newPage(); // a new tab: its sessionStorage is empty
      watch(visitor, 'oidc');
      const urls = [];
      visitor.on('framenavigated', (frame) => frame === visitor.mainFrame() && urls.push(frame.url()));
      try {
        await visitor.goto(`${BASE}/signin`, { waitUntil: 'domcontentloaded' });
        await clickButton(visitor, 'Sign in with your account');
        await visitor.waitForFunction(() => location.pathname === '/live', { timeout: TIMEOUT }).catch(async () => fail(
          `the sign-in did not reach /live (at ${visitor.url()}); the issuer refused: ${issuer.seen.refused.join('; ') || 'nothing'}; `
          + `the page says: ${await textOf(visitor, '.signin-card').catch(() => '(nothing)')}`));
        await waitForText(visitor, '[data-testid=creator-name]', 'OIDC Creator');
        await waitForText(visitor, '[data-testid=socket-state]', 'Connected');
        if (issuer.seen.refused.length > 0) fail(`the issuer refused: ${issuer.seen.refused.join('; ')}`);
        const [asked] = issuer.seen.authorizations;
        if (asked?.code_challenge_method !== 'S256') fail(`the authorization request was ${JSON.stringify(asked)}`);
        if (issuer.seen.tokenRequests.length !== 1) fail(`${issuer.seen.tokenRequests.length} token requests`);
        const stored = JSON.parse(await visitor.evaluate(() => sessionStorage.getItem('sc.session')) ?? 'null');
        if (!stored?.token) fail('the OIDC token is not kept in sessionStorage');
        if (await visitor.evaluate(() => Object.keys(localStorage).length) > 0) fail('the dashboard wrote to localStorage');
        const leaked = urls.filter((url) => url.includes(stored.token) || /[?#&](access_token|id_token)=/.test(url));
        if (leaked.length > 0) fail(`a token appeared in a URL: ${leaked}`);
        if (visitor.url().includes('code=')) fail(`the authorization code stayed in the address bar: ${visitor.url()}`);
        // The callback again, with the code already used and its state gone: refused, and no second sign-in.
        const callback = urls.find((url) => url.includes('/auth/callback?code='));
        await visitor.evaluate(() => sessionStorage.removeItem('sc.session'));
        await visitor.goto(callback, { waitUntil: 'domcontentloaded' });
        await waitForText(visitor, '.signin-card', 'stale');
        if (issuer.seen.tokenRequests.length !== 1) fail('a used sign-in link was exchanged again');
        await visitor.screenshot({ path: join(SHOTS, 'signin-oidc-replayed.png') });
      } finally {
        await visitor.close();
        await issuer.close();
      }
    });
  } else {
    console.log('skip OIDC sign-in: OIDC_ISSUER is not set (LocalSuiteIT sets it)');
  }

  if (problems.length > 0) fail(`the pages reported problems:\n${problems.join('\n')}`);
} catch (error) {
  console.error(`\nDashboard end-to-end check failed at "${current}": ${error.message}`);
  if (problems.length > 0) console.error(problems.join('\n'));
  exitCode = 1;
} finally {
  await browser.close();
}
console.log(exitCode === 0 ? `\nDashboard end-to-end check passed (${results.length} steps, screenshots in ${SHOTS}).` : '');
process.exit(exitCode);

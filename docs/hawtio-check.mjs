// Driven by docs/hawtio-check.sh: node hawtio-check.mjs <base url> <admin api key> <screenshot.png>
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.join(process.env.NODE_PATH, 'noop.js'));
const { chromium } = require('playwright-core');
const [base, key, screenshot] = process.argv.slice(2);

function fail(message) {
  console.error('hawtio-check: ' + message);
  process.exit(1);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });

  await page.goto(base + '/actuator/hawtio/');
  if (!page.url().endsWith('/actuator/hawtio/login')) fail('an anonymous visit was not sent to the login page: ' + page.url());

  await page.fill('#pf-login-username-id', 'ops');
  await page.fill('#pf-login-password-id', 'rw_not-a-key');
  const refused = page.waitForResponse(r => r.url().endsWith('/auth/login'));
  await page.click('button[type="submit"]');
  if ((await refused).status() !== 403) fail('a wrong key was not refused');

  await page.fill('#pf-login-username-id', 'ops');
  await page.fill('#pf-login-password-id', key);
  const accepted = page.waitForResponse(r => r.url().endsWith('/auth/login'));
  await page.click('button[type="submit"]');
  if ((await accepted).status() !== 200) fail('the admin key was not accepted');

  // the Camel plugin's tree: context runwire, folder routes; the folder's Routes tab lists every route
  await page.getByText('routes', { exact: true }).first().click({ timeout: 120000 });
  await page.waitForSelector('table tbody tr', { timeout: 60000 });
  await page.getByRole('button', { name: 'Total' }).click();
  await page.getByRole('button', { name: 'Total' }).click(); // descending: the routes that ran come first
  await page.waitForTimeout(1000);

  const rows = await page.locator('table tbody tr').evaluateAll(trs =>
    trs.map(tr => [...tr.querySelectorAll('td')].map(td => td.innerText.trim())));
  const header = await page.locator('table thead th').evaluateAll(ths => ths.map(th => th.innerText.trim()));
  const name = header.indexOf('Name'), total = header.indexOf('Total');
  const ran = rows.filter(r => Number(r[total]) > 0).map(r => r[name].replace(/\s+/g, ''));
  console.log(`hawtio-check: ${rows.length} routes listed; with exchanges: ${ran.slice(0, 8).join(', ')}`);
  for (const id of ['rest-incident-list', 'incident-list', 'rest-incident-create', 'incident-create', 'rest-user-me']) {
    if (!ran.includes(id)) fail(`route ${id} is not listed with exchanges`);
  }
  await page.screenshot({ path: screenshot });
  console.log('hawtio-check: saved ' + screenshot);
} finally {
  await browser.close();
}
